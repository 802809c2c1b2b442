// Fake-runner scripts for the cluster steps: the exact contract argv, answered with real-format output.
import { parseTable } from '@lab4/core'
import type { FakeExpectation } from '@lab4/core'
import {
  clusterInformation,
  daemonSet,
  k,
  kubectlJson,
  LAB_ZONES,
  kubectlVersion,
  labNodes,
  list,
  nodesWideTable,
  podFromRow,
  podsTable,
  profileList,
  say,
  statusJson,
} from '@lab4/core/testing'
import { fixture } from './fixture.ts'
import { prepullApply, prepullCollect, prepullRunDone, prepullRunFresh, withImage } from './prepull.ts'

export const START = [
  'minikube',
  'start',
  '-p',
  'lab4',
  '--nodes',
  '2',
  '--cni',
  'calico',
  '--driver',
  'docker',
]
/** A real v1.34.0 start log (default profile, --network-plugin) adapted to our argv: profile lab4, --driver docker, --cni only. */
export const startOutput = (): string =>
  fixture('LinaMalinaMeow__minikube-start.txt')
    .replace(/^.*% .*\n/, '')
    .replace(/^😄 {2}/m, '😄  [lab4] ')
    .replace(
      '✨  Automatically selected the docker driver',
      '✨  Using the docker driver based on user configuration',
    )
    .replace(/^❗ {2}With --network-plugin=cni.*\n/m, '')
    .replace(/"minikube(-m02)?"/g, '"lab4$1"')

const healthyCalico = () =>
  parseTable(fixture('sanchpet__get-pods-calico-node.txt')).map((r, i) =>
    podFromRow(r, i === 0 ? 'lab4' : 'lab4-m02', `192.168.49.${i + 2}`),
  )
const system = () =>
  parseTable(fixture('countenum404__get-pods-kube-system-calico-init.txt'))
    .filter((r) => !r.NAME?.startsWith('calico-node-'))
    .map((r) => podFromRow(r, r.NAME === 'kube-proxy-bhlgm' ? 'lab4-m02' : 'lab4'))
export const kubeSystem = (calico = healthyCalico()): string => list([...calico, ...system()])
export const calicoDs = (ready = 2): string =>
  kubectlJson(daemonSet({ name: 'calico-node', desired: 2, ready }))

export const profileRun = (o: { list: string; status: string; statusExit: number }): FakeExpectation[] => [
  say(['minikube', 'profile', 'list', '-o', 'json'], o.list),
  say(['minikube', 'status', '-p', 'lab4', '-o', 'json'], o.status, { exitCode: o.statusExit }),
]
export const absentProfile = () =>
  profileRun({
    list: '{"invalid":[],"valid":[]}',
    status: '🤷  Profile "lab4" not found. Run "minikube profile list" to view all profiles.',
    statusExit: 85,
  })
export const runningProfile = (nodes = 2) =>
  profileRun({
    list: profileList([{ name: 'lab4', nodes }]),
    status: statusJson('lab4', nodes),
    statusExit: 0,
  })
export const stoppedProfile = () =>
  profileRun({
    list: profileList([{ name: 'lab4', status: 'Stopped' }]),
    status: statusJson('lab4', 2, 'Stopped'),
    statusExit: 7,
  })
export const start = (): FakeExpectation[] => [say(START, startOutput())]

export const profileCollect = (): FakeExpectation[] => [
  say(['minikube', 'version', '--short'], 'v1.34.0\n'),
  say(k('version', '-o', 'json'), kubectlVersion('v1.31.0', 'v1.31.0')),
  say(['minikube', 'status', '-p', 'lab4', '-o', 'json'], statusJson('lab4', 2)),
]

/** `pulled: false`: the nodes lack the frontend image, so cluster.ready starts its pre-pull once they are Ready. */
export const readyRun = (
  labels: Record<string, string | undefined> = {},
  o: { pulled?: boolean } = {},
): FakeExpectation[] => [
  say(
    k('get', 'nodes', '-o', 'json'),
    list(o.pulled === false ? labNodes(labels) : withImage(labNodes(labels))),
  ),
  ...(o.pulled === false ? [prepullApply()] : []),
  say(k('-n', 'kube-system', 'get', 'daemonset', 'calico-node', '-o', 'json'), calicoDs()),
  say(k('-n', 'kube-system', 'get', 'pods', '-o', 'json'), kubeSystem()),
  say(k('-n', 'kube-system', 'get', 'pods', '-o', 'json'), kubeSystem()),
]

/** `kubectl get namespace kube-system -o json` as the API server prints it (its uid is the cluster identity). */
export const kubeSystemNamespace = (uid = '0b6e3c1a-7f2d-4c59-9a51-3f1e2d4c5b6a'): string =>
  kubectlJson({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      creationTimestamp: '2025-01-14T01:20:00Z',
      labels: { 'kubernetes.io/metadata.name': 'kube-system' },
      name: 'kube-system',
      resourceVersion: '4',
      uid,
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  })

export const readyCollect = (labels: Record<string, string | undefined> = {}): FakeExpectation[] => [
  say(k('get', 'nodes', '-o', 'json'), list(labNodes(labels))),
  say(k('get', 'namespace', 'kube-system', '-o', 'json'), kubeSystemNamespace()),
  say(k('-n', 'kube-system', 'get', 'daemonset', 'calico-node', '-o', 'json'), calicoDs()),
  say(k('-n', 'kube-system', 'get', 'pods', '-o', 'json'), kubeSystem()),
  say(
    k('get', 'daemonsets', '-A', '-o', 'json'),
    list([
      daemonSet({ name: 'calico-node', desired: 2, ready: 2 }),
      daemonSet({ name: 'kube-proxy', desired: 2, ready: 2 }),
    ]),
  ),
  say(
    k('get', 'clusterinformations.crd.projectcalico.org', 'default', '-o', 'json'),
    kubectlJson(clusterInformation('v3.28.1')),
  ),
  say(k('get', 'nodes', '-o', 'wide'), nodesWideTable(labNodes(labels))),
  say(
    k('get', 'pods', '-l', 'k8s-app=calico-node', '-A', '-o', 'wide'),
    podsTable(healthyCalico(), { allNamespaces: true, wide: true }),
  ),
  say(k('get', 'pods', '-n', 'kube-system'), podsTable([...healthyCalico(), ...system()])),
]

/** labels.run on unlabelled nodes: read, label both, re-read. */
export const labelsRunFresh = (): FakeExpectation[] => [
  say(k('get', 'nodes', '-o', 'json'), list(labNodes())),
  say(k('label', 'node', 'lab4', 'zone=east', '--overwrite'), 'node/lab4 labeled\n'),
  say(k('label', 'node', 'lab4-m02', 'zone=west', '--overwrite'), 'node/lab4-m02 labeled\n'),
  say(k('get', 'nodes', '-o', 'json'), list(labNodes(LAB_ZONES))),
]
export const labelsRunDone = (): FakeExpectation[] => [
  say(k('get', 'nodes', '-o', 'json'), list(labNodes(LAB_ZONES))),
]
export const labelsCollect = (): FakeExpectation[] => [
  say(k('get', 'nodes', '-o', 'json'), list(labNodes(LAB_ZONES))),
  say(
    k('get', 'nodes', '-L', 'zone'),
    'NAME       STATUS   ROLES           AGE   VERSION   ZONE\nlab4       Ready    control-plane   2m    v1.31.0   east\nlab4-m02   Ready    <none>          89s   v1.31.0   west\n',
  ),
]

/** A whole first run: absent profile → create, wait (pulling the frontend image meanwhile), label both nodes. */
export const firstRun = (): FakeExpectation[] => [
  ...absentProfile(),
  ...start(),
  ...profileCollect(),
  ...readyRun({}, { pulled: false }),
  ...readyCollect(),
  ...labelsRunFresh(),
  ...labelsCollect(),
  ...prepullRunFresh(),
  ...prepullCollect(),
]
/** A second run on the cluster the first one left: nothing to do. */
export const secondRun = (): FakeExpectation[] => [
  ...runningProfile(),
  ...profileCollect(),
  ...readyRun(LAB_ZONES),
  ...readyCollect(LAB_ZONES),
  ...labelsRunDone(),
  ...labelsCollect(),
  ...prepullRunDone(),
  ...prepullCollect(),
]
