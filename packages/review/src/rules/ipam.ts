// Item 5, the real proof of IPAM: each app pod's IP inside a custom pool, and inside the pool of its node's zone.
import { ipInCidr, networkCidr, tryParseCidr } from '@lab4/core'
import { selectorMatches } from '../adapters.ts'
import type { Finding } from '../types.ts'
import type { Ctx, PodRow } from '../facts/context.ts'
import { type PoolDef, finalPools, isDefaultPool, poolListings } from '../facts/pools.ts'
import { type Rule, finding } from './finding.ts'

const SYSTEM_POD =
  /^(calico-|kube-|etcd-|coredns-|storage-provisioner|calicoctl|metrics-server|dashboard-|kubernetes-dashboard)/

/** Pods of the app (not the cluster's own, not host-network ones), with an IP and a node. */
export function appPodRows(ctx: Ctx): PodRow[] {
  const nodeIps = new Set(ctx.nodes.map((n) => n.row.cells['INTERNAL-IP']).filter(Boolean))
  const nodeIp = ctx.starts.map((s) => s.nodeIp).find(Boolean)
  const nodeNet = nodeIp ? tryParseCidr(`${nodeIp}/24`) : undefined
  return ctx.pods.filter(
    (p) =>
      p.ip !== undefined &&
      p.node !== undefined &&
      p.namespace !== 'kube-system' &&
      !SYSTEM_POD.test(p.name) &&
      !nodeIps.has(p.ip) &&
      !(nodeNet && ipInCidr(p.ip, networkCidr(nodeNet))),
  )
}

/** node → its labels, from `kubectl label` commands and from node tables (later ones win). */
export function nodeLabels(ctx: Ctx): Map<string, Record<string, string>> {
  const m = new Map<string, Record<string, string>>()
  for (const l of ctx.labels) m.set(l.node, { ...(m.get(l.node) ?? {}), ...l.labels })
  return m
}

const selecting = (pools: readonly PoolDef[], labels: Record<string, string>): PoolDef[] =>
  pools.filter((p) => !p.disabled && selectorMatches(p.selector, labels) === true)

export const podIpRule: Rule = (ctx) => {
  const pools = finalPools(ctx).filter((p) => !isDefaultPool(p) && tryParseCidr(p.cidr))
  if (pools.length === 0) return []
  // Pods listed before the first pool listing may predate the pools; a manifest alone may sit in an appendix.
  const listed = poolListings(ctx)
    .flat()
    .filter((p) => !isDefaultPool(p))
  const since = listed.length ? Math.min(...listed.map((p) => p.line)) : 0
  const labels = nodeLabels(ctx)
  const out: Finding[] = []
  const seen = new Set<string>()
  for (const p of appPodRows(ctx).filter((x) => x.row.n > since)) {
    const ip = p.ip as string
    const key = `${p.name}|${ip}`
    if (seen.has(key)) continue
    seen.add(key)
    const holding = pools.filter((x) => ipInCidr(ip, x.cidr))
    if (holding.length === 0) {
      out.push(
        finding(ctx, {
          kind: 'ipam.pod-outside-pools',
          severity: 'error',
          item: 5,
          line: p.row.n,
          message: `pod ${p.name} has ${ip}, outside every custom pool (${pools.map((x) => `${x.name} ${x.cidr}`).join(', ')}): IPAM was not in effect for it`,
          hint: 'delete the default pool before the pods exist, or recreate the pods (kubectl rollout restart deployment/<name>) after the pools are in place',
        }),
      )
      continue
    }
    const nodeLabelSet = labels.get(p.node as string)
    if (!nodeLabelSet) continue
    const own = selecting(pools, nodeLabelSet)
    if (own.length > 0 && !own.some((x) => ipInCidr(ip, x.cidr))) {
      out.push(
        finding(ctx, {
          kind: 'ipam.pod-wrong-pool',
          severity: 'error',
          item: 5,
          line: p.row.n,
          message: `pod ${p.name} on ${p.node} has ${ip} from ${holding.map((x) => x.name).join(', ')}, but ${p.node} is selected by ${own.map((x) => `${x.name} ${x.cidr}`).join(', ')}`,
          hint: "check the node labels against the pools' nodeSelector, then recreate the pods",
        }),
      )
    }
  }
  return out
}
