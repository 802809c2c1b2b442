// Test helper: ipam's scripted answers for the fake runner (calicoctl's outputs, the calicoctl pod) and the runs
// the step and plan tests share; the kube-JSON builders and the harness are @lab4/core/testing's.
import type { FakeExpectation } from '@lab4/core'
import {
  DEFAULT_POOL,
  LAB_ZONES,
  type PodSpec,
  blockAffinity,
  clusterInformation,
  ipPoolList,
  k,
  kubectlJson,
  labConfig,
  labNodes,
  list,
  pod,
} from '@lab4/core/testing'
import { calicoctlObjects, renderCalicoctlYaml } from '../manifests/calicoctl.ts'
import { renderPoolDocs } from '../manifests/pools.ts'
import { type IPPool, desiredPools } from '../pool.ts'
import { calicoctlArgv } from '../steps/calicoctl.ts'

export const config = labConfig()
export const [east, west] = desiredPools(config) as [IPPool, IPPool]
export const cc = (...args: string[]) => calicoctlArgv(config.profile, args)
/** calicoctl with --allow-version-mismatch, as a run that recorded a mismatch sends it. */
export const ccx = (...args: string[]) => calicoctlArgv(config.profile, args, { allowMismatch: true })
export const nodes = list(labNodes(LAB_ZONES))

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
    { argv: cc('get', 'ippool', '-o', 'json'), respond: { stdout: ipPoolList([east, west]) } },
    { argv: cc('get', 'ippool', '-o', 'wide'), respond: { stdout: wide([east, west]) } },
    { argv: cc('ipam', 'show', '--show-blocks'), respond: { stdout: showBlocks } },
    { argv: cc('ipam', 'check'), respond: { stdout: ipamCheckOut } },
    {
      argv: k('get', 'blockaffinities.crd.projectcalico.org', '-o', 'json'),
      respond: {
        stdout: list(
          [
            { node: 'lab4', cidr: '10.244.1.0/26' },
            { node: 'lab4-m02', cidr: '10.244.2.0/26' },
          ].map(blockAffinity),
        ),
      },
    },
    { argv: k('get', 'pods', '-A', '-o', 'json'), respond: { stdout: pods } },
    { argv: k('get', 'nodes', '-o', 'json'), respond: { stdout: nodes } },
  ]
}

export function observe(pools: IPPool[], pods: string): FakeExpectation[] {
  return [
    { argv: cc('get', 'ippool', '-o', 'json'), respond: { stdout: ipPoolList(pools) } },
    { argv: cc('get', 'ippool', '-o', 'wide'), respond: { stdout: wide(pools) } },
    { argv: k('get', 'pods', '-A', '-o', 'json'), respond: { stdout: pods } },
    { argv: k('get', 'nodes', '-o', 'json'), respond: { stdout: nodes } },
  ]
}

/** `kubectl get clusterinformations… default -o json` for a cluster running this Calico version. */
export const clusterInfo = (v: string) => kubectlJson(clusterInformation(v))
export const getClusterInfo = k('get', 'clusterinformations.crd.projectcalico.org', 'default', '-o', 'json')
export const getPod = k('-n', 'kube-system', 'get', 'pod', 'calicoctl', '-o', 'json')
export const notFound = { exitCode: 1, stderr: 'Error from server (NotFound): pods "calicoctl" not found\n' }
export const versionOut = (client: string, cluster: string) =>
  `Client Version:    ${client}\nGit commit:        9a4b1c2d\nCluster Version:   ${cluster}\nCluster Type:      k8s,bgp,kubeadm,kdd\n`
export const ccVersion = (allowMismatch = false): FakeExpectation['argv'] =>
  calicoctlArgv(config.profile, ['version'], { allowMismatch })

/** ipam.calicoctl on a fresh cluster: version read, no pod, apply, Ready, `calicoctl version`. */
export const freshCalicoctl = (): FakeExpectation[] => [
  { argv: getClusterInfo, respond: { stdout: clusterInfo('v3.31.3') } },
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
  ...observe([DEFAULT_POOL], list([calicoNode, dnsOld, kcOld].map(pod))),
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
  ...collect(list([calicoNode, dnsNew, kcNew, { ...dnsOld, deleting: true }].map(pod))),
]

/** Both ipam steps, first run on a fresh cluster. */
export const firstRun = (): FakeExpectation[] => [...freshCalicoctl(), ...freshPools()]

/** ipam.pools re-run on the zone pools with app pods still on old-pool IPs: their Deployment is restarted. */
export const misplacedAppRerun = (): FakeExpectation[] => [
  ...observe([east, west], list([calicoNode, dnsNew, kcNew, ...appOld].map(pod))),
  {
    argv: k('-n', 'default', 'rollout', 'restart', 'deployment/frontend'),
    respond: { stdout: 'deployment.apps/frontend restarted\n' },
  },
  rolloutCoredns,
  {
    argv: k('-n', 'default', 'rollout', 'status', 'deployment/frontend', '--timeout=600s'),
    respond: { stdout: 'deployment "frontend" successfully rolled out\n' },
  },
  ...collect(list([calicoNode, dnsNew, kcNew, ...appNew].map(pod))),
]

/** The calicoctl pod as the API server returns it: our manifest plus a status. */
export function calicoctlPodJson(version: string, o: { ready?: boolean; waiting?: string } = {}): string {
  const manifest = calicoctlObjects(version)[3] as Record<string, unknown>
  const ready = o.ready ?? true
  return JSON.stringify({
    ...manifest,
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
