// Fake-runner scripts of the frontend image's pre-pull: nodes with and without the image in status.images, and the
// DaemonSet's pods pulling, running or failing, in the shapes kubectl prints.
import { DEFAULT_IMAGE } from '@lab4/core'
import type { FakeExpectation, V1Node } from '@lab4/core'
import { k, LAB_ZONES, labNodes, list, pod, say } from '@lab4/core/testing'
import { prepullManifest } from '../prepull.ts'

export const IMAGE = DEFAULT_IMAGE

/** The nodes as the kubelet reports them once `image` is pulled (docker names: repo@digest and repo:tag). */
export function withImage(nodes: V1Node[], image = IMAGE): V1Node[] {
  const repo = image.replace(/:[^/:]+$/, '')
  return nodes.map((n) => ({
    ...n,
    status: {
      ...n.status,
      images: [
        {
          names: [`${repo}@sha256:5b0c1f0d6e3a9b27c48d1e6f7a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d`, image],
          sizeBytes: 412_000_000,
        },
        {
          names: [
            'registry.k8s.io/etcd@sha256:a6dc63e6e8cfa0307d7851762fa6b629afb18f28d8aa3fab5a6e91b4af60026a',
            'registry.k8s.io/etcd:3.5.15-0',
          ],
          sizeBytes: 148_000_000,
        },
      ],
    },
  }))
}

export const nodesPulled = (labels: Record<string, string | undefined> = LAB_ZONES): string =>
  list(withImage(labNodes(labels)))
export const nodesFresh = (labels: Record<string, string | undefined> = LAB_ZONES): string =>
  list(labNodes(labels))

type PodState = 'pulling' | 'running' | 'failed'
const NAMES: Record<string, string> = { lab4: 'lab4-prepull-x7k2p', 'lab4-m02': 'lab4-prepull-q9tzd' }

/** The pre-pull pod on each node, in one state or one per node. */
export function prepullPods(state: PodState | Record<string, PodState>): string {
  return list(
    Object.keys(NAMES).map((node, i) => {
      const s = typeof state === 'string' ? state : (state[node] ?? 'running')
      return pod({
        name: NAMES[node] ?? node,
        namespace: 'kube-system',
        node,
        ip: `192.168.49.${i + 2}`,
        hostNetwork: true,
        daemonSet: 'lab4-prepull',
        labels: { 'app.kubernetes.io/name': 'lab4-prepull' },
        image: IMAGE,
        container: 'pull',
        ...(s === 'pulling'
          ? { waiting: 'ContainerCreating' }
          : s === 'failed'
            ? { waiting: 'ErrImagePull' }
            : {}),
      })
    }),
  )
}
export const noPods = (): string => list([])

const nodesArgv = () => k('get', 'nodes', '-o', 'json')
const podsArgv = () =>
  k('-n', 'kube-system', 'get', 'pods', '-l', 'app.kubernetes.io/name=lab4-prepull', '-o', 'json')

/** cluster.ready's apply of the DaemonSet, with the manifest as stdin. */
export const prepullApply = (): FakeExpectation => ({
  ...say(k('apply', '-f', '-'), 'daemonset.apps/lab4-prepull created\n'),
  stdin: prepullManifest(IMAGE),
})
export const prepullDelete = (): FakeExpectation =>
  say(
    k('-n', 'kube-system', 'delete', 'daemonset', 'lab4-prepull'),
    'daemonset.apps "lab4-prepull" deleted\n',
  )

/** The step after cluster.ready started the pull: still pulling when it looks, done at the first poll, cleaned up. */
export const prepullRunFresh = (): FakeExpectation[] => [
  say(nodesArgv(), nodesFresh()),
  say(podsArgv(), prepullPods('pulling')),
  say(nodesArgv(), nodesPulled()),
  say(podsArgv(), prepullPods('running')),
  prepullDelete(),
]
/** Every node already has the image and no DaemonSet is left: nothing to do. */
export const prepullRunDone = (): FakeExpectation[] => [
  say(nodesArgv(), nodesPulled()),
  say(podsArgv(), noPods()),
]
export const prepullCollect = (): FakeExpectation[] => [
  say(nodesArgv(), nodesPulled()),
  say(podsArgv(), noPods()),
]
export const prepullNodes = (stdout: string): FakeExpectation => say(nodesArgv(), stdout)
export const prepullPodsSay = (stdout: string): FakeExpectation => say(podsArgv(), stdout)
