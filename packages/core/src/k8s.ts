// Pure readers for `kubectl get … -o json` output, shared by every package. Types come from client-node (types only).
import type { V1Node, V1Pod, V1DaemonSet, V1Deployment, V1Service } from '@kubernetes/client-node'

export type List<T> = { items: T[] }

/** Parse `kubectl get <kind> -o json` (a List) or a single object into an array. */
export function parseItems<T>(stdout: string): T[] {
  const json = JSON.parse(stdout) as Partial<List<T>> & { kind?: string }
  if (Array.isArray(json.items)) return json.items
  if (json.kind && !json.kind.endsWith('List')) return [json as T]
  return []
}

export type NodeSummary = {
  name: string
  ready: boolean
  /** `Ready`, `NotReady` or `Unknown`, as kubectl's STATUS column shows it. */
  status: string
  controlPlane: boolean
  internalIP: string | undefined
  labels: Record<string, string>
  podCIDR: string | undefined
  kubeletVersion: string | undefined
}

export function nodeSummary(n: V1Node): NodeSummary {
  const ready = n.status?.conditions?.find((c) => c.type === 'Ready')
  const labels = n.metadata?.labels ?? {}
  return {
    name: n.metadata?.name ?? '',
    ready: ready?.status === 'True',
    status: ready?.status === 'True' ? 'Ready' : ready?.status === 'False' ? 'NotReady' : 'Unknown',
    controlPlane:
      'node-role.kubernetes.io/control-plane' in labels || labels['minikube.k8s.io/primary'] === 'true',
    internalIP: n.status?.addresses?.find((a) => a.type === 'InternalIP')?.address,
    labels,
    podCIDR: n.spec?.podCIDR,
    kubeletVersion: n.status?.nodeInfo?.kubeletVersion,
  }
}

/** Nodes in the order zone values are assigned: control plane first, then by name (`p`, `p-m02`, …). */
export function orderNodes<T extends Pick<NodeSummary, 'name' | 'controlPlane'>>(nodes: readonly T[]): T[] {
  return [...nodes].sort(
    (a, b) => Number(b.controlPlane) - Number(a.controlPlane) || a.name.localeCompare(b.name),
  )
}

export type PodSummary = {
  name: string
  namespace: string
  node: string | undefined
  ip: string | undefined
  phase: string
  ready: boolean
  /** `1/1`, as in kubectl's READY column. */
  readyCount: string
  /** kubectl's STATUS column: `Running`, `Init:1/3`, `ImagePullBackOff`, `ContainerCreating`, … */
  status: string
  restarts: number
  labels: Record<string, string>
  ownerKind: string | undefined
  ownerName: string | undefined
  images: string[]
  deleting: boolean
  createdAt: string | undefined
}

export function podSummary(p: V1Pod): PodSummary {
  const cs = p.status?.containerStatuses ?? []
  const owner = p.metadata?.ownerReferences?.[0]
  return {
    name: p.metadata?.name ?? '',
    namespace: p.metadata?.namespace ?? 'default',
    node: p.spec?.nodeName,
    ip: p.status?.podIP,
    phase: p.status?.phase ?? 'Unknown',
    ready: p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false,
    readyCount: `${cs.filter((c) => c.ready).length}/${p.spec?.containers?.length ?? cs.length}`,
    status: podStatus(p),
    restarts: cs.reduce((n, c) => n + (c.restartCount ?? 0), 0),
    labels: p.metadata?.labels ?? {},
    ownerKind: owner?.kind,
    ownerName: owner?.name,
    images: (p.spec?.containers ?? []).map((c) => c.image ?? ''),
    deleting: Boolean(p.metadata?.deletionTimestamp),
    createdAt: p.metadata?.creationTimestamp ? String(p.metadata.creationTimestamp) : undefined,
  }
}

/** The STATUS column, computed the way kubectl's printer does for the common cases. */
export function podStatus(p: V1Pod): string {
  if (p.metadata?.deletionTimestamp) return 'Terminating'
  const inits = p.spec?.initContainers ?? []
  const initStatuses = p.status?.initContainerStatuses ?? []
  for (let i = 0; i < initStatuses.length; i++) {
    const s = initStatuses[i]
    if (s?.state?.terminated?.exitCode === 0) continue
    if (s?.state?.terminated) return `Init:${s.state.terminated.reason ?? 'Error'}`
    if (s?.state?.waiting?.reason && s.state.waiting.reason !== 'PodInitializing')
      return `Init:${s.state.waiting.reason}`
    return `Init:${i}/${inits.length}`
  }
  for (const c of p.status?.containerStatuses ?? []) {
    if (c.state?.waiting?.reason) return c.state.waiting.reason
    if (c.state?.terminated?.reason) return c.state.terminated.reason
  }
  return p.status?.reason ?? p.status?.phase ?? 'Unknown'
}

export type DaemonSetSummary = {
  name: string
  namespace: string
  desired: number
  ready: number
  updated: number
  available: number
}

export function daemonSetSummary(d: V1DaemonSet): DaemonSetSummary {
  return {
    name: d.metadata?.name ?? '',
    namespace: d.metadata?.namespace ?? '',
    desired: d.status?.desiredNumberScheduled ?? 0,
    ready: d.status?.numberReady ?? 0,
    updated: d.status?.updatedNumberScheduled ?? 0,
    available: d.status?.numberAvailable ?? 0,
  }
}

export type { V1Node, V1Pod, V1DaemonSet, V1Deployment, V1Service }

/** `10.244.1.5` → `10-244-1-5`, the label CoreDNS uses in pod and endpoint names. */
export const dashed = (ip: string): string => ip.replace(/\./g, '-')
