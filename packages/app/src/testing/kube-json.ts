// Test helper: kubectl/calicoctl `-o json` output in the real shape (4-space indent, List wrapper, full status blocks).
export type PodSpec = {
  name: string
  node: string
  ip?: string
  ready?: boolean
  waiting?: string
  image?: string
  app?: string
}

const list = (items: unknown[]): string =>
  JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4) + '\n'

export function podJson(p: PodSpec): object {
  const ready = p.ready ?? p.waiting === undefined
  const image = p.image ?? 'ifilyaninitmo/itdt-contained-frontend:master'
  const app = p.app ?? 'frontend'
  const hash = p.name.split('-').slice(-2, -1)[0] ?? '6f7c9d8b5'
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      annotations: p.ip
        ? { 'cni.projectcalico.org/podIP': `${p.ip}/32`, 'cni.projectcalico.org/podIPs': `${p.ip}/32` }
        : {},
      creationTimestamp: '2025-03-14T09:26:53Z',
      generateName: `${app}-${hash}-`,
      labels: { app, 'pod-template-hash': hash },
      name: p.name,
      namespace: 'default',
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          blockOwnerDeletion: true,
          controller: true,
          kind: 'ReplicaSet',
          name: `${app}-${hash}`,
          uid: '4b1f0c9e-3f1e-4f0e-9a55-1d5c2b1f9e01',
        },
      ],
      resourceVersion: '1893',
      uid: `uid-${p.name}`,
    },
    spec: {
      containers: [
        {
          image,
          imagePullPolicy: 'IfNotPresent',
          name: app,
          ports: [{ containerPort: 3000, name: 'http', protocol: 'TCP' }],
        },
      ],
      nodeName: p.node,
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
    },
    status: {
      conditions: [
        {
          lastProbeTime: null,
          lastTransitionTime: '2025-03-14T09:26:53Z',
          status: 'True',
          type: 'PodScheduled',
        },
        {
          lastProbeTime: null,
          lastTransitionTime: '2025-03-14T09:28:10Z',
          status: ready ? 'True' : 'False',
          type: 'Ready',
        },
      ],
      containerStatuses: [
        {
          image,
          name: app,
          ready,
          restartCount: 0,
          started: p.waiting === undefined,
          state: p.waiting
            ? { waiting: { message: `Back-off pulling image "${image}"`, reason: p.waiting } }
            : { running: { startedAt: '2025-03-14T09:27:02Z' } },
        },
      ],
      hostIP: p.node.endsWith('m02') ? '192.168.49.3' : '192.168.49.2',
      phase: p.waiting ? 'Pending' : 'Running',
      ...(p.ip ? { podIP: p.ip, podIPs: [{ ip: p.ip }] } : {}),
      qosClass: 'Burstable',
      startTime: '2025-03-14T09:26:53Z',
    },
  }
}

export const podsJson = (pods: PodSpec[]): string => list(pods.map(podJson))

export function nodesJson(nodes: Array<{ name: string; zone?: string; key?: string }>): string {
  return list(
    nodes.map((n, i) => ({
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        labels: {
          'kubernetes.io/hostname': n.name,
          'kubernetes.io/os': 'linux',
          'minikube.k8s.io/primary': i === 0 ? 'true' : 'false',
          ...(i === 0 ? { 'node-role.kubernetes.io/control-plane': '' } : {}),
          ...(n.zone ? { [n.key ?? 'zone']: n.zone } : {}),
        },
        name: n.name,
      },
      spec: { podCIDR: `10.244.${i}.0/24` },
      status: {
        addresses: [
          { address: `192.168.49.${i + 2}`, type: 'InternalIP' },
          { address: n.name, type: 'Hostname' },
        ],
        conditions: [
          {
            message: 'kubelet is posting ready status',
            reason: 'KubeletReady',
            status: 'True',
            type: 'Ready',
          },
        ],
        nodeInfo: { kubeletVersion: 'v1.31.0' },
      },
    })),
  )
}

export function deploymentJson(
  o: { replicas?: number; ready?: number; image?: string; env?: Array<Record<string, unknown>> } = {},
): string {
  const replicas = o.replicas ?? 2
  return (
    JSON.stringify(
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: {
          annotations: {
            'deployment.kubernetes.io/revision': '1',
            'lab4.itmo/spec-hash': 'a0a13e8dc76275b9',
          },
          generation: 1,
          labels: { app: 'frontend' },
          name: 'frontend',
          namespace: 'default',
        },
        spec: {
          replicas,
          selector: { matchLabels: { app: 'frontend' } },
          template: {
            metadata: { labels: { app: 'frontend' } },
            spec: {
              containers: [
                {
                  env: o.env ?? [
                    { name: 'REACT_APP_USERNAME', value: 'student' },
                    { name: 'REACT_APP_COMPANY_NAME', value: 'ITMO University' },
                  ],
                  image: o.image ?? 'ifilyaninitmo/itdt-contained-frontend:master',
                  name: 'frontend',
                },
              ],
            },
          },
        },
        status: {
          availableReplicas: o.ready ?? replicas,
          observedGeneration: 1,
          readyReplicas: o.ready ?? replicas,
          replicas,
          updatedReplicas: replicas,
        },
      },
      null,
      4,
    ) + '\n'
  )
}

export function serviceJson(clusterIP = '10.101.7.3', type = 'ClusterIP'): string {
  return (
    JSON.stringify(
      {
        apiVersion: 'v1',
        kind: 'Service',
        metadata: {
          annotations: { 'lab4.itmo/spec-hash': '3d1d27e9e06361ff' },
          labels: { app: 'frontend' },
          name: 'frontend',
          namespace: 'default',
        },
        spec: {
          clusterIP,
          clusterIPs: [clusterIP],
          internalTrafficPolicy: 'Cluster',
          ipFamilies: ['IPv4'],
          ports: [{ name: 'http', port: 3000, protocol: 'TCP', targetPort: 3000 }],
          selector: { app: 'frontend' },
          sessionAffinity: 'None',
          type,
        },
        status: { loadBalancer: {} },
      },
      null,
      4,
    ) + '\n'
  )
}

export function endpointSlicesJson(
  endpoints: Array<{ ip: string; pod: string; node: string; ready?: boolean }>,
): string {
  return list([
    {
      addressType: 'IPv4',
      apiVersion: 'discovery.k8s.io/v1',
      endpoints: endpoints.map((e) => ({
        addresses: [e.ip],
        conditions: { ready: e.ready ?? true, serving: e.ready ?? true, terminating: false },
        nodeName: e.node,
        targetRef: { kind: 'Pod', name: e.pod, namespace: 'default', uid: `uid-${e.pod}` },
      })),
      kind: 'EndpointSlice',
      metadata: {
        generateName: 'frontend-',
        labels: { 'kubernetes.io/service-name': 'frontend' },
        name: 'frontend-8x2kq',
        namespace: 'default',
      },
      ports: [{ name: 'http', port: 3000, protocol: 'TCP' }],
    },
  ])
}

/** `calicoctl get ippool -o json`: an IPPoolList, keys sorted, false booleans omitted. */
export function ippoolsJson(pools: Array<{ name: string; cidr: string; selector: string }>): string {
  return (
    JSON.stringify(
      {
        apiVersion: 'projectcalico.org/v3',
        items: pools.map((p) => ({
          apiVersion: 'projectcalico.org/v3',
          kind: 'IPPool',
          metadata: {
            creationTimestamp: '2025-03-14T09:20:11Z',
            name: p.name,
            resourceVersion: '1201',
            uid: `uid-${p.name}`,
          },
          spec: {
            allowedUses: ['Workload', 'Tunnel'],
            blockSize: 26,
            cidr: p.cidr,
            ipipMode: 'Always',
            natOutgoing: true,
            nodeSelector: p.selector,
            vxlanMode: 'Never',
          },
        })),
        kind: 'IPPoolList',
        metadata: { resourceVersion: '1290' },
      },
      null,
      2,
    ) + '\n'
  )
}
