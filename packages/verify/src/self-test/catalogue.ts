// The lab's negative controls. Each one breaks a single thing a grader looks at, through the same
// kubectl/calicoctl commands a person would type, and puts it back.
import {
  nodeSummary,
  orderNodes,
  parseItems,
  poolName,
  type LabConfig,
  type V1Deployment,
  type V1Node,
  type V1Pod,
} from '@lab4/core'
import { foreignCni, stopWorkerNode } from './cluster-mutations.ts'
import { defineMutation, type Mutation, type World } from './mutation.ts'
import { policyLeftInPlace, policySelectsNothing } from './policy-mutations.ts'
import { WAIT_MS, waitNoPods } from './waits.ts'

/** The zone value a relabelled node gets: guaranteed not to be one the config uses. */
export function foreignZone(config: LabConfig): string {
  let value = 'not-a-zone'
  while (config.zones.values.includes(value)) value = `x-${value}`
  return value
}

/** The pool minikube's Calico starts with; bringing it back is the classic "IPAM not in effect" mistake. */
export const defaultPoolYaml = (): string =>
  [
    'apiVersion: projectcalico.org/v3',
    'kind: IPPool',
    'metadata:',
    '  name: default-ipv4-ippool',
    'spec:',
    '  cidr: 10.244.0.0/16',
    '  ipipMode: Always',
    '  vxlanMode: Never',
    '  natOutgoing: true',
    '  nodeSelector: all()',
    '',
  ].join('\n')

async function appPods(w: World): Promise<V1Pod[]> {
  const { namespace, name } = w.config.app
  const r = await w.must({
    argv: w.kubectl('-n', namespace, 'get', 'pods', '-l', `app=${name}`, '-o', 'json'),
  })
  return parseItems<V1Pod>(r.stdout)
}

const running = (pods: readonly V1Pod[]): V1Pod[] =>
  pods.filter((p) => p.status?.phase === 'Running' && !p.metadata?.deletionTimestamp)

async function waitForAppPods(w: World, count: number, why: string): Promise<void> {
  await w.waitFor(
    `${count} running ${w.config.app.name} pod${count === 1 ? '' : 's'} (${why})`,
    async () => {
      const pods = running(await appPods(w))
      return {
        done: pods.length === count,
        observed: `${pods.length} running: ${pods.map((p) => p.metadata?.name).join(', ') || 'none'}`,
      }
    },
    {
      timeoutMs: WAIT_MS,
      hint: `Look at \`kubectl --context ${w.config.profile} -n ${w.config.app.namespace} get pods\`.`,
    },
  )
}

async function rollout(w: World, namespace: string, deployment: string): Promise<void> {
  await w.must({
    argv: w.kubectl(
      '-n',
      namespace,
      'rollout',
      'status',
      `deployment/${deployment}`,
      `--timeout=${w.config.timeouts.podReady}s`,
    ),
  })
}

export const scaleToZero = defineMutation({
  id: 'scale-to-zero',
  description: 'Scale the frontend Deployment to 0 replicas',
  targets: ['app.deploy', 'app.network'],
  apply: async (w) => {
    const { namespace, name } = w.config.app
    await w.must({ argv: w.kubectl('-n', namespace, 'scale', `deployment/${name}`, '--replicas=0') })
    await waitForAppPods(w, 0, 'after scaling to 0')
  },
  restore: async (w) => {
    const { namespace, name, replicas } = w.config.app
    await w.must({
      argv: w.kubectl('-n', namespace, 'scale', `deployment/${name}`, `--replicas=${replicas}`),
    })
    await rollout(w, namespace, name)
  },
})

export const relabelZone = defineMutation({
  id: 'zone-relabel',
  description: 'Give the first node a zone label value that is not in the config',
  targets: ['cluster.labels'],
  apply: async (w) => {
    const r = await w.must({ argv: w.kubectl('get', 'nodes', '-o', 'json') })
    const first = orderNodes(parseItems<V1Node>(r.stdout).map(nodeSummary))[0]
    if (!first) throw new Error('the cluster reports no nodes to relabel')
    await w.must({
      argv: w.kubectl(
        'label',
        'node',
        first.name,
        `${w.config.zones.labelKey}=${foreignZone(w.config)}`,
        '--overwrite',
      ),
    })
    return { node: first.name }
  },
  restore: (w) => w.rerun(['cluster.labels']),
})

export const deleteService = defineMutation({
  id: 'service-deleted',
  description: 'Delete the frontend Service',
  targets: ['app.deploy'],
  apply: async (w) => {
    const { namespace, service } = w.config.app
    await w.must({ argv: w.kubectl('-n', namespace, 'delete', 'service', service.name, '--wait=true') })
  },
  // The app step re-applies its manifest (Deployment + Service) when the live objects differ.
  restore: (w) => w.rerun(['app.deploy']),
})

export const defaultPoolBack = defineMutation({
  id: 'default-pool-back',
  description:
    'Delete the zone pools, bring back default-ipv4-ippool 10.244.0.0/16, and recreate one app pod inside it',
  targets: ['ipam.pools'],
  apply: async (w) => {
    // Calico refuses a pool that overlaps another, and 10.244.0.0/16 covers the zone pools: delete them first.
    for (const p of w.config.pools) await w.must({ argv: w.calicoctl('delete', 'ippool', poolName(p)) })
    await w.must({ argv: w.calicoctl('create', '-f', '-'), stdin: defaultPoolYaml() })
    const victim = running(await appPods(w))[0]?.metadata?.name
    if (!victim) throw new Error(`no running ${w.config.app.name} pod to recreate`)
    await w.must({ argv: w.kubectl('-n', w.config.app.namespace, 'delete', 'pod', victim, '--wait=true') })
    await waitForAppPods(w, w.config.app.replicas, 'the deleted pod recreated')
    return { pod: victim }
  },
  // The ipam step removes the default pool and recreates the zone pools. It judges pods against the pools it saw
  // at its start (here: the default pool, which held the pods), so its second run restarts the pods left there.
  restore: (w) => w.rerun(['ipam.pools', 'ipam.pools', 'app.deploy']),
})

export const deleteCalicoctl = defineMutation({
  id: 'calicoctl-pod-deleted',
  description: 'Delete the calicoctl pod, so calicoctl cannot reach the datastore',
  targets: ['ipam.calicoctl'],
  apply: async (w) => {
    await w.must({ argv: w.kubectl('-n', 'kube-system', 'delete', 'pod', 'calicoctl', '--wait=true') })
  },
  // The calicoctl step applies its pod again and waits for it to be Ready.
  restore: (w) => w.rerun(['ipam.calicoctl']),
})

export const pingSelf = defineMutation({
  id: 'ping-self',
  description: 'Ping the pod itself instead of its neighbour (app network step with ping-target=self)',
  targets: ['app.network'],
  collectFlags: { 'ping-target': 'self' },
  apply: async () => undefined,
  restore: async () => undefined,
})

export const breakDns = defineMutation({
  id: 'dns-broken',
  description: 'Scale CoreDNS to 0 so the neighbour name does not resolve',
  targets: ['app.network'],
  apply: async (w) => {
    const r = await w.must({
      argv: w.kubectl('-n', 'kube-system', 'get', 'deployment', 'coredns', '-o', 'json'),
    })
    const before = (JSON.parse(r.stdout) as V1Deployment).spec?.replicas ?? 1
    await w.must({ argv: w.kubectl('-n', 'kube-system', 'scale', 'deployment/coredns', '--replicas=0') })
    await waitNoPods(w, 'CoreDNS', 'k8s-app=kube-dns')
    return { replicas: String(Math.max(1, before)) }
  },
  restore: async (w, memo) => {
    await w.must({
      argv: w.kubectl(
        '-n',
        'kube-system',
        'scale',
        'deployment/coredns',
        `--replicas=${memo.replicas ?? '1'}`,
      ),
    })
    await rollout(w, 'kube-system', 'coredns')
  },
})

export const labMutations = (): Mutation[] => [
  stopWorkerNode,
  foreignCni,
  scaleToZero,
  relabelZone,
  deleteService,
  defaultPoolBack,
  deleteCalicoctl,
  pingSelf,
  breakDns,
  policyLeftInPlace,
  policySelectsNothing,
]
