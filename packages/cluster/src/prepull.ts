// The frontend image's pre-pull, pure: the DaemonSet that pulls it on every node while Calico comes up, its argv,
// and the judgements over `kubectl get nodes|pods -o json` that decide, wait and grade (docs/prepull.md).
//
// Why a hostNetwork DaemonSet, and not `minikube image pull` or `minikube image load` (minikube ≥ 1.30, docker
// driver, 2 nodes): all three reach every node, but only the DaemonSet tells us how each node's pull went.
// minikube's machine.PullImages loops over the profile's nodes one after the other and, when a node's pull
// fails, only logs "Failed to pull images" and returns nil: the command exits 0 on an offline laptop.
// `image load` first pulls into the host's Docker, then copies a tarball into each node (twice the bytes), and
// kubernetes/minikube#20593 reports it missing nodes of a multi-control-plane cluster. The kubelet of each node
// pulls the DaemonSet's image in parallel and reports ErrImagePull / ImagePullBackOff with the registry's words
// in the pod's status; with hostNetwork the CNI is never called for the pod, so it takes no Calico pod IP,
// least of all one from the default pool that the zone pools replace next.
import { kubectlArgv, nodeSummary, orderNodes, parseItems, podSummary } from '@lab4/core'
import type { LabConfig, NodeSummary, PodSummary, V1Node, V1Pod } from '@lab4/core'

export const PREPULL = {
  name: 'lab4-prepull',
  namespace: 'kube-system',
  labelKey: 'app.kubernetes.io/name',
} as const
export const PREPULL_SELECTOR = `${PREPULL.labelKey}=${PREPULL.name}`

/** The DaemonSet: one host-network pod per node whose only job is to make its kubelet pull the image. */
export function prepullManifest(image: string): string {
  const q = JSON.stringify
  return [
    `# ${PREPULL.name}: pulls the frontend image on every node while Calico starts; deleted once every node has it.`,
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    `  name: ${PREPULL.name}`,
    `  namespace: ${PREPULL.namespace}`,
    '  labels:',
    `    ${PREPULL.labelKey}: ${PREPULL.name}`,
    '    app.kubernetes.io/managed-by: lab4',
    'spec:',
    '  selector:',
    '    matchLabels:',
    `      ${PREPULL.labelKey}: ${PREPULL.name}`,
    '  template:',
    '    metadata:',
    '      labels:',
    `        ${PREPULL.labelKey}: ${PREPULL.name}`,
    '    spec:',
    '      # The host network: no CNI call, so no Calico pod IP from the default pool that is about to go.',
    '      hostNetwork: true',
    '      dnsPolicy: Default',
    '      automountServiceAccountToken: false',
    '      enableServiceLinks: false',
    '      # sleep is PID 1 and ignores SIGTERM: without 0 the cleanup would wait the default 30 s.',
    '      terminationGracePeriodSeconds: 0',
    '      tolerations:',
    '        - operator: Exists',
    '      containers:',
    '        - name: pull',
    `          image: ${q(image)}`,
    '          imagePullPolicy: IfNotPresent',
    "          # The pull is the point; the image's BusyBox sleep keeps the pod from restarting meanwhile.",
    '          command: ["sleep", "3600"]',
    '          resources:',
    '            requests: { cpu: 1m, memory: 8Mi }',
    '',
  ].join('\n')
}

/** kubectl arguments (after `kubectl --context P`) of the pre-pull. */
export const prepullKube = {
  nodes: () => ['get', 'nodes', '-o', 'json'],
  pods: () => ['-n', PREPULL.namespace, 'get', 'pods', '-l', PREPULL_SELECTOR, '-o', 'json'],
  apply: () => ['apply', '-f', '-'],
  delete: () => ['-n', PREPULL.namespace, 'delete', 'daemonset', PREPULL.name],
}
export const prepullArgv = (config: LabConfig, which: keyof typeof prepullKube): string[] =>
  kubectlArgv(config.profile, ...prepullKube[which]())

/** `docker.io/library/x:tag` and `x:tag` are one image: compare without the default registry and namespace. */
export function sameImage(a: string, b: string): boolean {
  const norm = (s: string) => {
    const ref = s.replace(/^docker\.io\//, '').replace(/^library\//, '')
    const last = ref.slice(ref.lastIndexOf('/') + 1)
    return ref.includes('@') || last.includes(':') ? ref : `${ref}:latest`
  }
  return norm(a) === norm(b)
}

export type NodeImage = NodeSummary & { hasImage: boolean }

/** Each node and whether its kubelet reports `image` in status.images (a NotReady node's list is stale). */
export function nodeImages(nodesStdout: string, image: string): NodeImage[] {
  return orderNodes(
    parseItems<V1Node>(nodesStdout).map((n) => ({
      ...nodeSummary(n),
      hasImage: (n.status?.images ?? []).some((i) => (i.names ?? []).some((name) => sameImage(name, image))),
    })),
  )
}

/** Nodes that still need the pull: they do not list the image, or cannot be trusted to (not Ready). */
export const lacking = (nodes: readonly NodeImage[]): NodeImage[] =>
  nodes.filter((n) => !n.ready || !n.hasImage)

export type PrepullDecision =
  { action: 'none'; why: string } | { action: 'pull'; nodes: string[] } | { action: 'cleanup'; why: string }

/** Pull where a node lacks the image; otherwise remove a DaemonSet left behind (a killed run); otherwise nothing. */
export function decidePrepull(nodes: readonly NodeImage[], pods: readonly PodSummary[]): PrepullDecision {
  const need = lacking(nodes)
  if (nodes.length > 0 && need.length === 0)
    return pods.some((p) => !p.deleting)
      ? { action: 'cleanup', why: 'every node has the image; the pre-pull DaemonSet is still there' }
      : { action: 'none', why: 'every node already has the image' }
  return { action: 'pull', nodes: need.map((n) => n.name) }
}

export const readPrepullPods = (stdout: string): PodSummary[] =>
  parseItems<V1Pod>(stdout)
    .map(podSummary)
    .filter((p) => p.labels[PREPULL.labelKey] === PREPULL.name)

const PULL_FAILURE = new Set(['ErrImagePull', 'ImagePullBackOff', 'InvalidImageName', 'ErrImageNeverPull'])

export type PullFailure = { node: string; pod: string; reason: string; message: string }

/** Pre-pull pods whose kubelet could not pull, by node name, with the registry's message when the pod JSON has one. */
export function pullFailures(podsStdout: string): PullFailure[] {
  return parseItems<V1Pod>(podsStdout)
    .sort((a, b) => (a.spec?.nodeName ?? '').localeCompare(b.spec?.nodeName ?? ''))
    .filter((p) => p.metadata?.labels?.[PREPULL.labelKey] === PREPULL.name && !p.metadata?.deletionTimestamp)
    .flatMap((p) =>
      (p.status?.containerStatuses ?? []).flatMap((c) => {
        const w = c.state?.waiting
        return w?.reason && PULL_FAILURE.has(w.reason)
          ? [
              {
                node: p.spec?.nodeName ?? '?',
                pod: p.metadata?.name ?? '?',
                reason: w.reason,
                message: w.message ?? '',
              },
            ]
          : []
      }),
    )
}

export const describeFailures = (f: readonly PullFailure[]): string =>
  f.map((x) => `${x.node}: ${x.reason}${x.message ? ` (${x.message})` : ''}`).join('; ')

export type PullJudgement = { done: boolean; failed: PullFailure[]; observed: string }

/** The wait's probe: done once every node lists the image, or at the first node that cannot pull it. */
export function judgePull(nodes: readonly NodeImage[], podsStdout: string): PullJudgement {
  const need = lacking(nodes)
  const failed = pullFailures(podsStdout).filter((f) => need.some((n) => n.name === f.node))
  const pods = readPrepullPods(podsStdout)
  const per = nodes.map((n) => {
    if (n.ready && n.hasImage) return `${n.name} has it`
    const pod = pods.find((p) => p.node === n.name && !p.deleting)
    return `${n.name} ${!n.ready ? `${n.status}, ` : ''}${pod ? `${pod.name} ${pod.status}` : 'no pre-pull pod yet'}`
  })
  return {
    done: failed.length > 0 || (nodes.length > 0 && need.length === 0),
    failed,
    observed: per.join('; ') || 'no nodes',
  }
}

/** The hint for a pull that failed: the machine's network or the image name, never the lab's cluster work. */
export function pullFailureHint(config: LabConfig, failed: readonly PullFailure[]): string {
  const node = failed[0]?.node ?? config.profile
  const worker = node === config.profile ? '' : ` -n ${node.slice(config.profile.length + 1)}`
  return (
    `The node cannot download ${config.app.image} from its registry: the laptop is offline, behind a proxy, ` +
    `without DNS, or rate-limited. That is the machine's network, not your lab. Try it by hand: ` +
    `minikube -p ${config.profile} ssh${worker} -- docker pull ${config.app.image}; fix the network (or ` +
    `app.image in lab.config.yaml if the registry says the repository does not exist), then re-run pnpm lab: it resumes here.`
  )
}
