// Kubernetes NetworkPolicy for ingress to pods, as Calico enforces it (the simulator's own model, not the lab's):
// a pod selected by any policy with Ingress in policyTypes accepts only what some ingress rule of those policies
// allows. A rule allows a source when its `from` matches (podSelector, namespaceSelector, both together, ipBlock;
// empty `from`: any source) and the connection's protocol and port match its `ports` (empty: everything, ICMP too).
// NetworkPolicy has no ICMP protocol, so a rule with ports never allows ping. A pod is never blocked from itself,
// nor from its own node (kubelet probes). Egress rules are not modelled. The cni-kindnet fault enforces nothing.
import { contains, parseCidr } from './cidr.ts'
import { hasFault } from './faults.ts'
import type { Cluster, Faults, Generic, Pod } from './types.ts'

type Labels = Record<string, string>
type Expression = { key?: string; operator?: string; values?: string[] }
export type LabelSelector = { matchLabels?: Labels; matchExpressions?: Expression[] }
type Peer = {
  podSelector?: LabelSelector
  namespaceSelector?: LabelSelector
  ipBlock?: { cidr?: string; except?: string[] }
}
type PortRule = { protocol?: string; port?: number | string; endPort?: number }
type IngressRule = { from?: Peer[]; ports?: PortRule[] }
export type PolicySpec = {
  podSelector?: LabelSelector
  policyTypes?: string[]
  ingress?: IngressRule[]
  egress?: unknown[]
}

/** What reaches the pod: the source pod (or just an address, for traffic from outside the pods) and the packet. */
export type Connection = {
  from: { ip: string; pod?: Pod }
  protocol: 'TCP' | 'UDP' | 'SCTP' | 'ICMP'
  /** The destination port; none for ICMP. */
  port?: number
}

/** Equality-based and set-based label selectors; an empty selector selects everything. */
export function matches(selector: LabelSelector | undefined, labels: Labels): boolean {
  if (!selector) return true
  const byLabel = Object.entries(selector.matchLabels ?? {}).every(([k, v]) => labels[k] === v)
  const byExpression = (selector.matchExpressions ?? []).every((e) => {
    const key = e.key ?? ''
    const values = e.values ?? []
    switch (e.operator) {
      case 'In':
        return key in labels && values.includes(labels[key] ?? '')
      case 'NotIn':
        return !(key in labels) || !values.includes(labels[key] ?? '')
      case 'Exists':
        return key in labels
      case 'DoesNotExist':
        return !(key in labels)
      default:
        return false // the API server rejects other operators; match nothing rather than guess
    }
  })
  return byLabel && byExpression
}

/** The labels a namespace carries: the API server's kubernetes.io/metadata.name (the sim keeps no others). */
export const namespaceLabels = (ns: string): Labels => ({ 'kubernetes.io/metadata.name': ns })

const specOf = (g: Generic): PolicySpec => (g.body.spec ?? {}) as PolicySpec

/** policyTypes as the API server defaults them: Ingress always, Egress when egress rules are given. */
export function policyTypes(spec: PolicySpec): string[] {
  if (spec.policyTypes && spec.policyTypes.length > 0) return spec.policyTypes
  return ['Ingress', ...(spec.egress && spec.egress.length > 0 ? ['Egress'] : [])]
}

/** The NetworkPolicies that isolate this pod for ingress. */
export function ingressPolicies(c: Cluster, pod: Pod): Generic[] {
  return c.generics.filter(
    (g) =>
      g.kind === 'NetworkPolicy' &&
      g.namespace === pod.meta.namespace &&
      policyTypes(specOf(g)).includes('Ingress') &&
      matches(specOf(g).podSelector, pod.meta.labels),
  )
}

function peerMatches(peer: Peer, policyNs: string, from: Connection['from']): boolean {
  if (peer.ipBlock) {
    const cidr = parseCidr(peer.ipBlock.cidr ?? '')
    if (!cidr || !contains(cidr, from.ip)) return false
    return !(peer.ipBlock.except ?? []).some((e) => {
      const x = parseCidr(e)
      return x !== undefined && contains(x, from.ip)
    })
  }
  const pod = from.pod
  if (!pod) return false // pod and namespace selectors only ever select pods
  if (peer.namespaceSelector) {
    // Both together: pods matching podSelector in the namespaces matching namespaceSelector.
    if (!matches(peer.namespaceSelector, namespaceLabels(pod.meta.namespace))) return false
    return matches(peer.podSelector, pod.meta.labels)
  }
  if (peer.podSelector) return pod.meta.namespace === policyNs && matches(peer.podSelector, pod.meta.labels)
  return false
}

function portMatches(rule: PortRule, conn: Connection): boolean {
  if (conn.protocol === 'ICMP') return false
  if ((rule.protocol ?? 'TCP').toUpperCase() !== conn.protocol) return false
  if (rule.port === undefined) return true
  // Named ports would need the container's port names, which the sim does not keep: they match nothing.
  if (typeof rule.port !== 'number') return false
  const end = rule.endPort ?? rule.port
  return conn.port !== undefined && conn.port >= rule.port && conn.port <= end
}

function ruleAllows(rule: IngressRule, policyNs: string, conn: Connection): boolean {
  const from = rule.from ?? []
  const source = from.length === 0 || from.some((p) => peerMatches(p, policyNs, conn.from))
  const ports = rule.ports ?? []
  return source && (ports.length === 0 || ports.some((p) => portMatches(p, conn)))
}

/** Does the pod accept this connection? Traffic from the pod itself and from its own node always passes. */
export function ingressAllowed(c: Cluster, faults: Faults, to: Pod, conn: Connection): boolean {
  if (hasFault(faults, 'cni-kindnet')) return true
  if (to.spec.hostNetwork) return true
  if (conn.from.ip === to.ip) return true
  const node = c.nodes.find((n) => n.name === to.nodeName)
  if (node && (conn.from.ip === node.ip || conn.from.ip === node.tunnelIP)) return true
  const policies = ingressPolicies(c, to)
  if (policies.length === 0) return true
  return policies.some((g) => (specOf(g).ingress ?? []).some((r) => ruleAllows(r, g.namespace ?? '', conn)))
}
