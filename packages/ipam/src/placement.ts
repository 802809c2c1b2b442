// Which pool should hold each pod's IP (the enabled pools whose selector matches its node) and which one does.
import {
  type NodeSummary,
  type PodSummary,
  type V1Node,
  type V1Pod,
  nodeSummary,
  podSummary,
} from '@lab4/core'
import { ipInCidr } from '@lab4/core'
import type { IPPool } from './pool.ts'
import { type Selector, evaluate, parsePoolSelector } from './selector/index.ts'

export type Placement = {
  readonly pod: PodSummary
  readonly node: NodeSummary | undefined
  /** The node's zone pools (see zonePoolsOf): the IP should lie in one of them. */
  readonly expected: readonly IPPool[]
  /** The pool whose CIDR holds the IP (enabled or not), if any. */
  readonly actual: IPPool | undefined
  readonly ok: boolean
}

/** Pods whose IP Calico assigned: not hostNetwork, not finished, not terminating, with an IP. */
export function isCalicoPod(p: V1Pod, nodes: ReadonlyMap<string, NodeSummary>): boolean {
  const s = podSummary(p)
  if (!s.ip || s.deleting || s.phase === 'Succeeded' || s.phase === 'Failed') return false
  if (p.spec?.hostNetwork) return false
  return s.ip !== nodes.get(s.node ?? '')?.internalIP
}

/** The enabled pools whose nodeSelector matches these labels (a selector that does not parse matches nothing). */
export function poolsSelecting(pools: readonly IPPool[], labels: Readonly<Record<string, string>>): IPPool[] {
  return pools.filter((p) => !p.disabled && matches(selectorOf(p), labels))
}

/** The pool whose CIDR holds this IP (enabled or not), if any. */
export const poolHolding = (pools: readonly IPPool[], ip: string): IPPool | undefined =>
  pools.find((p) => ipInCidr(ip, p.cidr))

/**
 * The zone pools of a node: the enabled pools selecting it, preferring those that do not select every node
 * (while default-ipv4-ippool's all() still exists, a pod in it is not in its zone's pool).
 */
export function zonePoolsOf(
  pools: readonly IPPool[],
  node: NodeSummary,
  allNodes: readonly NodeSummary[],
): IPPool[] {
  const selecting = poolsSelecting(pools, node.labels)
  const specific = selecting.filter((p) => !allNodes.every((n) => poolsSelecting([p], n.labels).length > 0))
  return specific.length > 0 ? specific : selecting
}

export function placePods(
  pods: readonly V1Pod[],
  nodes: readonly V1Node[],
  pools: readonly IPPool[],
): Placement[] {
  const summaries = nodes.map(nodeSummary)
  const byName = new Map(summaries.map((n) => [n.name, n]))
  return pods
    .filter((p) => isCalicoPod(p, byName))
    .map((p) => {
      const pod = podSummary(p)
      const node = byName.get(pod.node ?? '')
      const expected = node ? zonePoolsOf(pools, node, summaries) : []
      const actual = poolHolding(pools, pod.ip ?? '')
      const ok = expected.some((e) => ipInCidr(pod.ip ?? '', e.cidr))
      return { pod, node, expected, actual, ok }
    })
}

/** The Deployment behind a ReplicaSet-owned pod (`frontend-5c96f4b7b6-jw97h` → `frontend`), if any. */
export function deploymentOf(pod: PodSummary): string | undefined {
  const hash = pod.labels['pod-template-hash']
  if (pod.ownerKind !== 'ReplicaSet' || !pod.ownerName || !hash || !pod.ownerName.endsWith(`-${hash}`))
    return undefined
  return pod.ownerName.slice(0, -(hash.length + 1))
}

const selectorOf = (p: IPPool): Selector | undefined => {
  try {
    return parsePoolSelector(p.nodeSelector)
  } catch {
    return undefined
  }
}

const matches = (s: Selector | undefined, labels: Readonly<Record<string, string>>): boolean =>
  s !== undefined && evaluate(s, labels)
