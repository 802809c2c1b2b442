// `minikube node stop|start`: a worker's machine goes down and comes back; its pods stay bound to it.
import { buildNeverEnds, hasFault } from './faults.ts'
import { isAlive } from './pods.ts'
import { delay } from './rand.ts'
import type { Cluster, Faults, Node } from './types.ts'

/**
 * The machine stops: the kubelet stops posting status (the node turns Unknown) and the node controller marks
 * every pod on it not Ready. The pods keep their names and IPs; they are not evicted within the sim's timescale.
 */
export function stopNode(c: Cluster, n: Node, now: number): void {
  if (n.stoppedAt !== undefined) return
  n.stoppedAt = now
  n.readyAt = null
  for (const p of c.pods) if (p.nodeName === n.name && isAlive(p)) p.nodeLostAt = now
}

/**
 * The machine starts again: the kubelet turns Ready after the usual delay, then restarts every container it
 * had (init containers first), so the pods come back under the same names and IPs with one more restart.
 */
export function startNode(c: Cluster, seed: number, faults: Faults, n: Node, now: number): void {
  if (n.stoppedAt === undefined) return
  const boot = now + delay(seed, 500, 1000, 'node-start', n.name, now)
  delete n.stoppedAt
  n.readyAt = !n.controlPlane && hasFault(faults, 'node-not-ready') ? null : boot
  for (const p of c.pods.filter((x) => x.nodeName === n.name)) {
    delete p.nodeLostAt
    if (n.readyAt === null) continue
    // Deletions requested while the node was down complete as soon as its kubelet is back.
    if (p.goneAt !== undefined) p.goneAt = Math.max(p.goneAt, boot)
    if (!p.runAt) continue // never started (e.g. image pull failures): the kubelet just keeps trying
    const at = (key: string, min: number, max: number) => boot + delay(seed, min, max, key, p.meta.name, now)
    if (p.initDone)
      p.initDone = p.initDone.map((d, i) =>
        d === null ? null : at(`init${i}`, 100 + i * 150, 250 + i * 150),
      )
    p.restarts += 1
    p.runAt = at('rerun', 600, 900)
    p.readyAt = buildNeverEnds(faults, p) ? null : at('reready', 900, 1500)
  }
}
