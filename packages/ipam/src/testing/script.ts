// Test helper: scripted answers for the ipam steps (fake runner), and the first run on a fresh cluster.
import { type FakeExpectation, parseConfig } from '@lab4/core'
import { calicoctlArgv } from '../steps/calicoctl.ts'
import { renderCalicoctlYaml } from '../manifests/calicoctl.ts'
import { renderPoolDocs } from '../manifests/pools.ts'
import { type IPPool, desiredPools } from '../pool.ts'
import {
  DEFAULT_POOL,
  type PodSpec,
  affinitiesJson,
  calicoctlPodJson,
  labNodes,
  nodesJson,
  podsJson,
  poolsJson,
} from './kube-json.ts'
import { PROFILE, k } from './run.ts'

export const config = parseConfig('{}', 'lab.config.yaml').config
export const [east, west] = desiredPools(config) as [IPPool, IPPool]
export const cc = (...args: string[]) => calicoctlArgv(PROFILE, args)
export const nodes = nodesJson(...labNodes())

export const wide = (rows: IPPool[]) =>
  [
    'NAME                  CIDR            NAT    IPIPMODE   VXLANMODE   DISABLED   DISABLEBGPEXPORT   SELECTOR         ASSIGNMENTMODE   ',
    ...rows.map(
      (p) =>
        `${p.name.padEnd(22)}${p.cidr.padEnd(16)}true   Always     Never       false      false              ${p.nodeSelector.padEnd(17)}Automatic        `,
    ),
    '',
  ].join('\n')

export const calicoNode: PodSpec = {
  name: 'calico-node-4xk2p',
  namespace: 'kube-system',
  node: 'lab4',
  ip: '192.168.49.2',
  daemonSet: 'calico-node',
  hostNetwork: true,
}
export const dnsOld: PodSpec = {
  name: 'coredns-7c65d6cfc9-x2x9k',
  namespace: 'kube-system',
  node: 'lab4',
  ip: '10.244.120.66',
  replicaSet: 'coredns-7c65d6cfc9',
  labels: { 'k8s-app': 'kube-dns' },
}
export const kcOld: PodSpec = {
  name: 'calico-kube-controllers-b8d8894fb-5vq7n',
  namespace: 'kube-system',
  node: 'lab4',
  ip: '10.244.120.65',
  replicaSet: 'calico-kube-controllers-b8d8894fb',
  labels: { 'k8s-app': 'calico-kube-controllers' },
}
export const dnsNew: PodSpec = {
  ...dnsOld,
  name: 'coredns-5d78c9869d-9hq4z',
  node: 'lab4-m02',
  ip: '10.244.2.1',
  replicaSet: 'coredns-5d78c9869d',
}
export const kcNew: PodSpec = {
  ...kcOld,
  name: 'calico-kube-controllers-6c7f5b5d4-q8lmn',
  ip: '10.244.1.1',
  replicaSet: 'calico-kube-controllers-6c7f5b5d4',
}
export const appOld: PodSpec[] = [
  {
    name: 'frontend-5c96f4b7b6-jw97h',
    node: 'lab4',
    ip: '10.244.120.67',
    replicaSet: 'frontend-5c96f4b7b6',
    labels: { app: 'frontend' },
  },
  {
    name: 'frontend-5c96f4b7b6-t9brh',
    node: 'lab4-m02',
    ip: '10.244.151.193',
    replicaSet: 'frontend-5c96f4b7b6',
    labels: { app: 'frontend' },
  },
]
export const appNew: PodSpec[] = [
  {
    name: 'frontend-7d9f8b6c5-2kq9w',
    node: 'lab4',
    ip: '10.244.1.2',
    replicaSet: 'frontend-7d9f8b6c5',
    labels: { app: 'frontend' },
  },
  {
    name: 'frontend-7d9f8b6c5-8zx4m',
    node: 'lab4-m02',
    ip: '10.244.2.2',
    replicaSet: 'frontend-7d9f8b6c5',
    labels: { app: 'frontend' },
  },
]

export const showBlocks = [
  '+----------+---------------+-----------+------------+------------+',
  '| GROUPING |     CIDR      | IPS TOTAL | IPS IN USE |  IPS FREE  |',
  '+----------+---------------+-----------+------------+------------+',
  '| IP Pool  | 10.244.1.0/24 |       256 | 2 (1%)     | 254 (99%)  |',
  '| Block    | 10.244.1.0/26 |        64 | 2 (3%)     | 62 (97%)   |',
  '| IP Pool  | 10.244.2.0/24 |       256 | 2 (1%)     | 254 (99%)  |',
  '| Block    | 10.244.2.0/26 |        64 | 2 (3%)     | 62 (97%)   |',
  '+----------+---------------+-----------+------------+------------+',
  '',
].join('\n')
export const ipamCheckOut = [
  'Checking IPAM for inconsistencies...',
  '',
  'Loading all IPAM blocks...',
  'Found 2 IPAM blocks.',
  ' IPAM block 10.244.1.0/26 affinity=host:lab4:',
  ' IPAM block 10.244.2.0/26 affinity=host:lab4-m02:',
  'IPAM blocks record 4 allocations.',
  '',
  'Check complete; found 0 problems.',
  '',
].join('\n')
export const rolloutCoredns: FakeExpectation = {
  argv: k('-n', 'kube-system', 'rollout', 'status', 'deployment/coredns', '--timeout=600s'),
  respond: { stdout: 'deployment "coredns" successfully rolled out\n' },
}

export function collect(pods: string): FakeExpectation[] {
  return [
    { argv: cc('get', 'ippool', '-o', 'json'), respond: { stdout: poolsJson(east, west) } },
    { argv: cc('get', 'ippool', '-o', 'wide'), respond: { stdout: wide([east, west]) } },
    { argv: cc('ipam', 'show', '--show-blocks'), respond: { stdout: showBlocks } },
    { argv: cc('ipam', 'check'), respond: { stdout: ipamCheckOut } },
    {
      argv: k('get', 'blockaffinities.crd.projectcalico.org', '-o', 'json'),
      respond: {
        stdout: affinitiesJson(
          { node: 'lab4', cidr: '10.244.1.0/26' },
          { node: 'lab4-m02', cidr: '10.244.2.0/26' },
        ),
      },
    },
    { argv: k('get', 'pods', '-A', '-o', 'json'), respond: { stdout: pods } },
    { argv: k('get', 'nodes', '-o', 'json'), respond: { stdout: nodes } },
  ]
}

export function observe(pools: IPPool[], pods: string): FakeExpectation[] {
  return [
    { argv: cc('get', 'ippool', '-o', 'json'), respond: { stdout: poolsJson(...pools) } },
    { argv: cc('get', 'ippool', '-o', 'wide'), respond: { stdout: wide(pools) } },
    { argv: k('get', 'pods', '-A', '-o', 'json'), respond: { stdout: pods } },
    { argv: k('get', 'nodes', '-o', 'json'), respond: { stdout: nodes } },
  ]
}

export const clusterInfo = (v: string) =>
  JSON.stringify(
    {
      apiVersion: 'crd.projectcalico.org/v1',
      kind: 'ClusterInformation',
      metadata: { name: 'default' },
      spec: {
        calicoVersion: v,
        clusterGUID: 'f1a2',
        clusterType: 'k8s,bgp,kubeadm,kdd',
        datastoreReady: true,
      },
    },
    null,
    4,
  )

export const getPod = k('-n', 'kube-system', 'get', 'pod', 'calicoctl', '-o', 'json')
export const notFound = { exitCode: 1, stderr: 'Error from server (NotFound): pods "calicoctl" not found\n' }
export const versionOut = (client: string, cluster: string) =>
  `Client Version:    ${client}\nGit commit:        9a4b1c2d\nCluster Version:   ${cluster}\nCluster Type:      k8s,bgp,kubeadm,kdd\n`
export const ccVersion = (allowMismatch = false): FakeExpectation['argv'] =>
  calicoctlArgv(PROFILE, ['version'], { allowMismatch })

/** ipam.calicoctl on a fresh cluster: version read, no pod, apply, Ready, `calicoctl version`. */
export const freshCalicoctl = (): FakeExpectation[] => [
  {
    argv: k('get', 'clusterinformations.crd.projectcalico.org', 'default', '-o', 'json'),
    respond: { stdout: clusterInfo('v3.31.3') },
  },
  { argv: getPod, respond: notFound },
  {
    argv: k('apply', '-f', '-'),
    stdin: renderCalicoctlYaml('v3.31.3'),
    respond: {
      stdout:
        'serviceaccount/calicoctl created\nclusterrole.rbac.authorization.k8s.io/calicoctl created\nclusterrolebinding.rbac.authorization.k8s.io/calicoctl created\npod/calicoctl created\n',
    },
  },
  { argv: getPod, respond: { stdout: calicoctlPodJson('v3.31.3') } },
  { argv: ccVersion(), respond: { stdout: versionOut('v3.31.3', 'v3.31.3') } },
]

/** ipam.pools on a fresh cluster: delete the default pool, create both zone pools, restart the system pods. */
export const freshPools = (): FakeExpectation[] => [
  ...observe([DEFAULT_POOL], podsJson(calicoNode, dnsOld, kcOld)),
  {
    argv: cc('delete', 'ippool', 'default-ipv4-ippool'),
    respond: { stdout: "Successfully deleted 1 'IPPool' resource(s)\n" },
  },
  {
    argv: cc('create', '-f', '-'),
    stdin: renderPoolDocs([east, west]),
    respond: { stdout: "Successfully created 2 'IPPool' resource(s)\n" },
  },
  {
    argv: k(
      '-n',
      'kube-system',
      'rollout',
      'restart',
      'deployment/coredns',
      'deployment/calico-kube-controllers',
    ),
    respond: {
      stdout: 'deployment.apps/coredns restarted\ndeployment.apps/calico-kube-controllers restarted\n',
    },
  },
  rolloutCoredns,
  ...collect(podsJson(calicoNode, dnsNew, kcNew, { ...dnsOld, deleting: true })),
]

/** Both ipam steps, first run on a fresh cluster. */
export const firstRun = (): FakeExpectation[] => [...freshCalicoctl(), ...freshPools()]

/** ipam.pools re-run on the zone pools with app pods still on old-pool IPs: their Deployment is restarted. */
export const misplacedAppRerun = (): FakeExpectation[] => [
  ...observe([east, west], podsJson(calicoNode, dnsNew, kcNew, ...appOld)),
  {
    argv: k('-n', 'default', 'rollout', 'restart', 'deployment/frontend'),
    respond: { stdout: 'deployment.apps/frontend restarted\n' },
  },
  rolloutCoredns,
  {
    argv: k('-n', 'default', 'rollout', 'status', 'deployment/frontend', '--timeout=600s'),
    respond: { stdout: 'deployment "frontend" successfully rolled out\n' },
  },
  ...collect(podsJson(calicoNode, dnsNew, kcNew, ...appNew)),
]
