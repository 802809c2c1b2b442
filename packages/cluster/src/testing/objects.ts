// Test data in the real API shapes: real-output fixtures turned into the `-o json` objects kubectl would print.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parseTable, podStatus as podSummaryStatus } from '@lab4/core'
import type { V1DaemonSet, V1Node, V1Pod } from '@lab4/core'

const FIXTURES = join(import.meta.dirname, '..', 'fixtures')

/** A copied real output without its `# source:` line. */
export function fixture(name: string): string {
  const text = readFileSync(join(FIXTURES, name), 'utf8')
  return text.startsWith('# source:') ? text.slice(text.indexOf('\n') + 1) : text
}

/** `kubectl get … -o json` wraps many objects in a List. */
export const list = (items: unknown[]): string =>
  JSON.stringify({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } }, null, 4)

export type NodeSpec = {
  name: string
  ready?: boolean
  labels: Record<string, string>
  version?: string
  ip?: string
}

export function nodeObject(n: NodeSpec): V1Node {
  const ready = n.ready ?? true
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: n.name,
      labels: n.labels,
      annotations: { 'node.alpha.kubernetes.io/ttl': '0' },
      creationTimestamp: new Date('2025-01-14T01:29:05Z'),
    },
    spec: {},
    status: {
      addresses: [
        { address: n.ip ?? '192.168.49.2', type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      conditions: [
        {
          type: 'MemoryPressure',
          status: 'False',
          reason: 'KubeletHasSufficientMemory',
          message: 'kubelet has sufficient memory available',
        },
        {
          type: 'DiskPressure',
          status: 'False',
          reason: 'KubeletHasNoDiskPressure',
          message: 'kubelet has no disk pressure',
        },
        {
          type: 'PIDPressure',
          status: 'False',
          reason: 'KubeletHasSufficientPID',
          message: 'kubelet has sufficient PID available',
        },
        ready
          ? {
              type: 'Ready',
              status: 'True',
              reason: 'KubeletReady',
              message: 'kubelet is posting ready status',
            }
          : {
              type: 'Ready',
              status: 'False',
              reason: 'KubeletNotReady',
              message:
                'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized',
            },
      ],
      nodeInfo: {
        kubeletVersion: n.version ?? 'v1.31.0',
        containerRuntimeVersion: 'docker://27.2.0',
        osImage: 'Ubuntu 22.04.4 LTS',
        architecture: 'amd64',
        operatingSystem: 'linux',
        kernelVersion: '6.8.0',
        bootID: '',
        machineID: '',
        systemUUID: '',
        kubeProxyVersion: '',
      },
    },
  }
}

/** Nodes from a real `kubectl get nodes --show-labels` table. */
export function nodesFromShowLabels(table: string): V1Node[] {
  return parseTable(table).map((r, i) =>
    nodeObject({
      name: r.NAME ?? '',
      ready: r.STATUS === 'Ready',
      version: r.VERSION,
      ip: `192.168.49.${i + 2}`,
      labels: Object.fromEntries(
        (r.LABELS ?? '')
          .split(',')
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      ),
    }),
  )
}

/** The real countenum404 nodes (profile lab4), relabelled: `zones` maps node → zone value, undefined = no label. */
export function lab4Nodes(zones: Record<string, string | undefined> = {}, key = 'zone'): V1Node[] {
  return nodesFromShowLabels(fixture('countenum404__get-nodes-show-labels-full.txt')).map((n) => {
    const labels = { ...(n.metadata?.labels ?? {}) }
    delete labels.zone
    const z = zones[n.metadata?.name ?? '']
    if (z !== undefined) labels[key] = z
    return { ...n, metadata: { ...n.metadata, labels } }
  })
}

const CALICO_INITS = ['upgrade-ipam', 'install-cni', 'mount-bpffs']
const APP_LABEL: Array<[RegExp, string]> = [
  [/^calico-node-/, 'calico-node'],
  [/^calico-kube-controllers-/, 'calico-kube-controllers'],
  [/^coredns-/, 'kube-dns'],
  [/^kube-proxy-/, 'kube-proxy'],
]

/** A pod whose containerStatuses reproduce a kubectl table row (READY and STATUS columns). */
export function podFromRow(
  row: { NAME?: string; READY?: string; STATUS?: string; NAMESPACE?: string },
  node: string,
  ip = '192.168.49.2',
): V1Pod {
  const name = row.NAME ?? ''
  const status = row.STATUS ?? 'Running'
  const ready = row.READY === '1/1'
  const app = APP_LABEL.find(([re]) => re.test(name))?.[1]
  const calico = app === 'calico-node'
  const inits = calico ? CALICO_INITS : []
  const initMatch = /^Init:(\d+)\/(\d+)$/.exec(status)
  const initWaiting = /^Init:(\D.*)$/.exec(status)?.[1]
  const doneInits = initMatch ? Number(initMatch[1]) : initWaiting ? 0 : inits.length
  const running = status === 'Running'
  const main = running
    ? { running: { startedAt: new Date('2025-01-14T01:30:00Z') } }
    : { waiting: { reason: initMatch || initWaiting ? 'PodInitializing' : status } }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: row.NAMESPACE ?? 'kube-system',
      labels: app ? { 'k8s-app': app } : { component: name.replace(/-[a-z0-9]+$/, '') },
      ...(calico
        ? {
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'calico-node', uid: 'u', controller: true },
            ],
          }
        : {}),
    },
    spec: {
      nodeName: node,
      ...(inits.length
        ? { initContainers: inits.map((c) => ({ name: c, image: 'docker.io/calico/cni:v3.28.1' })) }
        : {}),
      containers: [
        {
          name: calico ? 'calico-node' : (name.split('-')[0] ?? name),
          image: calico ? 'docker.io/calico/node:v3.28.1' : 'registry.k8s.io/pause:3.10',
        },
      ],
    },
    status: {
      phase: running ? 'Running' : 'Pending',
      hostIP: ip,
      podIP: calico ? ip : undefined,
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      ...(inits.length
        ? {
            initContainerStatuses: inits.map((c, i) => ({
              name: c,
              image: 'docker.io/calico/cni:v3.28.1',
              imageID: '',
              ready: i < doneInits,
              restartCount: 0,
              state:
                i < doneInits
                  ? { terminated: { exitCode: 0, reason: 'Completed' } }
                  : i === doneInits && initWaiting
                    ? {
                        waiting: {
                          reason: initWaiting,
                          message: 'Back-off pulling image "docker.io/calico/cni:v3.28.1"',
                        },
                      }
                    : i === doneInits
                      ? { running: { startedAt: new Date('2025-01-14T01:30:00Z') } }
                      : { waiting: { reason: 'PodInitializing' } },
            })),
          }
        : {}),
      containerStatuses: [
        { name: calico ? 'calico-node' : 'c', image: '', imageID: '', ready, restartCount: 0, state: main },
      ],
    },
  }
}

export function daemonSet(
  namespace: string,
  name: string,
  s: { desired: number; ready: number; updated?: number },
  image = 'docker.io/calico/node:v3.28.1',
): V1DaemonSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name, namespace, labels: { 'k8s-app': name } },
    spec: {
      selector: { matchLabels: { 'k8s-app': name } },
      template: { metadata: { labels: { 'k8s-app': name } }, spec: { containers: [{ name, image }] } },
    },
    status: {
      currentNumberScheduled: s.desired,
      desiredNumberScheduled: s.desired,
      numberMisscheduled: 0,
      numberReady: s.ready,
      numberAvailable: s.ready,
      updatedNumberScheduled: s.updated ?? s.desired,
      observedGeneration: 1,
    },
  }
}

export const clusterInformation = (calicoVersion: string): string =>
  JSON.stringify({
    apiVersion: 'crd.projectcalico.org/v1',
    kind: 'ClusterInformation',
    metadata: { name: 'default', resourceVersion: '712' },
    spec: {
      calicoVersion,
      clusterGUID: '5c3b0e8a0b4f4c52a4d2b7c3a8d9e1f0',
      clusterType: 'k8s,bgp,kubeadm,kdd',
      datastoreReady: true,
    },
  })

export const kubectlVersion = (client: string, server?: string): string =>
  JSON.stringify({
    clientVersion: {
      major: '1',
      minor: client.split('.')[1] ?? '',
      gitVersion: client,
      gitCommit: '',
      gitTreeState: 'clean',
      buildDate: '2024-08-13T07:37:34Z',
      goVersion: 'go1.22.5',
      compiler: 'gc',
      platform: 'linux/amd64',
    },
    kustomizeVersion: 'v5.4.2',
    ...(server
      ? {
          serverVersion: {
            major: '1',
            minor: server.split('.')[1] ?? '',
            gitVersion: server,
            gitCommit: '',
            gitTreeState: 'clean',
            buildDate: '2024-08-13T07:28:49Z',
            goVersion: 'go1.22.5',
            compiler: 'gc',
            platform: 'linux/amd64',
          },
        }
      : {}),
  })

const pad = (rows: string[][]): string => {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  return (
    rows
      .map((r) =>
        r
          .map((c, i) => (i === r.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3)))
          .join('')
          .trimEnd(),
      )
      .join('\n') + '\n'
  )
}

/** `kubectl get nodes -o wide` for the same node objects the JSON answers use. */
export function nodesWideTable(nodes: V1Node[]): string {
  return pad([
    [
      'NAME',
      'STATUS',
      'ROLES',
      'AGE',
      'VERSION',
      'INTERNAL-IP',
      'EXTERNAL-IP',
      'OS-IMAGE',
      'KERNEL-VERSION',
      'CONTAINER-RUNTIME',
    ],
    ...nodes.map((n) => {
      const s = n.status
      const ready = s?.conditions?.find((c) => c.type === 'Ready')?.status === 'True'
      const cp = 'node-role.kubernetes.io/control-plane' in (n.metadata?.labels ?? {})
      const ip = s?.addresses?.find((a) => a.type === 'InternalIP')?.address ?? ''
      return [
        n.metadata?.name ?? '',
        ready ? 'Ready' : 'NotReady',
        cp ? 'control-plane' : '<none>',
        '2m',
        s?.nodeInfo?.kubeletVersion ?? '',
        ip,
        '<none>',
        s?.nodeInfo?.osImage ?? '',
        s?.nodeInfo?.kernelVersion ?? '',
        s?.nodeInfo?.containerRuntimeVersion ?? '',
      ]
    }),
  ])
}

/** `kubectl get pods [-A] [-o wide]` for the same pod objects the JSON answers use. */
export function podsTable(pods: V1Pod[], o: { allNamespaces?: boolean; wide?: boolean } = {}): string {
  const head = [
    ...(o.allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    'READY',
    'STATUS',
    'RESTARTS',
    'AGE',
    ...(o.wide ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : []),
  ]
  return pad([
    head,
    ...pods.map((p) => {
      const cs = p.status?.containerStatuses ?? []
      const ready = `${cs.filter((c) => c.ready).length}/${p.spec?.containers.length ?? 0}`
      const status = podSummaryStatus(p)
      return [
        ...(o.allNamespaces ? [p.metadata?.namespace ?? ''] : []),
        p.metadata?.name ?? '',
        ready,
        status,
        '0',
        '3m',
        ...(o.wide ? [p.status?.podIP ?? '<none>', p.spec?.nodeName ?? '<none>', '<none>', '<none>'] : []),
      ]
    }),
  ])
}
