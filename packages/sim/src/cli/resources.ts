// kubectl resource names → the objects of that kind in the world, in API shape.
import { kubectlJson } from '../format/json.ts'
import {
  genericJson,
  blockAffinitiesJson,
  clusterInformationJson,
  daemonSetJson,
  deploymentJson,
  endpointSliceJson,
  nodeJson,
  serviceJson,
} from '../format/objects.ts'
import { podJson } from '../format/pod-json.ts'
import { objectMeta } from '../format/json.ts'
import { ippoolObject } from '../format/calico.ts'
import { allDaemonSets } from '../world/daemonsets.ts'
import { clusterKey } from '../world/meta.ts'
import { uid } from '../world/rand.ts'
import type { Cluster } from '../world/types.ts'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

export type Resource = {
  kind: string
  plural: string
  group: string
  namespaced: boolean
  list: (c: Cluster, seed: number, now: number) => Obj[]
}

const R = (
  kind: string,
  plural: string,
  group: string,
  namespaced: boolean,
  list: Resource['list'],
  ...aliases: string[]
): [string[], Resource] => [
  [plural, kind.toLowerCase(), ...aliases],
  { kind, plural, group, namespaced, list },
]

const generic = (kind: string) => (c: Cluster) => c.generics.filter((g) => g.kind === kind).map(genericJson)

const TABLE: Array<[string[], Resource]> = [
  R('Node', 'nodes', '', false, (c, _s, now) => c.nodes.map((n, i) => nodeJson(c, n, now, i)), 'no'),
  R('Pod', 'pods', '', true, (c, _s, now) => c.pods.map((p) => podJson(c, p, now)), 'po'),
  R(
    'Deployment',
    'deployments',
    'apps',
    true,
    (c, _s, now) => c.deployments.map((d) => deploymentJson(c, d, now)),
    'deploy',
  ),
  R('Service', 'services', '', true, (c) => c.services.map(serviceJson), 'svc'),
  R('EndpointSlice', 'endpointslices', 'discovery.k8s.io', true, (c, _s, now) =>
    c.services
      .filter((s) => s.selector || s.meta.name === 'kubernetes')
      .map((s) => endpointSliceJson(c, s, now)),
  ),
  R(
    'DaemonSet',
    'daemonsets',
    'apps',
    true,
    (c, s, now) => allDaemonSets(c, s).map((d) => daemonSetJson(c, d, now)),
    'ds',
  ),
  R(
    'ReplicaSet',
    'replicasets',
    'apps',
    true,
    (c) =>
      c.replicaSets.map((r) => ({
        apiVersion: 'apps/v1',
        kind: 'ReplicaSet',
        metadata: objectMeta({
          name: r.name,
          namespace: r.namespace,
          uid: r.uid,
          createdAt: r.createdAt,
          labels: {},
          annotations: { 'deployment.kubernetes.io/revision': String(r.revision) },
        }),
      })),
    'rs',
  ),
  R('ConfigMap', 'configmaps', '', true, generic('ConfigMap'), 'cm'),
  R('NetworkPolicy', 'networkpolicies', 'networking.k8s.io', true, generic('NetworkPolicy'), 'netpol'),
  R('ServiceAccount', 'serviceaccounts', '', true, generic('ServiceAccount'), 'sa'),
  R('ClusterRole', 'clusterroles', 'rbac.authorization.k8s.io', false, generic('ClusterRole')),
  R(
    'ClusterRoleBinding',
    'clusterrolebindings',
    'rbac.authorization.k8s.io',
    false,
    generic('ClusterRoleBinding'),
  ),
  R(
    'Namespace',
    'namespaces',
    '',
    false,
    (c, s) =>
      [
        ...new Set([
          'default',
          'kube-node-lease',
          'kube-public',
          'kube-system',
          ...c.pods.map((p) => p.meta.namespace),
        ]),
      ].map((n) => ({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: objectMeta({
          name: n,
          uid: uid(s, ...clusterKey(c), 'namespace', n),
          createdAt: c.createdAt,
          labels: { 'kubernetes.io/metadata.name': n },
          annotations: {},
        }),
        spec: { finalizers: ['kubernetes'] },
        status: { phase: 'Active' },
      })),
    'ns',
  ),
  R('ClusterInformation', 'clusterinformations', 'crd.projectcalico.org', false, (c, s) => [
    clusterInformationJson(c, s),
  ]),
  R('BlockAffinity', 'blockaffinities', 'crd.projectcalico.org', false, (c, s) => blockAffinitiesJson(c, s)),
  R('IPPool', 'ippools', 'crd.projectcalico.org', false, (c) =>
    c.pools.map((p) => ({
      apiVersion: 'crd.projectcalico.org/v1',
      kind: 'IPPool',
      metadata: objectMeta({ name: p.name, uid: p.uid, createdAt: p.createdAt, labels: {}, annotations: {} }),
      spec: (ippoolObject(p) as Obj).spec,
    })),
  ),
]

const key = (o: Obj) => `${o.metadata?.namespace ?? ''}/${o.metadata?.name ?? ''}`

/** The API server lists objects in storage-key order: namespace, then name. */
export const listSorted = (r: Resource, c: Cluster, seed: number, now: number): Obj[] =>
  r.list(c, seed, now).sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0))

/** `pods`, `po`, `deployment.apps`, `clusterinformations.crd.projectcalico.org` … */
export function findResource(name: string): Resource | undefined {
  const lower = name.toLowerCase()
  for (const [names, r] of TABLE) {
    if (names.includes(lower)) return r
    if (r.group && (lower === `${r.plural}.${r.group}` || lower === `${r.kind.toLowerCase()}.${r.group}`))
      return r
  }
  return undefined
}

/** `deployment.apps/frontend`, `service/frontend`: how kubectl names one object. */
export const qualified = (r: Resource, name: string): string =>
  `${r.kind.toLowerCase()}${r.group ? `.${r.group}` : ''}/${name}`

export const notFound = (r: Resource, name: string): string =>
  `Error from server (NotFound): ${r.plural}${r.group ? `.${r.group}` : ''} "${name}" not found`

export { kubectlJson }
