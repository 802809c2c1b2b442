// Pod predicates at a moment in time; every status the fakes print is derived from these timestamps.
import { delay } from './rand.ts'
import type { Cluster, Pod, Time } from './types.ts'

export const reached = (t: Time | undefined, now: number): boolean =>
  t !== null && t !== undefined && t <= now
export const isAlive = (p: Pod): boolean => p.deletingAt === undefined
export const isRunning = (p: Pod, now: number): boolean => isAlive(p) && reached(p.runAt, now)
/** The pod's Ready condition: its containers are ready and its node still posts status. */
export const readyCondition = (p: Pod, now: number): boolean =>
  reached(p.readyAt, now) && p.nodeLostAt === undefined
export const isReady = (p: Pod, now: number): boolean => isAlive(p) && readyCondition(p, now)
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

/** The node's machine is stopped: nothing on it runs or answers (exec, ping). */
export const nodeStopped = (c: Cluster, name: string | undefined): boolean =>
  c.nodes.some((n) => n.name === name && n.stoppedAt !== undefined)

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

/** Graceful deletion: Terminating now, gone after the (compressed) grace period. */
export function terminate(p: Pod, seed: number, now: number): void {
  if (p.deletingAt !== undefined) return
  p.deletingAt = now
  p.goneAt = now + delay(seed, 300, 700, 'grace', p.meta.name)
}
