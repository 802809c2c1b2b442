// Pod predicates at a moment in time; every status the fakes print is derived from these timestamps.
import type { Cluster, Pod, Time } from './types.ts'

export const reached = (t: Time | undefined, now: number): boolean =>
  t !== null && t !== undefined && t <= now
export const isAlive = (p: Pod): boolean => p.deletingAt === undefined
export const isRunning = (p: Pod, now: number): boolean => isAlive(p) && reached(p.runAt, now)
export const isReady = (p: Pod, now: number): boolean => isAlive(p) && reached(p.readyAt, now)
export const isAppPod = (p: Pod): boolean => p.meta.namespace !== 'kube-system'

export const matchLabels = (
  selector: Record<string, string> | undefined,
  labels: Record<string, string>,
): boolean => selector !== undefined && Object.entries(selector).every(([k, v]) => labels[k] === v)

export const podsOf = (c: Cluster, ns: string, selector: Record<string, string> | undefined): Pod[] =>
  c.pods.filter((p) => p.meta.namespace === ns && matchLabels(selector, p.meta.labels))

export const calicoReadyOn = (c: Cluster, node: string, now: number): boolean =>
  c.pods.some((p) => p.meta.labels['k8s-app'] === 'calico-node' && p.nodeName === node && isReady(p, now))

export const nodeReady = (c: Cluster, name: string, now: number): boolean =>
  reached(c.nodes.find((n) => n.name === name)?.readyAt, now)

/** kubectl's "most active first" order for picking one pod (port-forward): ready, then longest ready, then oldest. */
export function mostActive(pods: readonly Pod[], now: number): Pod[] {
  return [...pods].sort(
    (a, b) =>
      Number(isReady(b, now)) - Number(isReady(a, now)) ||
      Number(isRunning(b, now)) - Number(isRunning(a, now)) ||
      (a.readyAt ?? Infinity) - (b.readyAt ?? Infinity) ||
      a.meta.createdAt - b.meta.createdAt ||
      a.meta.name.localeCompare(b.meta.name),
  )
}

/** kubectl's STATUS column as the sim decides it. */
export function podPhase(p: Pod, now: number): 'Pending' | 'Running' {
  return isRunning(p, now) ? 'Running' : 'Pending'
}
