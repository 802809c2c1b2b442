// The simulated world is plain JSON: every fake process loads it, advances it to "now", acts, and saves it.
import type { Timing } from './timing.ts'

/** Milliseconds since the epoch; `null` means "never" (a fault keeps the thing from happening). */
export type Time = number | null

export type Fault =
  | 'calico-slow'
  | 'calico-never-ready'
  | 'image-pull-backoff'
  | 'node-not-ready'
  | 'pods-one-node'
  | 'portforward-drop'
  | 'dns-failure'
  | 'pods-before-pools'
  | 'calicoctl-version-mismatch'
  | 'slow-build'
  | 'cni-kindnet'

export type Faults = Partial<Record<Fault, number | true>>

export type Meta = {
  name: string
  namespace?: string
  uid: string
  createdAt: number
  labels: Record<string, string>
  annotations: Record<string, string>
  generation?: number
}

export type Node = {
  name: string
  ip: string
  controlPlane: boolean
  meta: Meta
  readyAt: Time
  /** Set while the node's machine is stopped (`minikube node stop`): its kubelet posts no status. */
  stoppedAt?: number
  /** IPIP tunnel address Calico gave the node (tunl0). */
  tunnelIP?: string
  /** Pulls of modelled images (timing.ts): started `from`, on the node `at` (null: the pull fails). */
  images?: Record<string, { from: number; at: Time }>
}

export type Container = {
  name: string
  image: string
  env?: Record<string, string>
  ports?: number[]
  command?: string[]
  args?: string[]
  readinessProbe?: unknown
}

export type SpreadConstraint = {
  maxSkew: number
  topologyKey: string
  whenUnsatisfiable: string
  labelSelector: Record<string, string>
}

export type PodSpec = {
  containers: Container[]
  initContainers?: Container[]
  hostNetwork?: boolean
  nodeSelector?: Record<string, string>
  spread?: SpreadConstraint[]
  serviceAccountName?: string
  /** `node` pins the pod (DaemonSet and static pods). */
  nodeName?: string
}

export type Pod = {
  meta: Meta & { namespace: string }
  owner?: { kind: string; name: string; uid: string }
  spec: PodSpec
  nodeName?: string
  scheduledAt?: number
  ip?: string
  /** When the sandbox got its IP; containers start after this. */
  ipAt?: number
  /** Completion time of each init container. */
  initDone?: Time[]
  runAt?: Time
  readyAt?: Time
  imagePullFails?: boolean
  restarts: number
  /** When the node controller marked the pod not Ready because its node stopped posting status. */
  nodeLostAt?: number
  deletingAt?: number
  goneAt?: number
  /** Why the pod cannot start yet (shown in events/conditions). */
  blocked?: string
  /** Last applied manifest of a bare Pod (kubectl apply). */
  applied?: string
}

export type Deployment = {
  meta: Meta & { namespace: string }
  replicas: number
  selector: Record<string, string>
  template: { labels: Record<string, string>; annotations: Record<string, string>; spec: PodSpec }
  /** Last applied manifest, compared to tell `configured` from `unchanged`. */
  applied?: string
  /** How slow this app's containers are: [min, max] ms until Ready. */
  readyDelay: [number, number]
}

/** A DaemonSet someone applied (calico-node and kube-proxy are built in, derived from their pods). */
export type DaemonSet = {
  meta: Meta & { namespace: string }
  selector: Record<string, string>
  template: { labels: Record<string, string>; annotations: Record<string, string>; spec: PodSpec }
  applied: string
}

export type ReplicaSet = {
  name: string
  namespace: string
  deployment: string
  hash: string
  uid: string
  createdAt: number
  revision: number
}

export type ServicePort = {
  name?: string
  port: number
  targetPort: number | string
  protocol: string
  nodePort?: number
}

export type Service = {
  meta: Meta & { namespace: string }
  type: string
  clusterIP: string
  selector?: Record<string, string>
  ports: ServicePort[]
  sliceSuffix: string
  applied?: string
}

export type IPPool = {
  name: string
  uid: string
  createdAt: number
  resourceVersion: number
  cidr: string
  blockSize: number
  ipipMode: string
  vxlanMode: string
  natOutgoing: boolean
  disabled: boolean
  disableBGPExport: boolean
  nodeSelector: string
  allowedUses: string[]
}

export type Block = {
  cidr: string
  /** Node the block is affine to; null once its pool was deleted. */
  affinity: string | null
  /** ip -> handle (`k8s-pod-network.<ns>.<pod>` or `ipip-tunnel-addr-<node>`). */
  allocations: Record<string, string>
  /** Free ordinals in allocation order (Calico reuses freed ordinals last). */
  free: number[]
}

/** Objects we only need to remember (ServiceAccount, ClusterRole, ConfigMap, …). */
export type Generic = {
  kind: string
  apiVersion: string
  name: string
  namespace?: string
  uid: string
  createdAt: number
  body: Record<string, unknown>
  applied: string
}

export type Cluster = {
  profile: string
  driver: string
  kubernetesVersion: string
  cpus: number
  memory: number
  nodeCount: number
  status: 'Running' | 'Stopped'
  createdAt: number
  startedAt: number
  calicoVersion: string
  nodes: Node[]
  pools: IPPool[]
  poolsEmptySince?: number
  blocks: Block[]
  deployments: Deployment[]
  /** Applied DaemonSets; absent in worlds saved before they were modelled. */
  daemonSets?: DaemonSet[]
  replicaSets: ReplicaSet[]
  pods: Pod[]
  services: Service[]
  generics: Generic[]
  counters: Record<string, number>
  /** How long pulls and builds take; fixed when the cluster is created (absent: the defaults). */
  timing?: Partial<Timing>
  /** DNS names CoreDNS answered recently (its `cache 30` serves them non-authoritatively). */
  dnsCache: Record<string, number>
  resourceVersion: number
  /** A re-created cluster of the same profile (2, 3, …): its UIDs differ from its predecessors', as a real one's do. */
  incarnation?: number
}

export type World = {
  version: 1
  seed: number
  faults: Faults
  /** Timing for clusters created from now on (absent: the defaults). */
  timing?: Partial<Timing>
  clusters: Record<string, Cluster>
  /** Clusters created so far, by profile (a delete does not lower it). */
  created?: Record<string, number>
}
