// Object identity: uids and resourceVersions come from per-cluster counters, so they are seed-stable.
import { uid } from './rand.ts'
import type { Cluster, Meta } from './types.ts'

export function newMeta(
  c: Cluster,
  seed: number,
  now: number,
  name: string,
  namespace: string | undefined,
  labels: Record<string, string> = {},
  annotations: Record<string, string> = {},
): Meta {
  c.resourceVersion += 1
  return {
    name,
    ...(namespace ? { namespace } : {}),
    uid: uid(seed, ...clusterKey(c), c.resourceVersion),
    createdAt: now,
    labels: { ...labels },
    annotations: { ...annotations },
    generation: 1,
  }
}

/** The keys a cluster's UIDs derive from: the first cluster of a profile keeps the profile alone. */
export const clusterKey = (c: Cluster): Array<string | number> =>
  c.incarnation ? [c.profile, c.incarnation] : [c.profile]

export function nextCount(c: Cluster, key: string): number {
  const n = c.counters[key] ?? 0
  c.counters[key] = n + 1
  return n
}
