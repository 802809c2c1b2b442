// Advance a cluster to `now`: the deployment controller, the scheduler, the kubelet + Calico CNI, calico-node.
import { buildNeverEnds, hasFault } from './faults.ts'
import { allocate, reconcileTunnel, release } from './ipam.ts'
import { recreateDefaultPool } from './cluster.ts'
import { newMeta, nextCount } from './meta.ts'
import {
  calicoReadyOn,
  isAlive,
  isAppPod,
  isReady,
  matchLabels,
  nodeReady,
  nodeStopped,
  reached,
  terminate,
} from './pods.ts'
import { rollDaemonSet } from './daemonsets.ts'
import { imagesReadyAt } from './images.ts'
import { stretch, timingOf } from './timing.ts'
import { delay, safeString, templateHash, uid } from './rand.ts'
import { POOL_RECREATE_MS } from './versions.ts'
import type { Cluster, Deployment, Faults, Node, Pod, ReplicaSet, World } from './types.ts'

export { terminate }

export function reconcileWorld(w: World, now: number): World {
  const next = structuredClone(w)
  for (const c of Object.values(next.clusters))
    if (c.status === 'Running') reconcile(c, next.seed, next.faults, now)
  return next
}

/** Mutates `c` (a private copy) in place. Run twice so pods created in the first pass get scheduled at once. */
export function reconcile(c: Cluster, seed: number, faults: Faults, now: number): void {
  for (let pass = 0; pass < 2; pass++) {
    // A pod on a stopped node stays Terminating: only its kubelet can confirm that its containers are gone.
    const gone = (p: Pod) => p.goneAt !== undefined && p.goneAt <= now && !nodeStopped(c, p.nodeName)
    for (const p of c.pods.filter(gone)) {
      if (p.ip && !p.spec.hostNetwork) release(c, p.ip)
    }
    c.pods = c.pods.filter((p) => !gone(p))
    keepDefaultPool(c, seed, now)
    for (const d of c.deployments) rollDeployment(c, seed, d, now)
    for (const d of c.daemonSets ?? []) rollDaemonSet(c, seed, d, now)
    for (const p of c.pods) if (!p.nodeName && isAlive(p)) schedule(c, seed, faults, p, now)
    // calico-node claims the node's tunnel address before the CNI hands out pod addresses.
    for (const n of c.nodes) if (calicoReadyOn(c, n.name, now)) reconcileTunnel(c, seed, n)
    for (const p of c.pods) if (p.nodeName && !p.ipAt && isAlive(p)) startSandbox(c, seed, faults, p, now)
  }
}

function keepDefaultPool(c: Cluster, seed: number, now: number): void {
  if (c.pools.length > 0) {
    delete c.poolsEmptySince
    return
  }
  c.poolsEmptySince ??= now
  if (now - c.poolsEmptySince >= POOL_RECREATE_MS && c.nodes.some((n) => calicoReadyOn(c, n.name, now))) {
    c.pools.push(recreateDefaultPool(c, seed, now))
    delete c.poolsEmptySince
  }
}

export const currentHash = (d: Deployment): string => templateHash(d.template)

export function currentReplicaSet(c: Cluster, seed: number, d: Deployment, now: number): ReplicaSet {
  const hash = currentHash(d)
  const found = c.replicaSets.find(
    (r) => r.namespace === d.meta.namespace && r.deployment === d.meta.name && r.hash === hash,
  )
  if (found) return found
  const revision =
    Math.max(
      0,
      ...c.replicaSets
        .filter((r) => r.deployment === d.meta.name && r.namespace === d.meta.namespace)
        .map((r) => r.revision),
    ) + 1
  const rs = {
    name: `${d.meta.name}-${hash}`,
    namespace: d.meta.namespace,
    deployment: d.meta.name,
    hash,
    uid: uid(seed, c.profile, 'rs', d.meta.name, hash),
    createdAt: now,
    revision,
  }
  c.replicaSets.push(rs)
  return rs
}

export const deploymentPods = (c: Cluster, d: Deployment): Pod[] =>
  c.pods.filter(
    (p) =>
      p.owner?.kind === 'ReplicaSet' &&
      p.meta.namespace === d.meta.namespace &&
      c.replicaSets.some((r) => r.name === p.owner?.name && r.deployment === d.meta.name),
  )

/** RollingUpdate with maxSurge 25% (rounded up) and maxUnavailable 25% (rounded down), like the defaults. */
function rollDeployment(c: Cluster, seed: number, d: Deployment, now: number): void {
  const rs = currentReplicaSet(c, seed, d, now)
  const alive = deploymentPods(c, d).filter(isAlive)
  const fresh = alive.filter((p) => p.owner?.name === rs.name)
  const old = alive.filter((p) => p.owner?.name !== rs.name)
  const maxSurge = Math.max(1, Math.ceil(d.replicas * 0.25))
  const maxUnavailable = Math.floor(d.replicas * 0.25)
  if (old.length === 0) {
    while (fresh.length < d.replicas) fresh.push(createPod(c, seed, d, rs, now))
    for (const p of fresh.slice(d.replicas).reverse()) terminate(p, seed, now)
    return
  }
  for (const p of old.filter((p) => !isReady(p, now))) terminate(p, seed, now)
  let oldReady = old.filter((p) => isReady(p, now))
  const freshReady = fresh.filter((p) => isReady(p, now)).length
  while (oldReady.length > 0 && freshReady + oldReady.length - 1 >= d.replicas - maxUnavailable) {
    const [victim, ...rest] = oldReady
    if (victim) terminate(victim, seed, now)
    oldReady = rest
  }
  while (fresh.length < d.replicas && fresh.length + oldReady.length < d.replicas + maxSurge)
    fresh.push(createPod(c, seed, d, rs, now))
}

function createPod(c: Cluster, seed: number, d: Deployment, rs: ReplicaSet, now: number): Pod {
  const name = `${rs.name}-${safeString(seed, 5, c.profile, rs.name, nextCount(c, `pod:${rs.name}`))}`
  const meta = newMeta(
    c,
    seed,
    now,
    name,
    d.meta.namespace,
    { ...d.template.labels, 'pod-template-hash': rs.hash },
    d.template.annotations,
  )
  const pod: Pod = {
    meta: { ...meta, namespace: d.meta.namespace },
    owner: { kind: 'ReplicaSet', name: rs.name, uid: rs.uid },
    spec: structuredClone(d.template.spec),
    restarts: 0,
  }
  c.pods.push(pod)
  return pod
}

function schedule(c: Cluster, seed: number, faults: Faults, p: Pod, now: number): void {
  const ready = c.nodes.filter(
    (n) => nodeReady(c, n.name, now) && matchLabels(p.spec.nodeSelector ?? {}, n.meta.labels),
  )
  let candidates = ready
  if (isAppPod(p) && hasFault(faults, 'pods-one-node')) {
    candidates = ready.filter((n) => n === c.nodes[0])
  } else {
    for (const sc of p.spec.spread ?? []) {
      if (sc.whenUnsatisfiable !== 'DoNotSchedule') continue
      candidates = candidates.filter((n) => spreadAllows(c, p, sc, n))
    }
  }
  if (candidates.length === 0) {
    p.blocked = `0/${c.nodes.length} nodes are available: ${ready.length < c.nodes.length ? `${c.nodes.length - ready.length} node(s) had untolerated taint {node.kubernetes.io/not-ready: }, ` : ''}${ready.length} node(s) didn't match pod topology spread constraints.`
    return
  }
  const siblings = (n: Node) =>
    c.pods.filter((q) => q !== p && isAlive(q) && q.nodeName === n.name && q.owner?.name === p.owner?.name)
      .length
  const pick = [...candidates].sort((a, b) => siblings(a) - siblings(b))[0]
  if (!pick) return
  delete p.blocked
  p.nodeName = pick.name
  p.scheduledAt = now
  void seed
}

function spreadAllows(c: Cluster, p: Pod, sc: NonNullable<Pod['spec']['spread']>[number], n: Node): boolean {
  const value = n.meta.labels[sc.topologyKey]
  if (value === undefined) return false
  const domains = new Map<string, number>()
  for (const node of c.nodes) {
    const v = node.meta.labels[sc.topologyKey]
    if (v !== undefined) domains.set(v, domains.get(v) ?? 0)
  }
  for (const q of c.pods) {
    if (
      q === p ||
      !isAlive(q) ||
      !q.nodeName ||
      q.meta.namespace !== p.meta.namespace ||
      !matchLabels(sc.labelSelector, q.meta.labels)
    )
      continue
    const v = c.nodes.find((x) => x.name === q.nodeName)?.meta.labels[sc.topologyKey]
    if (v !== undefined) domains.set(v, (domains.get(v) ?? 0) + 1)
  }
  const min = Math.min(...domains.values())
  return (domains.get(value) ?? 0) + 1 - min <= sc.maxSkew
}

/** The kubelet creates the sandbox: Calico CNI must be up on the node and a pool must select it. */
function startSandbox(c: Cluster, seed: number, faults: Faults, p: Pod, now: number): void {
  const node = c.nodes.find((n) => n.name === p.nodeName)
  if (!node || !reached(node.readyAt, now)) return
  if (p.spec.hostNetwork) {
    p.ip = node.ip
  } else {
    if (!calicoReadyOn(c, node.name, now)) return
    const got = allocate(c, seed, node.name, `k8s-pod-network.${p.meta.namespace}.${p.meta.name}`)
    if ('error' in got) {
      p.blocked = `failed to setup network for sandbox: plugin type="calico" failed (add): ${got.error}`
      return
    }
    p.ip = got.ip
  }
  delete p.blocked
  p.ipAt = now
  const d = c.deployments.find(
    (x) =>
      x.meta.namespace === p.meta.namespace &&
      p.owner &&
      c.replicaSets.some((r) => r.name === p.owner?.name && r.deployment === x.meta.name),
  )
  const [min, max] = d?.readyDelay ?? [300, 800]
  // The containers start once their images are on the node (a pull of a modelled image takes its time).
  const pulled = imagesReadyAt(c, faults, node, p, now)
  if (pulled === null || (isAppPod(p) && hasFault(faults, 'image-pull-backoff'))) {
    p.imagePullFails = true
    p.runAt = null
    p.readyAt = null
    return
  }
  const k = stretch(timingOf(c))
  p.runAt = pulled + k * delay(seed, 200, Math.min(400, min), 'run', p.meta.name)
  p.readyAt = buildNeverEnds(faults, p) ? null : pulled + k * delay(seed, min, max, 'ready', p.meta.name)
}
