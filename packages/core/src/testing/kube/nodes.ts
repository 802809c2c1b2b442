// Node objects as a minikube + Calico cluster returns them; the default labels are countenum404's real ones.
import type { V1Node } from '../../k8s.ts'
import { TIMES, time } from './json.ts'

export type NodeSpec = {
  /** `lab4`, `lab4-m02`, …: the profile name, then `-mNN` for every further node, as minikube names them. */
  name: string
  /** Defaults to minikube's docker network: `192.168.49.2` for the first node, `.3` for `-m02`, … */
  ip?: string
  /** `'Unknown'` is a node whose kubelet stopped posting (e.g. after `minikube node stop`). */
  ready?: boolean | 'Unknown'
  /** Defaults to true for the node without a `-mNN` suffix. */
  controlPlane?: boolean
  /** Added to minikube's own labels (a zone label goes here). */
  labels?: Record<string, string>
  /** Replaces every label, minikube's too (a node read from a `--show-labels` table). */
  allLabels?: Record<string, string>
  kubeletVersion?: string
  podCIDR?: string
}

/** 0 for `lab4`, 1 for `lab4-m02`, 2 for `lab4-m03`. */
export const nodeIndex = (name: string): number => {
  const m = /-m(\d+)$/.exec(name)
  return m ? Number(m[1]) - 1 : 0
}

/** The minikube profile a node belongs to (`lab4-m02` → `lab4`). */
export const profileOf = (name: string): string => name.replace(/-m\d+$/, '')

/** The labels minikube v1.34.0 puts on a node (countenum404__get-nodes-show-labels-full.txt). */
export function minikubeLabels(name: string, controlPlane = nodeIndex(name) === 0): Record<string, string> {
  return {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'minikube.k8s.io/commit': '210b148df93a80eb872ecbeb7e35281b3c582c61',
    'minikube.k8s.io/name': profileOf(name),
    'minikube.k8s.io/primary': String(controlPlane),
    'minikube.k8s.io/updated_at': controlPlane ? '2025_01_14T01_29_07_0700' : '2025_01_14T01_29_36_0700',
    'minikube.k8s.io/version': 'v1.34.0',
    ...(controlPlane
      ? {
          'node-role.kubernetes.io/control-plane': '',
          'node.kubernetes.io/exclude-from-external-load-balancers': '',
        }
      : {}),
  }
}

const CONDITIONS = [
  ['MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
] as const

const NOT_READY =
  'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized'

export function node(n: NodeSpec): V1Node {
  const index = nodeIndex(n.name)
  const controlPlane = n.controlPlane ?? index === 0
  const ip = n.ip ?? `192.168.49.${index + 2}`
  const podCIDR = n.podCIDR ?? `10.244.${index}.0/24`
  const ready = n.ready ?? true
  const created = index === 0 ? TIMES.node : TIMES.node2
  const lost = ready === 'Unknown'
  const condition = (type: string, ok: boolean, reason: string, message: string) =>
    lost
      ? // The node controller's view once the kubelet went quiet: every condition Unknown.
        {
          lastHeartbeatTime: time(TIMES.ready),
          lastTransitionTime: time(TIMES.deleting),
          message: 'Kubelet stopped posting node status.',
          reason: 'NodeStatusUnknown',
          status: 'Unknown',
          type,
        }
      : {
          lastHeartbeatTime: time(TIMES.ready),
          lastTransitionTime: time(created),
          message,
          reason,
          status: ok ? 'True' : 'False',
          type,
        }
  const taints = lost
    ? [
        { effect: 'NoSchedule', key: 'node.kubernetes.io/unreachable', timeAdded: time(TIMES.deleting) },
        { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', timeAdded: time(TIMES.deleting) },
      ]
    : ready
      ? undefined
      : [{ effect: 'NoSchedule', key: 'node.kubernetes.io/not-ready' }]
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/cri-dockerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'projectcalico.org/IPv4Address': `${ip}/24`,
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      creationTimestamp: time(created),
      labels: n.allLabels ?? { ...minikubeLabels(n.name, controlPlane), ...n.labels },
      name: n.name,
      resourceVersion: String(400 + index),
      uid: `5d1b7a3e-0000-4000-8000-00000000000${index}`,
    },
    spec: { podCIDR, podCIDRs: [podCIDR], ...(taints ? { taints } : {}) },
    status: {
      addresses: [
        { address: ip, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      allocatable: { cpu: '2', 'ephemeral-storage': '102625208Ki', memory: '2800Mi', pods: '110' },
      capacity: { cpu: '2', 'ephemeral-storage': '102625208Ki', memory: '2800Mi', pods: '110' },
      conditions: [
        ...CONDITIONS.map(([type, reason, message]) => condition(type, false, reason, message)),
        ready === true
          ? condition('Ready', true, 'KubeletReady', 'kubelet is posting ready status')
          : condition('Ready', false, 'KubeletNotReady', NOT_READY),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: `b007${index}d3e-0000-4000-8000-000000000000`,
        containerRuntimeVersion: 'docker://27.2.0',
        kernelVersion: '6.8.0-51-generic',
        kubeProxyVersion: '',
        kubeletVersion: n.kubeletVersion ?? 'v1.31.0',
        machineID: `a1c0${index}e5b0000400080000000000000`,
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.4 LTS',
        systemUUID: `c0ffee0${index}-0000-4000-8000-000000000000`,
      },
    },
  }
}

/**
 * The lab's two nodes (`lab4` control plane, `lab4-m02`), zone-labelled by `zones` (node name → value;
 * a node left out has no zone label).
 */
export function labNodes(
  zones: Record<string, string | undefined> = {},
  key = 'zone',
  profile = 'lab4',
): V1Node[] {
  return [profile, `${profile}-m02`].map((name) => {
    const zone = zones[name]
    return node({ name, ...(zone !== undefined ? { labels: { [key]: zone } } : {}) })
  })
}

/** The zones the lab's default config assigns: control plane first. */
export const LAB_ZONES: Readonly<Record<string, string>> = { lab4: 'east', 'lab4-m02': 'west' }
