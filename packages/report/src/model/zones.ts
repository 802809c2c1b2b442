// Nodes grouped by zone, with each zone's pool and the pods whose IPs should fall inside it.
import {
  ipInCidr,
  nodeSummary,
  orderNodes,
  parseItems,
  parseTable,
  podSummary,
  type Evidence,
  type LabConfig,
  type V1Node,
  type V1Pod,
  type V1Service,
} from '@lab4/core'
import { appKeys } from '@lab4/app'
import { clusterKeys } from '@lab4/cluster'
import { ipamKeys, parsePools, type IPPool } from '@lab4/ipam'

/** A pool as ipam reads it (Calico's defaults filled in). */
export type PoolView = IPPool

export type NodeView = {
  name: string
  ip: string | undefined
  controlPlane: boolean
  ready: boolean
  zone: string | undefined
}
export type PodView = {
  name: string
  ip: string | undefined
  node: string | undefined
  zone: string | undefined
  pool: string | undefined
  cidr: string | undefined
  inPool: boolean
  kind: 'app' | 'coredns'
}
export type ZoneView = { zone: string; nodes: NodeView[]; pools: PoolView[]; pods: PodView[] }
export type ServiceView = {
  name: string
  namespace: string
  type: string
  clusterIP: string | undefined
  port: number
  endpoints: Array<{ ip: string; pod: string | undefined; node: string | undefined; ready: boolean }>
}

/** The last recorded output of the first key present; a parse failure counts as absent. */
function lastOf<T>(ev: Evidence, keys: readonly string[], parse: (stdout: string) => T): T | undefined {
  for (const k of keys) {
    const c = ev.command(k)
    if (!c || c.exitCode !== 0) continue
    try {
      return parse(c.stdout)
    } catch {
      continue
    }
  }
  return undefined
}

export function nodesOf(ev: Evidence, config: LabConfig): NodeView[] {
  const nodes =
    lastOf(ev, [appKeys.nodes, ipamKeys.nodesJson, clusterKeys.nodesJson], (s) =>
      parseItems<V1Node>(s).map(nodeSummary),
    ) ?? []
  return orderNodes(nodes).map((n) => ({
    name: n.name,
    ip: n.internalIP,
    controlPlane: n.controlPlane,
    ready: n.ready,
    zone: n.labels[config.zones.labelKey],
  }))
}

export function poolsAfter(ev: Evidence): PoolView[] | undefined {
  return lastOf(ev, [ipamKeys.poolsAfterJson, appKeys.pools], parsePools)
}

export function poolsBefore(ev: Evidence): PoolView[] | undefined {
  return lastOf(ev, [ipamKeys.poolsBeforeJson], parsePools)
}

export function appPods(
  ev: Evidence,
): Array<{ name: string; ip: string | undefined; node: string | undefined }> {
  const pods =
    lastOf(ev, [appKeys.networkPods, appKeys.pods, appKeys.browserPods], (s) =>
      parseItems<V1Pod>(s).map(podSummary),
    ) ?? []
  return pods
    .filter((p) => !p.deleting)
    .map((p) => ({ name: p.name, ip: p.ip, node: p.node }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

export function corednsPods(
  ev: Evidence,
): Array<{ name: string; ip: string | undefined; node: string | undefined; status: string; ready: string }> {
  const rows = lastOf(ev, [appKeys.corednsPods], parseTable)
  if (!rows) {
    // Before app.network ran, the IPAM step's pod list still shows where CoreDNS is.
    const all =
      lastOf(ev, [ipamKeys.podsJson, clusterKeys.kubeSystemJson], (s) =>
        parseItems<V1Pod>(s).map(podSummary),
      ) ?? []
    return all
      .filter((p) => p.labels['k8s-app'] === 'kube-dns' && !p.deleting)
      .map((p) => ({ name: p.name, ip: p.ip, node: p.node, status: p.status, ready: p.readyCount }))
  }
  return rows.map((r) => ({
    name: r['NAME'] ?? '',
    ip: r['IP'] && r['IP'] !== '<none>' ? r['IP'] : undefined,
    node: r['NODE'],
    status: r['STATUS'] ?? '',
    ready: r['READY'] ?? '',
  }))
}

export function serviceOf(ev: Evidence, config: LabConfig): ServiceView {
  const svc = lastOf(ev, [appKeys.networkService, appKeys.service], (s) => parseItems<V1Service>(s)[0])
  type Slice = {
    endpoints?: Array<{
      addresses?: string[]
      nodeName?: string
      conditions?: { ready?: boolean }
      targetRef?: { name?: string }
    }>
  }
  const slices = lastOf(ev, [appKeys.endpointSlices], (s) => parseItems<Slice>(s)) ?? []
  return {
    name: svc?.metadata?.name ?? config.app.service.name,
    namespace: svc?.metadata?.namespace ?? config.app.namespace,
    type: svc?.spec?.type ?? config.app.service.type,
    clusterIP: svc?.spec?.clusterIP,
    port: svc?.spec?.ports?.[0]?.port ?? config.app.service.port,
    endpoints: slices.flatMap((s) =>
      (s.endpoints ?? []).map((e) => ({
        ip: e.addresses?.[0] ?? '',
        pod: e.targetRef?.name,
        node: e.nodeName,
        ready: e.conditions?.ready !== false,
      })),
    ),
  }
}

/** Zones in config order (then any other label value seen), each with its nodes, pools and pods. */
export function zonesOf(
  nodes: readonly NodeView[],
  pools: readonly PoolView[],
  pods: readonly Omit<PodView, 'zone' | 'pool' | 'cidr' | 'inPool'>[],
  config: LabConfig,
): ZoneView[] {
  const key = config.zones.labelKey
  const names = [
    ...new Set([
      ...config.zones.values,
      ...nodes.map((n) => n.zone).filter((z): z is string => z !== undefined),
    ]),
  ]
  const zoneOfNode = new Map(nodes.map((n) => [n.name, n.zone]))
  const placed = pods.map((p) => placePod(p, zoneOfNode.get(p.node ?? ''), pools, key))
  return names
    .map((zone) => ({
      zone,
      nodes: nodes.filter((n) => n.zone === zone),
      pools: pools.filter((p) => selectorValue(p.nodeSelector, key) === zone),
      pods: placed.filter((p) => p.zone === zone),
    }))
    .filter((z) => z.nodes.length > 0 || z.pools.length > 0)
}

export function placePod(
  p: Omit<PodView, 'zone' | 'pool' | 'cidr' | 'inPool'>,
  zone: string | undefined,
  pools: readonly PoolView[],
  key: string,
): PodView {
  const own = pools.filter((pool) => zone !== undefined && selectorValue(pool.nodeSelector, key) === zone)
  const holder = pools.find((pool) => p.ip !== undefined && ipInCidr(p.ip, pool.cidr))
  return {
    ...p,
    zone,
    pool: holder?.name,
    cidr: holder?.cidr,
    inPool: holder !== undefined && own.some((o) => o.name === holder.name),
  }
}

/** The zone a pool's `nodeSelector` names: `zone == "east"` → `east` (for the given label key). */
export function selectorValue(selector: string, key: string): string | undefined {
  const esc = key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  return new RegExp(`^\\s*${esc}\\s*==\\s*(["'])(.*?)\\1\\s*$`).exec(selector)?.[2]
}
