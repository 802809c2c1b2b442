// `minikube start`: a fresh cluster with nodes, kube-system workloads, the default pool and the DNS service.
import { hasFault } from './faults.ts'
import { newMeta, nextCount } from './meta.ts'
import { delay, safeString, uid } from './rand.ts'
import {
  calicoNodeSpec,
  corefile,
  kubeProxySpec,
  staticPodSpec,
  storageProvisionerSpec,
  systemDeployments,
} from './system.ts'
import {
  CALICO_VERSION,
  DEFAULT_POOL,
  KUBERNETES_VERSION,
  MINIKUBE_COMMIT,
  MINIKUBE_VERSION,
  NODE_SUBNET,
  POD_CIDR,
} from './versions.ts'
import { stretch, timingOf, type Timing } from './timing.ts'
import type { Cluster, Faults, IPPool, Node, Pod, PodSpec, Time } from './types.ts'

export type StartOptions = {
  profile: string
  nodes: number
  driver: string
  kubernetesVersion?: string
  cpus?: number
  memory?: number
  timing?: Partial<Timing>
  /** How many clusters of this profile the world has created before, this one included (1 for the first). */
  incarnation?: number
}

export const nodeName = (profile: string, i: number): string =>
  i === 0 ? profile : `${profile}-m${String(i + 1).padStart(2, '0')}`

export function createCluster(seed: number, faults: Faults, o: StartOptions, now: number): Cluster {
  const c: Cluster = {
    profile: o.profile,
    driver: o.driver,
    kubernetesVersion: o.kubernetesVersion
      ? o.kubernetesVersion.startsWith('v')
        ? o.kubernetesVersion
        : `v${o.kubernetesVersion}`
      : KUBERNETES_VERSION,
    cpus: o.cpus ?? 2,
    memory: o.memory ?? 2200,
    nodeCount: o.nodes,
    status: 'Running',
    createdAt: now,
    startedAt: now,
    calicoVersion: CALICO_VERSION,
    nodes: [],
    pools: [],
    blocks: [],
    deployments: [],
    replicaSets: [],
    pods: [],
    services: [],
    generics: [],
    counters: {},
    dnsCache: {},
    resourceVersion: 1000,
    ...(o.timing ? { timing: o.timing } : {}),
    ...(o.incarnation && o.incarnation > 1 ? { incarnation: o.incarnation } : {}),
  }
  for (let i = 0; i < o.nodes; i++) c.nodes.push(newNode(c, seed, faults, i, now))
  c.pools.push(defaultPool(c, seed, now))
  for (const n of c.nodes) addNodePods(c, seed, faults, n, now)
  for (const d of systemDeployments()) {
    c.deployments.push({
      meta: { ...newMeta(c, seed, now, d.name, 'kube-system', d.labels), namespace: 'kube-system' },
      ...d,
    })
  }
  c.services.push(
    {
      meta: {
        ...newMeta(c, seed, now, 'kubernetes', 'default', { component: 'apiserver', provider: 'kubernetes' }),
        namespace: 'default',
      },
      type: 'ClusterIP',
      clusterIP: '10.96.0.1',
      ports: [{ name: 'https', port: 443, targetPort: 8443, protocol: 'TCP' }],
      sliceSuffix: '',
    },
    {
      meta: {
        ...newMeta(c, seed, now, 'kube-dns', 'kube-system', {
          'k8s-app': 'kube-dns',
          'kubernetes.io/cluster-service': 'true',
          'kubernetes.io/name': 'CoreDNS',
        }),
        namespace: 'kube-system',
      },
      type: 'ClusterIP',
      clusterIP: '10.96.0.10',
      selector: { 'k8s-app': 'kube-dns' },
      ports: [
        { name: 'dns', port: 53, targetPort: 53, protocol: 'UDP' },
        { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
        { name: 'metrics', port: 9153, targetPort: 9153, protocol: 'TCP' },
      ],
      sliceSuffix: safeString(seed, 5, c.profile, 'kube-dns-slice'),
    },
  )
  const cm = newMeta(c, seed, now, 'coredns', 'kube-system')
  c.generics.push({
    kind: 'ConfigMap',
    apiVersion: 'v1',
    name: 'coredns',
    namespace: 'kube-system',
    uid: cm.uid,
    createdAt: now,
    body: { data: { Corefile: corefile(`${NODE_SUBNET}.1`) } },
    applied: '',
  })
  return c
}

function newNode(c: Cluster, seed: number, faults: Faults, i: number, now: number): Node {
  const name = nodeName(c.profile, i)
  const stamp = new Date(now).toISOString().replace(/[-:]/g, '_').replace(/\..*$/, '_0700')
  const labels: Record<string, string> = {
    'beta.kubernetes.io/arch': 'amd64',
    'beta.kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'minikube.k8s.io/commit': MINIKUBE_COMMIT,
    'minikube.k8s.io/name': c.profile,
    'minikube.k8s.io/primary': String(i === 0),
    'minikube.k8s.io/updated_at': stamp,
    'minikube.k8s.io/version': MINIKUBE_VERSION,
    ...(i === 0
      ? {
          'node-role.kubernetes.io/control-plane': '',
          'node.kubernetes.io/exclude-from-external-load-balancers': '',
        }
      : {}),
  }
  const never = i > 0 && hasFault(faults, 'node-not-ready')
  return {
    name,
    ip: `${NODE_SUBNET}.${2 + i}`,
    controlPlane: i === 0,
    meta: newMeta(c, seed, now, name, undefined, labels, {
      'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///var/run/cri-dockerd.sock',
      'node.alpha.kubernetes.io/ttl': '0',
    }),
    readyAt: never ? null : now + stretch(timingOf(c)) * (delay(seed, 500, 1000, 'node', name) + i * 300),
  }
}

function defaultPool(c: Cluster, seed: number, now: number): IPPool {
  const m = newMeta(c, seed, now, DEFAULT_POOL, undefined)
  return {
    name: DEFAULT_POOL,
    uid: m.uid,
    createdAt: now,
    resourceVersion: c.resourceVersion,
    cidr: POD_CIDR,
    blockSize: 26,
    ipipMode: 'Always',
    vxlanMode: 'Never',
    natOutgoing: true,
    disabled: false,
    disableBGPExport: false,
    nodeSelector: 'all()',
    allowedUses: ['Workload', 'Tunnel'],
  }
}

export const recreateDefaultPool = defaultPool

/** Per-node pods: the DaemonSets everywhere, static control-plane pods and the provisioner on the first node. */
export function addNodePods(c: Cluster, seed: number, faults: Faults, n: Node, now: number): void {
  const base = n.readyAt ?? null
  const nodeDown = base === null
  const hostPod = (
    name: string,
    spec: PodSpec,
    labels: Record<string, string>,
    owner: Pod['owner'],
    times: { run: Time; ready: Time; init?: Time[] },
  ) => {
    const meta = newMeta(c, seed, now, name, 'kube-system', labels)
    c.pods.push({
      meta: { ...meta, namespace: 'kube-system' },
      ...(owner ? { owner } : {}),
      spec: { ...spec, nodeName: n.name },
      nodeName: n.name,
      scheduledAt: now,
      ip: n.ip,
      ipAt: now,
      runAt: nodeDown ? null : times.run,
      readyAt: nodeDown ? null : times.ready,
      ...(times.init ? { initDone: nodeDown ? times.init.map(() => null) : times.init } : {}),
      restarts: 0,
    })
  }
  const k = stretch(timingOf(c))
  const t = (min: number, max: number, key: string) => now + k * delay(seed, min, max, key, n.name)
  const ds = (name: string) => ({ kind: 'DaemonSet', name, uid: uid(seed, c.profile, 'DaemonSet', name) })
  hostPod(
    `kube-proxy-${suffix(c, seed, 'kube-proxy')}`,
    kubeProxySpec(c.kubernetesVersion),
    { 'k8s-app': 'kube-proxy', 'controller-revision-hash': '5d8b7c9f4b', 'pod-template-generation': '1' },
    ds('kube-proxy'),
    { run: t(150, 300, 'kp'), ready: t(300, 500, 'kp-ready') },
  )
  const slow = hasFault(faults, 'calico-slow')
  const never = hasFault(faults, 'calico-never-ready')
  const [a, b, cc, run, ready] = slow ? [1500, 3000, 4500, 5500, 7000] : [250, 500, 750, 900, 1000]
  const spread = slow ? 1000 : 800
  const init: Time[] = never
    ? [t(a, a + 200, 'i0'), null, null]
    : [t(a, a + spread / 4, 'i0'), t(b, b + spread / 4, 'i1'), t(cc, cc + spread / 4, 'i2')]
  hostPod(
    `calico-node-${suffix(c, seed, 'calico-node')}`,
    calicoNodeSpec(c.calicoVersion),
    { 'k8s-app': 'calico-node', 'controller-revision-hash': '6c8f7d6b5d', 'pod-template-generation': '1' },
    ds('calico-node'),
    {
      init,
      run: never ? null : t(run, run + spread / 2, 'run'),
      ready: never ? null : t(ready + spread / 2, ready + spread, 'ready'),
    },
  )
  if (!n.controlPlane) return
  const nodeOwner = { kind: 'Node', name: n.name, uid: n.meta.uid }
  for (const comp of ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler']) {
    hostPod(
      `${comp}-${n.name}`,
      staticPodSpec(comp, c.kubernetesVersion),
      { component: comp, tier: 'control-plane' },
      nodeOwner,
      { run: now, ready: t(100, 300, comp) },
    )
  }
  hostPod(
    'storage-provisioner',
    storageProvisionerSpec(),
    { 'addonmanager.kubernetes.io/mode': 'Reconcile', 'integration-test': 'storage-provisioner' },
    undefined,
    { run: t(200, 400, 'sp'), ready: t(400, 600, 'sp-ready') },
  )
}

const suffix = (c: Cluster, seed: number, key: string) =>
  safeString(seed, 5, c.profile, key, nextCount(c, key))
