// Pure readiness judgements over `kubectl get … -o json`; the waits poll them and the checks reuse them.
import { daemonSetSummary, nodeSummary, orderNodes, parseItems, podSummary } from '@lab4/core'
import type { NodeSummary, PodSummary, V1DaemonSet, V1Node, V1Pod } from '@lab4/core'

export type Judgement = { done: boolean; observed: string }

export const readNodes = (stdout: string): NodeSummary[] =>
  orderNodes(parseItems<V1Node>(stdout).map(nodeSummary))
export const readPods = (stdout: string): PodSummary[] => parseItems<V1Pod>(stdout).map(podSummary)

export const describeNodes = (nodes: readonly NodeSummary[]): string =>
  nodes.length ? nodes.map((n) => `${n.name} ${n.status}`).join(', ') : 'no nodes'

export function nodesReady(nodes: readonly NodeSummary[], want: number): Judgement {
  return {
    done: nodes.length === want && nodes.every((n) => n.ready),
    observed: `${nodes.length}/${want} nodes: ${describeNodes(nodes)}`,
  }
}

/** A pod counts as healthy only when Running and Ready, as `1/1 Running` in kubectl's table. */
export const isHealthy = (p: PodSummary): boolean => p.ready && p.status === 'Running' && !p.deleting

export const podLine = (p: PodSummary): string => `${p.name}${p.node ? ` on ${p.node}` : ''} ${podState(p)}`

/** READY and STATUS as kubectl shows them, plus "(not Ready)" when a node that stopped reporting left a stale `1/1 Running`. */
export function podState(p: PodSummary): string {
  const [n, of] = p.readyCount.split('/')
  return `${p.readyCount} ${p.status}${!p.ready && n === of ? ' (not Ready)' : ''}`
}

export const calicoNodePods = (pods: readonly PodSummary[]): PodSummary[] =>
  pods.filter((p) => p.labels['k8s-app'] === 'calico-node' && p.namespace === 'kube-system' && !p.deleting)

export type CalicoOnNode = { node: string; pods: PodSummary[]; ok: boolean }

/** calico-node per node: exactly one healthy pod on each. */
export function calicoPerNode(nodes: readonly NodeSummary[], pods: readonly PodSummary[]): CalicoOnNode[] {
  const calico = calicoNodePods(pods)
  return nodes.map((n) => {
    const on = calico.filter((p) => p.node === n.name)
    return { node: n.name, pods: on, ok: on.length === 1 && on.every(isHealthy) }
  })
}

export function describeCalico(per: readonly CalicoOnNode[]): string {
  return (
    per
      .map((c) => (c.pods.length ? c.pods.map(podLine).join(', ') : `no calico-node pod on ${c.node}`))
      .join('; ') || 'no nodes'
  )
}

/** DaemonSet rolled out (desired = ready = updated = node count) and one Ready calico-node pod per node. */
export function calicoRolledOut(
  dsStdout: string,
  nodes: readonly NodeSummary[],
  pods: readonly PodSummary[],
): Judgement {
  const ds = daemonSetSummary(parseItems<V1DaemonSet>(dsStdout)[0] ?? {})
  const per = calicoPerNode(nodes, pods)
  const rolled = ds.desired === nodes.length && ds.ready === ds.desired && ds.updated === ds.desired
  return {
    done: nodes.length > 0 && rolled && per.every((c) => c.ok),
    observed: `calico-node ${ds.ready}/${ds.desired} ready, ${ds.updated} updated; ${describeCalico(per)}`,
  }
}

/** The system Deployments the lab depends on: Calico's controller and CoreDNS. */
export const SYSTEM_APPS = [
  { label: 'calico-kube-controllers', what: 'calico-kube-controllers' },
  { label: 'kube-dns', what: 'CoreDNS' },
] as const

export function systemPodsReady(pods: readonly PodSummary[]): Judgement {
  const parts = SYSTEM_APPS.map(({ label, what }) => {
    const mine = pods.filter(
      (p) => p.labels['k8s-app'] === label && p.namespace === 'kube-system' && !p.deleting,
    )
    const ok = mine.length > 0 && mine.every(isHealthy)
    return { ok, text: mine.length ? mine.map(podLine).join(', ') : `no ${what} pod` }
  })
  return { done: parts.every((p) => p.ok), observed: parts.map((p) => p.text).join('; ') }
}

// ImagePullBackOff / ErrImagePull, also as init-container states (`Init:ImagePullBackOff`).
const PULL_FAILURE = /ImagePullBackOff|ErrImagePull/

export const isPullFailure = (p: PodSummary): boolean => PULL_FAILURE.test(p.status)
