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
    uid: uid(seed, c.profile, c.resourceVersion),
    createdAt: now,
    labels: { ...labels },
    annotations: { ...annotations },
    generation: 1,
  }
}

export function nextCount(c: Cluster, key: string): number {
  const n = c.counters[key] ?? 0
  c.counters[key] = n + 1
  return n
}
