// Pure readers for the kubectl/calicoctl JSON this package records, beyond what core already reads.
import {
  nodeSummary,
  parseItems,
  podSummary,
  type LabConfig,
  type PodSummary,
  type V1Deployment,
  type V1Node,
  type V1Pod,
} from '@lab4/core'

export type EndpointSlice = {
  metadata?: { name?: string }
  endpoints?: Array<{
    addresses?: string[]
    conditions?: { ready?: boolean }
    nodeName?: string
    targetRef?: { kind?: string; name?: string }
  }>
}

export type ReadyEndpoint = { ip: string; pod: string | undefined; node: string | undefined }

/** Ready endpoints across the Service's EndpointSlices; a missing `ready` means ready (API semantics). */
export function readyEndpoints(stdout: string): ReadyEndpoint[] {
  return parseItems<EndpointSlice>(stdout).flatMap((s) =>
    (s.endpoints ?? [])
      .filter((e) => e.conditions?.ready !== false)
      .flatMap((e) => (e.addresses ?? []).map((ip) => ({ ip, pod: e.targetRef?.name, node: e.nodeName }))),
  )
}

export type DeploymentSummary = {
  name: string
  replicas: number
  readyReplicas: number
  updatedReplicas: number
  images: string[]
  /** Plain `env` values by name; `valueFrom`/`envFrom` entries are listed in `indirectEnv`. */
  env: Record<string, string>
  indirectEnv: string[]
}

export function deploymentSummary(d: V1Deployment): DeploymentSummary {
  const containers = d.spec?.template.spec?.containers ?? []
  const env: Record<string, string> = {}
  const indirect: string[] = []
  for (const c of containers) {
    for (const e of c.env ?? []) {
      if (e.value !== undefined) env[e.name] = e.value
      else indirect.push(e.name)
    }
    for (const f of c.envFrom ?? [])
      indirect.push(`envFrom ${f.configMapRef?.name ?? f.secretRef?.name ?? '?'}`)
  }
  return {
    name: d.metadata?.name ?? '',
    replicas: d.spec?.replicas ?? 1,
    readyReplicas: d.status?.readyReplicas ?? 0,
    updatedReplicas: d.status?.updatedReplicas ?? 0,
    images: containers.map((c) => c.image ?? ''),
    env,
    indirectEnv: indirect,
  }
}

/** `frontend-7d9c-x2 0/1 ImagePullBackOff on lab4-m02`: one line per pod for waits and verdicts. */
export const podLine = (p: PodSummary): string =>
  `${p.name} ${p.readyCount} ${p.status}${p.node ? ` on ${p.node}` : ''}${p.ip ? ` (${p.ip})` : ''}`

/** App pods, not terminating, in name order. */
export function appPods(stdout: string, config: LabConfig): PodSummary[] {
  return parseItems<V1Pod>(stdout)
    .map(podSummary)
    .filter((p) => !p.deleting && p.labels.app === config.app.name)
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** image → the digest the kubelet actually ran (`status.containerStatuses[].imageID`), for reproducibility. */
export function runningImages(stdout: string): Record<string, string> {
  const out: Record<string, string> = {}
  for (const p of parseItems<V1Pod>(stdout))
    for (const c of p.status?.containerStatuses ?? []) if (c.image && c.imageID) out[c.image] = c.imageID
  return out
}

const PULL_TROUBLE = new Set(['ImagePullBackOff', 'ErrImagePull', 'InvalidImageName', 'ErrImageNeverPull'])
/** Pods that cannot start because the image cannot be pulled: an environment problem, not a lab mistake. */
export const imagePullTrouble = (pods: readonly PodSummary[]): PodSummary[] =>
  pods.filter((p) => PULL_TROUBLE.has(p.status))

/** node name → zone label value (nodes without the label are left out). */
export function nodeZones(stdout: string, labelKey: string): Map<string, string> {
  const zones = new Map<string, string>()
  for (const n of parseItems<V1Node>(stdout).map(nodeSummary)) {
    const z = n.labels[labelKey]
    if (z !== undefined) zones.set(n.name, z)
  }
  return zones
}

export type ZonePool = { name: string; cidr: string; zone: string | undefined }

type CalicoPool = {
  metadata?: { name?: string }
  spec?: { cidr?: string; nodeSelector?: string; disabled?: boolean }
}

/** Enabled pools from `calicoctl get ippool -o json`, with the zone their `KEY == "v"` selector names. */
export function zonePools(stdout: string, labelKey: string): ZonePool[] {
  const key = labelKey.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  const sel = new RegExp(`(?:^|[\\s(&])${key}\\s*==\\s*["']([^"']*)["']`)
  return parseItems<CalicoPool>(stdout)
    .filter((p) => p.spec?.disabled !== true && p.spec?.cidr)
    .map((p) => ({
      name: p.metadata?.name ?? '',
      cidr: p.spec?.cidr ?? '',
      zone: sel.exec(p.spec?.nodeSelector ?? '')?.[1],
    }))
}

/** Pools as the config declares them, for when no pool list was recorded. */
export const configPools = (config: LabConfig): ZonePool[] =>
  config.pools
    .filter((p) => !p.disabled)
    .map((p) => ({ name: p.name ?? `${p.zone}-ippool`, cidr: p.cidr, zone: p.zone }))
