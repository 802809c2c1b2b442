// Observed vs desired pools → the calicoctl actions, in the only safe order: delete first, then create everything missing at once.
import { DEFAULT_POOL_NAME, type IPPool, canonicalCidr, immutableDiffers, poolDifferences } from './pool.ts'

export type PoolAction =
  | { readonly op: 'delete'; readonly name: string; readonly reason: string }
  /** One `calicoctl create -f -` with every missing pool: calico-node recreates a default pool if it finds none. */
  | { readonly op: 'create'; readonly pools: readonly IPPool[] }
  /** Mutable fields (selector, encapsulation, NAT, disabled) changed in place with `calicoctl apply -f -`. */
  | { readonly op: 'apply'; readonly pools: readonly IPPool[]; readonly changes: readonly string[] }

export function planPools(observed: readonly IPPool[], desired: readonly IPPool[]): PoolAction[] {
  const want = new Map(desired.map((p) => [p.name, p]))
  const deletes: Array<PoolAction & { op: 'delete' }> = []
  const kept = new Set<string>()
  for (const o of observed) {
    const w = want.get(o.name)
    if (!w) {
      deletes.push({
        op: 'delete',
        name: o.name,
        reason:
          o.name === DEFAULT_POOL_NAME
            ? `the default pool ${canonicalCidr(o.cidr)} overlaps the zone pools`
            : 'not in the config',
      })
    } else if (immutableDiffers(o, w)) {
      deletes.push({
        op: 'delete',
        name: o.name,
        reason: `cidr/blockSize cannot change in place (${poolDifferences(o, w).join(', ')})`,
      })
    } else {
      kept.add(o.name)
    }
  }
  // The default pool goes first: while it exists, creating pools inside 10.244.0.0/16 is refused as overlapping.
  deletes.sort(
    (a, b) =>
      Number(b.name === DEFAULT_POOL_NAME) - Number(a.name === DEFAULT_POOL_NAME) ||
      a.name.localeCompare(b.name),
  )

  const missing = desired.filter((p) => !kept.has(p.name))
  const changed = desired.filter((p) => kept.has(p.name))
  const changes = changed.flatMap((w) => {
    const o = observed.find((x) => x.name === w.name)
    return o ? poolDifferences(o, w).map((d) => `${w.name}: ${d}`) : []
  })
  const updates = changed.filter((w) => changes.some((c) => c.startsWith(`${w.name}: `)))

  return [
    ...deletes,
    ...(missing.length > 0 ? [{ op: 'create' as const, pools: missing }] : []),
    ...(updates.length > 0 ? [{ op: 'apply' as const, pools: updates, changes }] : []),
  ]
}
