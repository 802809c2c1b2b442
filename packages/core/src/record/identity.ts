// Which cluster a run ran against: what a re-creation changes (the kube-system namespace UID and the node UIDs).
import { z } from 'zod'
import { parseItems, type V1Node } from '../k8s.ts'
import type { JournalEntry } from '../journal/schema.ts'

/** The observation key the identity is recorded under (cluster's contract re-exports it as `KEY.identity`). */
export const IDENTITY_KEY = 'cluster.identity'

export const ClusterIdentity = z.object({
  kubeSystemUid: z.string().min(1),
  /** Sorted by name, so the same cluster always gives the same value. */
  nodes: z.array(z.object({ name: z.string(), uid: z.string().min(1) })),
})
export type ClusterIdentity = z.infer<typeof ClusterIdentity>

/** From `kubectl get namespace kube-system -o json` and `kubectl get nodes -o json`; undefined if either lacks a UID. */
export function identityFrom(namespaceJson: string, nodesJson: string): ClusterIdentity | undefined {
  try {
    const ns = parseItems<{ metadata?: { uid?: string; name?: string } }>(namespaceJson)[0]
    const nodes = parseItems<V1Node>(nodesJson).map((n) => ({
      name: n.metadata?.name ?? '',
      uid: n.metadata?.uid ?? '',
    }))
    const parsed = ClusterIdentity.safeParse({
      kubeSystemUid: ns?.metadata?.name === 'kube-system' ? ns.metadata.uid : undefined,
      nodes: nodes.sort((a, b) => a.name.localeCompare(b.name)),
    })
    return parsed.success && parsed.data.nodes.length > 0 ? parsed.data : undefined
  } catch {
    return undefined // not JSON: the command failed; no identity is better than a wrong one
  }
}

/** The last identity a run recorded, if any (v1 runs and runs that never reached cluster.ready have none). */
export function identityOf(entries: readonly JournalEntry[]): ClusterIdentity | undefined {
  for (let i = entries.length - 1; i >= 0; i -= 1) {
    const e = entries[i]
    if (e?.type !== 'observation' || e.key !== IDENTITY_KEY) continue
    const parsed = ClusterIdentity.safeParse(e.value)
    if (parsed.success) return parsed.data
  }
  return undefined
}

export const sameIdentity = (a: ClusterIdentity, b: ClusterIdentity): boolean =>
  formatIdentity(a) === formatIdentity(b)

/** `kube-system <uid>, nodes lab4 <uid>, lab4-m02 <uid>`: how messages name a cluster. */
export const formatIdentity = (i: ClusterIdentity): string =>
  `kube-system ${i.kubeSystemUid}, nodes ${i.nodes.map((n) => `${n.name} ${n.uid}`).join(', ')}`
