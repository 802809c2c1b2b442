// `kubectl apply -f -`: multi-document YAML into the world, answering created / configured / unchanged per object.
import { parseAllDocuments } from 'yaml'
import { newMeta } from './meta.ts'
import { randInt, safeString } from './rand.ts'
import { intToIp, ipToInt } from './cidr.ts'
import { applyDaemonSet, type DaemonSetFields } from './daemonsets.ts'
import { buildDelay, timingOf } from './timing.ts'
import type {
  Cluster,
  Container,
  Deployment,
  Generic,
  Meta,
  Pod,
  PodSpec,
  Service,
  SpreadConstraint,
} from './types.ts'

type Doc = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

export type ApplyResult = { lines: string[]; error?: string; createdPods: string[] }

const KIND_NAMES: Record<string, string> = {
  Deployment: 'deployment.apps',
  DaemonSet: 'daemonset.apps',
  Service: 'service',
  Pod: 'pod',
  ServiceAccount: 'serviceaccount',
  ClusterRole: 'clusterrole.rbac.authorization.k8s.io',
  ClusterRoleBinding: 'clusterrolebinding.rbac.authorization.k8s.io',
  Role: 'role.rbac.authorization.k8s.io',
  RoleBinding: 'rolebinding.rbac.authorization.k8s.io',
  ConfigMap: 'configmap',
  Namespace: 'namespace',
  Secret: 'secret',
  NetworkPolicy: 'networkpolicy.networking.k8s.io',
}
const CLUSTER_SCOPED = new Set(['ClusterRole', 'ClusterRoleBinding', 'Namespace'])

export function parseManifests(text: string): Doc[] {
  const docs = parseAllDocuments(text)
  const out: Doc[] = []
  for (const d of docs) {
    if (d.errors.length > 0)
      throw new Error(`error: error parsing STDIN: ${d.errors[0]?.message ?? 'invalid YAML'}`)
    const v = d.toJSON() as Doc | null
    if (v && typeof v === 'object') out.push(v)
  }
  return out
}

export function applyManifests(
  c: Cluster,
  seed: number,
  text: string,
  defaultNs: string,
  now: number,
): ApplyResult {
  let docs: Doc[]
  try {
    docs = parseManifests(text)
  } catch (err) {
    return { lines: [], error: (err as Error).message, createdPods: [] }
  }
  if (docs.length === 0) return { lines: [], error: 'error: no objects passed to apply', createdPods: [] }
  const lines: string[] = []
  const createdPods: string[] = []
  for (const doc of docs) {
    const kind = String(doc.kind ?? '')
    const name = String(doc.metadata?.name ?? '')
    const prefix = KIND_NAMES[kind]
    if (!prefix) {
      return {
        lines,
        error: `error: resource mapping not found for name: "${name}" namespace: "${doc.metadata?.namespace ?? ''}" from "STDIN": no matches for kind "${kind}" in version "${doc.apiVersion ?? ''}"\nensure CRDs are installed first`,
        createdPods,
      }
    }
    if (!name)
      return {
        lines,
        error: 'error: error validating "STDIN": error validating data: metadata.name: Required value',
        createdPods,
      }
    const ns = CLUSTER_SCOPED.has(kind) ? undefined : String(doc.metadata?.namespace ?? defaultNs)
    const applied = JSON.stringify(doc)
    let verb: string
    if (kind === 'Deployment') verb = applyDeployment(c, seed, doc, ns ?? 'default', applied, now)
    else if (kind === 'DaemonSet') {
      const r = applyDaemonSet(c, seed, daemonSetFields(doc), ns ?? 'default', name, applied, now)
      if (!['created', 'configured', 'unchanged'].includes(r)) return { lines, error: r, createdPods }
      verb = r
    } else if (kind === 'Service') verb = applyService(c, seed, doc, ns ?? 'default', applied, now)
    else if (kind === 'Pod') {
      const r = applyPod(c, seed, doc, ns ?? 'default', applied, now)
      if (r.startsWith('error')) return { lines, error: r, createdPods }
      if (r === 'created') createdPods.push(name)
      verb = r
    } else verb = applyGeneric(c, seed, doc, kind, ns, applied, now)
    lines.push(`${prefix}/${name} ${verb}`)
  }
  return { lines, createdPods }
}

const labelsOf = (v: unknown): Record<string, string> =>
  Object.fromEntries(Object.entries((v ?? {}) as Record<string, unknown>).map(([k, x]) => [k, String(x)]))

function containerOf(d: Doc): Container {
  const env = Array.isArray(d.env)
    ? Object.fromEntries(
        (d.env as Doc[]).map((e) => [String(e.name), e.value === undefined ? '' : String(e.value)]),
      )
    : undefined
  const ports = Array.isArray(d.ports) ? (d.ports as Doc[]).map((p) => Number(p.containerPort)) : undefined
  return {
    name: String(d.name ?? 'main'),
    image: String(d.image ?? ''),
    ...(env ? { env } : {}),
    ...(ports ? { ports } : {}),
    ...(Array.isArray(d.command) ? { command: d.command.map(String) } : {}),
    ...(Array.isArray(d.args) ? { args: d.args.map(String) } : {}),
    ...(d.readinessProbe ? { readinessProbe: d.readinessProbe } : {}),
  }
}

export function podSpecOf(s: Doc): PodSpec {
  const spread: SpreadConstraint[] | undefined = Array.isArray(s.topologySpreadConstraints)
    ? (s.topologySpreadConstraints as Doc[]).map((t) => ({
        maxSkew: Number(t.maxSkew ?? 1),
        topologyKey: String(t.topologyKey),
        whenUnsatisfiable: String(t.whenUnsatisfiable ?? 'DoNotSchedule'),
        labelSelector: labelsOf(t.labelSelector?.matchLabels),
      }))
    : undefined
  return {
    containers: ((s.containers ?? []) as Doc[]).map(containerOf),
    ...(Array.isArray(s.initContainers)
      ? { initContainers: (s.initContainers as Doc[]).map(containerOf) }
      : {}),
    ...(s.hostNetwork ? { hostNetwork: true } : {}),
    ...(s.nodeSelector ? { nodeSelector: labelsOf(s.nodeSelector) } : {}),
    ...(spread ? { spread } : {}),
    ...(s.serviceAccountName ? { serviceAccountName: String(s.serviceAccountName) } : {}),
  }
}

function daemonSetFields(doc: Doc): DaemonSetFields {
  const spec = doc.spec ?? {}
  return {
    labels: labelsOf(doc.metadata.labels),
    annotations: labelsOf(doc.metadata.annotations),
    selector: labelsOf(spec.selector?.matchLabels),
    template: {
      labels: labelsOf(spec.template?.metadata?.labels),
      annotations: labelsOf(spec.template?.metadata?.annotations),
      spec: podSpecOf(spec.template?.spec ?? {}),
    },
  }
}

function applyDeployment(
  c: Cluster,
  seed: number,
  doc: Doc,
  ns: string,
  applied: string,
  now: number,
): string {
  const name = String(doc.metadata.name)
  const spec = doc.spec ?? {}
  const fields = {
    replicas: spec.replicas === undefined ? 1 : Number(spec.replicas),
    selector: labelsOf(spec.selector?.matchLabels),
    template: {
      labels: labelsOf(spec.template?.metadata?.labels),
      annotations: labelsOf(spec.template?.metadata?.annotations),
      spec: podSpecOf(spec.template?.spec ?? {}),
    },
  }
  const existing = c.deployments.find((d) => d.meta.name === name && d.meta.namespace === ns)
  if (existing) {
    if (existing.applied === applied) return 'unchanged'
    // A restart annotation set by `rollout restart` survives re-apply, as with server-side field ownership.
    const restartedAt = existing.template.annotations['kubectl.kubernetes.io/restartedAt']
    Object.assign(existing, fields, { applied })
    if (restartedAt) existing.template.annotations['kubectl.kubernetes.io/restartedAt'] = restartedAt
    relabel(existing.meta, doc)
    existing.meta.generation = (existing.meta.generation ?? 1) + 1
    return 'configured'
  }
  const meta = manifestMeta(c, seed, now, doc, ns)
  const d: Deployment = {
    meta,
    ...fields,
    applied,
    readyDelay: buildDelay(timingOf(c)),
  }
  c.deployments.push(d)
  return 'created'
}

/** A new namespaced object's identity, with the labels and annotations its manifest gives. */
function manifestMeta(
  c: Cluster,
  seed: number,
  now: number,
  doc: Doc,
  ns: string,
): Meta & { namespace: string } {
  const name = String(doc.metadata.name)
  const labels = labelsOf(doc.metadata.labels)
  return { ...newMeta(c, seed, now, name, ns, labels, labelsOf(doc.metadata.annotations)), namespace: ns }
}

/** Re-apply: the manifest's labels and annotations replace the object's. */
function relabel(meta: Meta, doc: Doc): void {
  meta.labels = labelsOf(doc.metadata.labels)
  meta.annotations = labelsOf(doc.metadata.annotations)
}

function applyService(c: Cluster, seed: number, doc: Doc, ns: string, applied: string, now: number): string {
  const name = String(doc.metadata.name)
  const spec = doc.spec ?? {}
  const type = String(spec.type ?? 'ClusterIP')
  const existing = c.services.find((s) => s.meta.name === name && s.meta.namespace === ns)
  const ports = ((spec.ports ?? []) as Doc[]).map((p, i) => ({
    ...(p.name ? { name: String(p.name) } : {}),
    port: Number(p.port),
    targetPort:
      p.targetPort === undefined
        ? Number(p.port)
        : typeof p.targetPort === 'number'
          ? p.targetPort
          : String(p.targetPort),
    protocol: String(p.protocol ?? 'TCP'),
    ...(type !== 'ClusterIP'
      ? {
          nodePort: p.nodePort
            ? Number(p.nodePort)
            : (existing?.ports[i]?.nodePort ?? randInt(seed, 30000, 32767, c.profile, ns, name, i)),
        }
      : {}),
  }))
  if (existing) {
    if (existing.applied === applied) return 'unchanged'
    Object.assign(existing, {
      type,
      ports,
      selector: spec.selector ? labelsOf(spec.selector) : undefined,
      applied,
    })
    relabel(existing.meta, doc)
    return 'configured'
  }
  const meta = manifestMeta(c, seed, now, doc, ns)
  const svc: Service = {
    meta,
    type,
    clusterIP: freeClusterIP(c, seed, `${ns}/${name}`),
    ...(spec.selector ? { selector: labelsOf(spec.selector) } : {}),
    ports,
    sliceSuffix: safeString(seed, 5, c.profile, ns, name, 'slice'),
    applied,
  }
  c.services.push(svc)
  return 'created'
}

/** A free address from 10.96.0.0/12 above the reserved low range (.1 kubernetes, .10 kube-dns). */
function freeClusterIP(c: Cluster, seed: number, key: string): string {
  const used = new Set(c.services.map((s) => s.clusterIP))
  for (let i = 0; ; i++) {
    const ip = intToIp(ipToInt('10.96.0.0') + randInt(seed, 256, 2 ** 20 - 2, c.profile, key, i))
    if (!used.has(ip)) return ip
  }
}

function applyPod(c: Cluster, seed: number, doc: Doc, ns: string, applied: string, now: number): string {
  const name = String(doc.metadata.name)
  const existing = c.pods.find(
    (p) => p.meta.name === name && p.meta.namespace === ns && p.deletingAt === undefined,
  )
  if (existing) {
    if (existing.applied === applied) return 'unchanged'
    return `error: The Pod "${name}" is invalid: spec: Forbidden: pod updates may not change fields other than \`spec.containers[*].image\`,\`spec.initContainers[*].image\`,\`spec.activeDeadlineSeconds\`,\`spec.tolerations\` (only additions to existing tolerations),\`spec.terminationGracePeriodSeconds\` (allow it to be set to 1 if it was previously negative)`
  }
  const meta = manifestMeta(c, seed, now, doc, ns)
  const pod: Pod = { meta, spec: podSpecOf(doc.spec ?? {}), restarts: 0, applied }
  c.pods.push(pod)
  return 'created'
}

function applyGeneric(
  c: Cluster,
  seed: number,
  doc: Doc,
  kind: string,
  ns: string | undefined,
  applied: string,
  now: number,
): string {
  const name = String(doc.metadata.name)
  const existing = c.generics.find((g) => g.kind === kind && g.name === name && g.namespace === ns)
  const body = Object.fromEntries(
    Object.entries(doc).filter(([k]) => !['apiVersion', 'kind', 'metadata'].includes(k)),
  )
  if (existing) {
    if (existing.applied === applied) return 'unchanged'
    Object.assign(existing, { body, applied })
    return 'configured'
  }
  const meta = newMeta(c, seed, now, name, ns)
  const g: Generic = {
    kind,
    apiVersion: String(doc.apiVersion ?? 'v1'),
    name,
    ...(ns ? { namespace: ns } : {}),
    uid: meta.uid,
    createdAt: now,
    body,
    applied,
  }
  c.generics.push(g)
  return 'created'
}
