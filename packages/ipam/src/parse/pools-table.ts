// `calicoctl get ippool [-o wide]`: a tabwriter table. Selector cells hold spaces, so cells are cut at the header's column offsets.

export type PoolRow = {
  readonly name: string
  readonly cidr: string
  readonly selector?: string
  readonly nat?: boolean
  readonly ipipMode?: string
  readonly vxlanMode?: string
  readonly disabled?: boolean
  readonly disableBGPExport?: boolean
  readonly assignmentMode?: string
  /** Every cell by its header (NAME, CIDR, …), as printed. */
  readonly cells: Readonly<Record<string, string>>
}

export type PoolTable = { readonly columns: readonly string[]; readonly rows: readonly PoolRow[] }

const isHeader = (line: string) => /^NAME\s+CIDR(\s|$)/.test(line.trim()) && !line.startsWith(' ')

/** Parse the first pool table in `text` (lines before the header, such as a shell prompt, are skipped). */
export function parsePoolsTable(text: string): PoolTable {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''))
  const h = lines.findIndex(isHeader)
  if (h < 0) throw new Error('no `NAME  CIDR …` header line (expected calicoctl get ippool output)')
  const header = lines[h] ?? ''
  const columns = [...header.matchAll(/\S+/g)].map((m) => ({ name: m[0], start: m.index ?? 0 }))
  const rows: PoolRow[] = []
  for (const line of lines.slice(h + 1)) {
    // The table ends at the blank line tabwriter prints, or at anything that is plainly not a row.
    if (line.trim() === '' || line.startsWith('--') || line.startsWith(' ')) break
    rows.push(toRow(cellsOf(line, columns)))
  }
  return { columns: columns.map((c) => c.name), rows }
}

function cellsOf(
  line: string,
  columns: ReadonlyArray<{ name: string; start: number }>,
): Record<string, string> {
  const aligned = columns.every((c, i) => i === 0 || line.length <= c.start || line[c.start - 1] === ' ')
  if (aligned) {
    return Object.fromEntries(
      columns.map((c, i) => [c.name, line.slice(c.start, columns[i + 1]?.start ?? line.length).trim()]),
    )
  }
  // A hand-edited row that lost its alignment: tabwriter pads with at least 3 spaces, selectors use single ones.
  const parts = line.trim().split(/\s{3,}/)
  return Object.fromEntries(
    columns.map((c, i) => [c.name, i === columns.length - 1 ? parts.slice(i).join('   ') : (parts[i] ?? '')]),
  )
}

const bool = (v: string | undefined): boolean | undefined =>
  v === 'true' ? true : v === 'false' ? false : undefined

function toRow(cells: Record<string, string>): PoolRow {
  const opt = <K extends keyof PoolRow>(key: K, v: PoolRow[K] | undefined) =>
    v === undefined || v === '' ? {} : { [key]: v }
  return {
    name: cells.NAME ?? '',
    cidr: cells.CIDR ?? '',
    ...opt('selector', cells.SELECTOR),
    ...opt('nat', bool(cells.NAT)),
    ...opt('ipipMode', cells.IPIPMODE),
    ...opt('vxlanMode', cells.VXLANMODE),
    ...opt('disabled', bool(cells.DISABLED)),
    ...opt('disableBGPExport', bool(cells.DISABLEBGPEXPORT)),
    ...opt('assignmentMode', cells.ASSIGNMENTMODE),
    cells,
  }
}
