// DaemonSets: calico-node and kube-proxy come with the cluster; any other one is applied and gets a pod per node.
import { newMeta, nextCount } from './meta.ts'
import { isAlive, matchLabels, terminate } from './pods.ts'
import { safeString, templateHash, uid } from './rand.ts'
import type { Cluster, DaemonSet, Node, Pod } from './types.ts'

/** The DaemonSets minikube's Calico profile starts with; their pods are made by `minikube start`. */
export const BUILT_IN = ['calico-node', 'kube-proxy'] as const

export const isBuiltIn = (namespace: string, name: string): boolean =>
  namespace === 'kube-system' && (BUILT_IN as readonly string[]).includes(name)

/** A built-in DaemonSet in the applied shape; its template is taken from one of its pods. */
function builtIn(c: Cluster, seed: number, name: string): DaemonSet {
  const labels = { 'k8s-app': name }
  const sample = c.pods.find((p) => p.owner?.kind === 'DaemonSet' && p.owner.name === name)
  return {
    meta: {
      name,
      namespace: 'kube-system',
      uid: uid(seed, c.profile, 'DaemonSet', name),
      createdAt: c.createdAt,
      labels,
      annotations: { 'deprecated.daemonset.template.generation': '1' },
      generation: 1,
    },
    selector: labels,
    template: {
      labels,
      annotations: {},
      spec: { containers: [], ...sample?.spec, nodeSelector: { 'kubernetes.io/os': 'linux' } },
    },
    applied: '',
  }
}

/** Every DaemonSet of the cluster: the built-in ones first, then the applied ones. */
export const allDaemonSets = (c: Cluster, seed: number): DaemonSet[] => [
  ...BUILT_IN.map((name) => builtIn(c, seed, name)),
  ...(c.daemonSets ?? []),
]

export const findDaemonSet = (
  c: Cluster,
  seed: number,
  namespace: string,
  name: string,
): DaemonSet | undefined =>
  allDaemonSets(c, seed).find((d) => d.meta.namespace === namespace && d.meta.name === name)

export const daemonSetPods = (c: Cluster, d: DaemonSet): Pod[] =>
  c.pods.filter((p) => p.owner?.kind === 'DaemonSet' && p.owner.uid === d.meta.uid)

/** Nodes the DaemonSet wants a pod on (its nodeSelector; DaemonSet pods tolerate not-ready and unreachable). */
export const daemonSetNodes = (c: Cluster, d: DaemonSet): Node[] =>
  c.nodes.filter(
    (n) => !d.template.spec.nodeSelector || matchLabels(d.template.spec.nodeSelector, n.meta.labels),
  )

/** The DaemonSet controller for applied DaemonSets: one live pod on every node it selects, bound to that node. */
export function rollDaemonSet(c: Cluster, seed: number, d: DaemonSet, now: number): void {
  const pods = daemonSetPods(c, d).filter(isAlive)
  const hash = templateHash(d.template)
  for (const n of daemonSetNodes(c, d)) {
    if (pods.some((p) => p.nodeName === n.name)) continue
    const name = `${d.meta.name}-${safeString(seed, 5, c.profile, d.meta.uid, nextCount(c, `ds:${d.meta.uid}`))}`
    const meta = newMeta(
      c,
      seed,
      now,
      name,
      d.meta.namespace,
      { ...d.template.labels, 'controller-revision-hash': hash, 'pod-template-generation': '1' },
      d.template.annotations,
    )
    c.pods.push({
      meta: { ...meta, namespace: d.meta.namespace },
      owner: { kind: 'DaemonSet', name: d.meta.name, uid: d.meta.uid },
      spec: { ...structuredClone(d.template.spec), nodeName: n.name },
      nodeName: n.name,
      scheduledAt: now,
      restarts: 0,
    })
  }
}

export type DaemonSetFields = Pick<DaemonSet, 'selector' | 'template'> & {
  labels: Record<string, string>
  annotations: Record<string, string>
}

/** `kubectl apply` of a DaemonSet: the verb kubectl prints, or an error line. */
export function applyDaemonSet(
  c: Cluster,
  seed: number,
  f: DaemonSetFields,
  ns: string,
  name: string,
  applied: string,
  now: number,
): string {
  if (isBuiltIn(ns, name))
    return `error: the simulator models daemonset ${ns}/${name} itself and does not apply changes to it`
  if (Object.keys(f.selector).length === 0)
    return 'error: error validating "STDIN": error validating data: ValidationError(DaemonSet.spec): missing required field "selector" in io.k8s.api.apps.v1.DaemonSetSpec'
  if (!matchLabels(f.selector, f.template.labels))
    return `The DaemonSet "${name}" is invalid: spec.template.metadata.labels: Invalid value: ${JSON.stringify(f.template.labels)}: \`selector\` does not match template \`labels\``
  c.daemonSets ??= []
  const existing = c.daemonSets.find((d) => d.meta.name === name && d.meta.namespace === ns)
  if (existing) {
    if (existing.applied === applied) return 'unchanged'
    const changed = templateHash(existing.template) !== templateHash(f.template)
    Object.assign(existing, { selector: f.selector, template: f.template, applied })
    existing.meta.labels = f.labels
    existing.meta.annotations = f.annotations
    if (changed) {
      existing.meta.generation = (existing.meta.generation ?? 1) + 1
      // RollingUpdate with maxUnavailable 1, compressed: the old pods go, the controller makes new ones.
      for (const p of daemonSetPods(c, existing)) terminate(p, seed, now)
    }
    return 'configured'
  }
  const meta = newMeta(c, seed, now, name, ns, f.labels, f.annotations)
  c.daemonSets.push({ meta: { ...meta, namespace: ns }, selector: f.selector, template: f.template, applied })
  return 'created'
}
