// Negative controls for lab items 1–2: a worker node that stops, and a second CNI DaemonSet beside Calico.
import { nodeSummary, orderNodes, parseItems, podSummary, type V1Node, type V1Pod } from '@lab4/core'
import { defineMutation, type World } from './mutation.ts'
import { WAIT_MS, waitNoPods } from './waits.ts'

/** minikube names a node's machine `<profile>-m02` but its config entry `m02`; `minikube node` takes the latter. */
export function minikubeNodeName(profile: string, node: string): string {
  return node.startsWith(`${profile}-`) ? node.slice(profile.length + 1) : node
}

async function nodes(w: World) {
  const r = await w.must({ argv: w.kubectl('get', 'nodes', '-o', 'json') })
  return orderNodes(parseItems<V1Node>(r.stdout).map(nodeSummary))
}

async function podsOn(w: World, node: string) {
  const r = await w.must({ argv: w.kubectl('get', 'pods', '-A', '-o', 'json') })
  return parseItems<V1Pod>(r.stdout)
    .map(podSummary)
    .filter((p) => p.node === node && !p.deleting)
}

const listed = (pods: ReadonlyArray<{ name: string; status: string; ready: boolean }>) =>
  pods.map((p) => `${p.name} ${p.status}${p.ready ? '' : ' (not Ready)'}`).join(', ') || 'none'

export const stopWorkerNode = defineMutation({
  id: 'node-stopped',
  description:
    'Stop the worker node (minikube node stop): its kubelet goes silent, the node and its pods turn not Ready',
  targets: ['cluster.two-nodes-ready', 'cluster.calico-node-ready'],
  apply: async (w) => {
    const { profile } = w.config
    const worker = (await nodes(w)).find((n) => !n.controlPlane)
    if (!worker) throw new Error(`the cluster has no worker node to stop (profile ${profile})`)
    const name = minikubeNodeName(profile, worker.name)
    await w.must({ argv: ['minikube', 'node', 'stop', name, '-p', profile], timeoutMs: WAIT_MS })
    // The node controller notices only after its grace period (about 40 s on a real cluster).
    await w.waitFor(
      `${worker.name} not Ready and its calico-node pod not Ready`,
      async () => {
        const node = (await nodes(w)).find((n) => n.name === worker.name)
        const calico = (await podsOn(w, worker.name)).filter((p) => p.labels['k8s-app'] === 'calico-node')
        return {
          done: node?.ready === false && calico.every((p) => !p.ready),
          observed: `${worker.name} ${node?.status ?? 'gone'}; calico-node: ${listed(calico)}`,
        }
      },
      {
        timeoutMs: WAIT_MS,
        hint: `Look at \`kubectl --context ${profile} get nodes\` and \`minikube status -p ${profile}\`.`,
      },
    )
    return { node: worker.name, name }
  },
  restore: async (w, memo) => {
    const { profile } = w.config
    const node = memo.node ?? `${profile}-m02`
    await w.must({
      argv: ['minikube', 'node', 'start', memo.name ?? minikubeNodeName(profile, node), '-p', profile],
      timeoutMs: WAIT_MS,
    })
    // The lab's own readiness step waits for the nodes, calico-node and CoreDNS; then the node's other pods.
    await w.rerun(['cluster.ready'])
    await w.waitFor(
      `every pod on ${node} Running and Ready again`,
      async () => {
        const pods = await podsOn(w, node)
        return { done: pods.every((p) => p.ready && p.status === 'Running'), observed: listed(pods) }
      },
      { timeoutMs: WAIT_MS, hint: `Look at \`kubectl --context ${profile} get pods -A -o wide\`.` },
    )
  },
})

/** A kindnet-named DaemonSet that runs only the pause image on the host network: it claims no pod IP. */
export const foreignCniYaml = (): string =>
  [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: kindnet',
    '  namespace: kube-system',
    '  labels:',
    '    app: kindnet',
    'spec:',
    '  selector:',
    '    matchLabels:',
    '      app: kindnet',
    '  template:',
    '    metadata:',
    '      labels:',
    '        app: kindnet',
    '    spec:',
    '      hostNetwork: true',
    '      containers:',
    '        - name: kindnet-cni',
    '          image: registry.k8s.io/pause:3.10',
    '',
  ].join('\n')

export const foreignCni = defineMutation({
  id: 'foreign-cni',
  description: 'Apply a DaemonSet named kindnet (a second CNI beside Calico; it only runs the pause image)',
  targets: ['cluster.cni-is-calico'],
  apply: async (w) => {
    await w.must({ argv: w.kubectl('apply', '-f', '-'), stdin: foreignCniYaml() })
  },
  restore: async (w) => {
    await w.must({ argv: w.kubectl('-n', 'kube-system', 'delete', 'daemonset', 'kindnet') })
    await waitNoPods(w, 'kindnet', 'app=kindnet')
  },
})
