// Column tables inside an output (kubectl, calicoctl), each row with its line number. Rows are read by core's
// parseTable and ipam's parsePoolsTable; this file only cuts the output into tables and keeps the numbering.
import { parseTable } from '@lab4/core'
import { parsePoolsTable, type PoolRow } from '@lab4/ipam'
import type { Line } from '../types.ts'
import { type Transcript, isElision } from '../transcript.ts'

export type TableKind =
  'nodes' | 'pods' | 'pools' | 'services' | 'deployments' | 'replicasets' | 'names' | 'other'

export type Row = {
  readonly n: number
  readonly text: string
  readonly cells: Readonly<Record<string, string>>
}

export type Table = {
  readonly kind: TableKind
  readonly columns: readonly string[]
  readonly headerLine: number
  readonly rows: readonly Row[]
  /** Pool rows as ipam reads them (only for `pools`). */
  readonly pools: ReadonlyArray<PoolRow & { readonly n: number }>
  readonly t: Transcript
  /** Rows were cut with `...`. */
  readonly elided: boolean
}

const HEADER = /^[A-Z][A-Z0-9_()/-]*(\s+[A-Z][A-Z0-9_()/-]*)+$/

export const isHeaderLine = (t: string): boolean =>
  HEADER.test(t.trim()) && /\S\s{2,}\S|\S\s+\S/.test(t.trim())

function kindOf(columns: readonly string[]): TableKind {
  const has = (...c: string[]) => c.every((x) => columns.includes(x))
  if (has('NAME', 'CIDR')) return 'pools'
  if (has('NAME', 'STATUS', 'ROLES', 'AGE')) return 'nodes'
  if (has('NAME', 'READY', 'STATUS', 'RESTARTS')) return 'pods'
  if (has('NAME', 'TYPE', 'CLUSTER-IP')) return 'services'
  if (has('NAME', 'READY', 'UP-TO-DATE')) return 'deployments'
  if (has('NAME', 'DESIRED', 'CURRENT')) return 'replicasets'
  if (columns.length === 2 && has('NAME', 'AGE')) return 'names'
  return 'other'
}

/** Every table in a transcript's output: chunks between blank lines that start with an upper-case header. */
export function tablesOf(t: Transcript): Table[] {
  const chunks: Line[][] = [[]]
  for (const l of t.out) {
    if (l.text.trim() === '') chunks.push([])
    else (chunks[chunks.length - 1] as Line[]).push(l)
  }
  const tables: Table[] = []
  for (const chunk of chunks) {
    const at = chunk.findIndex((l) => isHeaderLine(l.text))
    if (at < 0) continue
    const body = chunk.slice(at)
    const kept = body.filter((l) => !isElision(l.text))
    const elided = kept.length !== body.length
    const indent = Math.min(...kept.map((l) => l.text.length - l.text.trimStart().length))
    const text = kept.map((l) => l.text.slice(indent)).join('\n')
    const parsed = parseTable(text)
    const head = kept[0] as Line
    const columns = [...head.text.trim().matchAll(/\S+(?: \S+)*/g)].map((m) => m[0])
    const starts = [...head.text.slice(indent).matchAll(/\S+(?: \S+)*/g)].map((m) => m.index)
    const rowLines = kept.slice(1)
    const rows = parsed.map((cells, i) => {
      const line = rowLines[i] as Line
      const row = line.text.slice(indent)
      return { n: line.n, text: line.text, cells: aligned(row, starts) ? cells : byGaps(row, columns) }
    })
    const kind = kindOf(columns)
    let pools: Array<PoolRow & { n: number }> = []
    if (kind === 'pools') {
      try {
        pools = parsePoolsTable(text).rows.map((r, i) => ({ ...r, n: (rowLines[i] as Line).n }))
      } catch {
        pools = []
      }
    }
    tables.push({ kind, columns, headerLine: head.n, rows, pools, t, elided })
  }
  return tables
}

/** Every cell starts where its header starts, with a space before it (or the row ends earlier). */
const aligned = (row: string, starts: readonly number[]): boolean =>
  starts.every((at) => at === 0 || row.length <= at || (row[at - 1] === ' ' && row[at] !== ' '))

/** A hand-edited row that lost its alignment: kubectl pads cells with at least two spaces. */
function byGaps(row: string, columns: readonly string[]): Record<string, string> {
  const parts = row.trim().split(/\s{2,}/)
  return Object.fromEntries(
    columns.map((c, i) => [c, i === columns.length - 1 ? parts.slice(i).join('  ') : (parts[i] ?? '')]),
  )
}

/** kubectl's AGE column (`2m41s`, `15h`, `3d4h`, `118s`) in seconds; undefined for anything else. */
export function parseAge(age: string | undefined): number | undefined {
  if (!age || !/^(\d+[dhms])+$/.test(age)) return undefined
  const unit: Record<string, number> = { d: 86400, h: 3600, m: 60, s: 1 }
  let total = 0
  for (const m of age.matchAll(/(\d+)([dhms])/g)) total += Number(m[1]) * (unit[m[2] ?? 's'] ?? 1)
  return total
}

/** `service/frontend` → `frontend` (kubectl prefixes names when several kinds are listed). */
export const bareName = (name: string): string => name.replace(/^[a-z.]+\//, '')
