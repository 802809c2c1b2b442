// The IP pools a write-up shows: written as manifests (in yaml blocks or files) or listed by calicoctl.
import { DEFAULT_POOL_NAME, parsePools } from '@lab4/ipam'
import type { Ctx } from './context.ts'
import type { Table } from './tables.ts'

export type PoolDef = {
  readonly name: string
  readonly cidr: string
  readonly selector: string
  readonly disabled: boolean
  readonly file: string
  readonly line: number
  readonly via: 'manifest' | 'table'
  /** For manifests: `projectcalico.org/v3` or `crd.projectcalico.org/v1`. */
  readonly apiVersion: string | undefined
  /** For listings: the table it came from. */
  readonly table: Table | undefined
}

export const isDefaultPool = (p: Pick<PoolDef, 'name'>): boolean => p.name === DEFAULT_POOL_NAME

/** IPPool documents, read by ipam's parser (which fills Calico's defaults), one per document. */
export function manifestPools(ctx: Ctx): PoolDef[] {
  return ctx.yaml
    .filter((d) => d.kind === 'IPPool')
    .flatMap((d): PoolDef[] => {
      try {
        return parsePools(JSON.stringify(d.obj)).map((p) => ({
          name: p.name.trim(),
          cidr: p.cidr,
          selector: p.nodeSelector,
          disabled: p.disabled,
          file: d.file,
          line: lineOf(ctx, d.file, d.kindLine, 'cidr:') ?? d.kindLine,
          via: 'manifest',
          apiVersion: d.apiVersion,
          table: undefined,
        }))
      } catch {
        return []
      }
    })
}

/** Pool listings (`calicoctl get ippool [-o wide]`), each as its own snapshot. */
export function poolListings(ctx: Ctx): PoolDef[][] {
  return ctx.tables
    .filter((t) => t.kind === 'pools')
    .map((t) =>
      t.pools.map((r) => ({
        name: r.name,
        cidr: r.cidr,
        selector: r.selector ?? 'all()',
        disabled: r.disabled === true,
        file: ctx.file,
        line: r.n,
        via: 'table' as const,
        apiVersion: undefined,
        table: t,
      })),
    )
}

/** The first line at or after `from` in `file` that contains `needle` (within the same document). */
function lineOf(ctx: Ctx, file: string, from: number, needle: string): number | undefined {
  const lines = file === ctx.file ? ctx.doc.lines : ctx.manifests.find((m) => m.file === file)?.lines
  if (!lines) return undefined
  for (let n = from; n <= Math.min(lines.length, from + 30); n += 1) {
    const t = lines[n - 1]?.text ?? ''
    if (n > from && /^---/.test(t)) return undefined
    if (t.includes(needle)) return n
  }
  return undefined
}

/** The pools in effect at the end of the write-up: the last listing with a custom pool, else the manifests. */
export function finalPools(ctx: Ctx): PoolDef[] {
  const listings = poolListings(ctx).filter((l) => l.some((p) => !isDefaultPool(p)))
  const last = listings[listings.length - 1]
  if (last) return last
  const seen = new Set<string>()
  return manifestPools(ctx).filter((p) => !seen.has(p.name) && Boolean(seen.add(p.name)))
}
