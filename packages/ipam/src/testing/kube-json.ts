// Test data builders: stdout strings in the exact shapes kubectl and calicoctl print (`-o json`).
import type { IPPool } from '../pool.ts'
import { calicoctlObjects } from '../manifests/calicoctl.ts'

const list = (items: unknown[]) =>
  JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4)

export type NodeSpec = { name: string; ip: string; labels?: Record<string, string>; controlPlane?: boolean }

export function nodeJson(n: NodeSpec): unknown {
  const cp = n.controlPlane ?? !/-m\d+$/.test(n.name)
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      annotations: { 'projectcalico.org/IPv4Address': `${n.ip}/24`, 'node.alpha.kubernetes.io/ttl': '0' },
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': n.name,
        'kubernetes.io/os': 'linux',
        'minikube.k8s.io/name': 'lab4',
        'minikube.k8s.io/primary': String(cp),
        ...(cp ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
        ...n.labels,
      },
      creationTimestamp: '2026-03-01T10:00:00Z',
    },
    spec: {
      podCIDR: cp ? '10.244.0.0/24' : '10.244.1.0/24',
      podCIDRs: [cp ? '10.244.0.0/24' : '10.244.1.0/24'],
    },
    status: {
      addresses: [
        { address: n.ip, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      conditions: [
        { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
      ],
      nodeInfo: {
        kubeletVersion: 'v1.34.0',
        containerRuntimeVersion: 'docker://28.4.0',
        osImage: 'Ubuntu 22.04.5 LTS',
      },
    },
  }
}

export const nodesJson = (...nodes: NodeSpec[]): string => list(nodes.map(nodeJson))

/** The two lab nodes, labelled zone=east / zone=west. */
export const labNodes = (labelKey = 'zone'): NodeSpec[] => [
  { name: 'lab4', ip: '192.168.49.2', labels: { [labelKey]: 'east' } },
  { name: 'lab4-m02', ip: '192.168.49.3', labels: { [labelKey]: 'west' } },
]

export type PodSpec = {
  name: string
  namespace?: string
  node: string
  ip?: string
  /** `frontend-5c96f4b7b6` for a Deployment pod; omit for a bare pod. */
  replicaSet?: string
  daemonSet?: string
  labels?: Record<string, string>
  hostNetwork?: boolean
  deleting?: boolean
  phase?: string
}

export function podJson(p: PodSpec): unknown {
  const hash = p.replicaSet?.split('-').pop()
  const owner = p.replicaSet
    ? {
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        name: p.replicaSet,
        uid: '6f1c3d2a-0000-4000-8000-000000000001',
        controller: true,
        blockOwnerDeletion: true,
      }
    : p.daemonSet
      ? {
          apiVersion: 'apps/v1',
          kind: 'DaemonSet',
          name: p.daemonSet,
          uid: '6f1c3d2a-0000-4000-8000-000000000002',
          controller: true,
          blockOwnerDeletion: true,
        }
      : undefined
  const running = (p.phase ?? 'Running') === 'Running'
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: p.name,
      namespace: p.namespace ?? 'default',
      labels: { ...(hash ? { 'pod-template-hash': hash } : {}), ...p.labels },
      ...(owner ? { ownerReferences: [owner] } : {}),
      ...(p.ip && !p.hostNetwork
        ? {
            annotations: {
              'cni.projectcalico.org/podIP': `${p.ip}/32`,
              'cni.projectcalico.org/podIPs': `${p.ip}/32`,
            },
          }
        : {}),
      ...(p.deleting ? { deletionTimestamp: '2026-03-01T10:05:00Z', deletionGracePeriodSeconds: 30 } : {}),
      creationTimestamp: '2026-03-01T10:01:00Z',
    },
    spec: {
      nodeName: p.node,
      containers: [{ name: 'main', image: 'registry.k8s.io/pause:3.10' }],
      ...(p.hostNetwork ? { hostNetwork: true } : {}),
    },
    status: {
      phase: p.phase ?? 'Running',
      hostIP: p.node.endsWith('-m02') ? '192.168.49.3' : '192.168.49.2',
      ...(p.ip ? { podIP: p.ip, podIPs: [{ ip: p.ip }] } : {}),
      conditions: [{ type: 'Ready', status: running ? 'True' : 'False' }],
      containerStatuses: [
        {
          name: 'main',
          ready: running,
          restartCount: 0,
          state: running
            ? { running: { startedAt: '2026-03-01T10:01:05Z' } }
            : { waiting: { reason: 'ContainerCreating' } },
        },
      ],
    },
  }
}

export const podsJson = (...pods: PodSpec[]): string => list(pods.map(podJson))

/** `calicoctl get ippool -o json`: the IPPoolList wrapper, false booleans omitted, items null when empty. */
export function poolsJson(...pools: IPPool[]): string {
  const items = pools.map((p, i) => ({
    kind: 'IPPool',
    apiVersion: 'projectcalico.org/v3',
    metadata: {
      name: p.name,
      uid: `9d0c6a7e-0000-4000-8000-00000000000${i}`,
      resourceVersion: String(700 + i),
      creationTimestamp: '2026-03-01T10:00:00Z',
    },
    spec: {
      cidr: p.cidr,
      vxlanMode: p.vxlanMode,
      ipipMode: p.ipipMode,
      ...(p.natOutgoing ? { natOutgoing: true } : {}),
      ...(p.disabled ? { disabled: true } : {}),
      blockSize: p.blockSize,
      nodeSelector: p.nodeSelector,
      allowedUses: ['Workload', 'Tunnel'],
      assignmentMode: 'Automatic',
    },
  }))
  return JSON.stringify(
    {
      kind: 'IPPoolList',
      apiVersion: 'projectcalico.org/v3',
      metadata: { resourceVersion: '812' },
      items: items.length ? items : null,
    },
    null,
    2,
  )
}

export const DEFAULT_POOL: IPPool = {
  name: 'default-ipv4-ippool',
  cidr: '10.244.0.0/16',
  blockSize: 26,
  ipipMode: 'Always',
  vxlanMode: 'Never',
  natOutgoing: true,
  disabled: false,
  disableBGPExport: false,
  nodeSelector: 'all()',
}

export type AffinitySpec = { node: string; cidr: string; state?: string }

/** `kubectl get blockaffinities.crd.projectcalico.org -o json` (names `<node>-<a-b-c-d-26>`). */
export const affinitiesJson = (...a: AffinitySpec[]): string =>
  list(
    a.map((x) => ({
      apiVersion: 'crd.projectcalico.org/v1',
      kind: 'BlockAffinity',
      metadata: { name: `${x.node}-${x.cidr.replace(/[./]/g, '-')}`, resourceVersion: '901' },
      spec: { cidr: x.cidr, deleted: 'false', node: x.node, state: x.state ?? 'confirmed' },
    })),
  )

/** The calicoctl pod as the API server returns it: our manifest plus a status. */
export function calicoctlPodJson(version: string, o: { ready?: boolean; waiting?: string } = {}): string {
  const pod = calicoctlObjects(version)[3] as Record<string, unknown>
  const ready = o.ready ?? true
  return JSON.stringify({
    ...pod,
    status: {
      phase: ready ? 'Running' : 'Pending',
      hostIP: '192.168.49.3',
      podIP: '192.168.49.3',
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [
        {
          name: 'calicoctl',
          ready,
          restartCount: 0,
          image: `quay.io/calico/ctl:${version}`,
          state: ready
            ? { running: { startedAt: '2026-03-01T10:02:00Z' } }
            : { waiting: { reason: o.waiting ?? 'ContainerCreating' } },
        },
      ],
    },
  })
}
