// BusyBox nslookup in a pod: its own resolver (not musl's), so search domains only for dot-less names, PTR for an IP.
import {
  aRecord,
  appletUsage,
  nslookupOutput,
  nslookupTimeout,
  ptrRecord,
  type NsBlock,
} from '../format/busybox.ts'
import { isIPv4 } from '../world/cidr.ts'
import { arpaOf, query, type RecordType } from '../world/dns.ts'
import type { Cluster, Faults, Pod } from '../world/types.ts'
import type { Run } from './calicoctl.ts'

export const CLUSTER_DNS = '10.96.0.10'

/** The pod's resolv.conf search list (dnsPolicy ClusterFirst). */
export const searchList = (ns: string): string[] => [
  `${ns}.svc.cluster.local`,
  'svc.cluster.local',
  'cluster.local',
]

type Query = { name: string; type: RecordType }

/**
 * What BusyBox sends: one PTR for an address; else A then AAAA for each name, where a name with no dot
 * is tried under every search domain (and never bare) and a name with a dot only as typed.
 */
export function nslookupQueries(target: string, ns: string): Query[] {
  if (isIPv4(target)) return [{ name: arpaOf(target), type: 'PTR' }]
  const names = target.includes('.') ? [target] : searchList(ns).map((d) => `${target}.${d}`)
  return [
    ...names.map((name) => ({ name, type: 'A' as const })),
    ...names.map((name) => ({ name, type: 'AAAA' as const })),
  ]
}

/**
 * UDP replies race, so any order is real; we print them in the order one real pod did (sanchpet's capture of
 * `nslookup <service>` in this image): the first name's AAAA, the last name's A, then the rest as sent.
 */
export function replyOrder(n: number): number[] {
  if (n < 2) return [0]
  const half = n / 2
  const first = [half, half - 1]
  return [...new Set([...first, ...Array.from({ length: n }, (_, i) => i)])]
}

export function nslookup(c: Cluster, faults: Faults, pod: Pod, args: string[], now: number): Run {
  const [target, server = CLUSTER_DNS] = args.filter((a) => !a.startsWith('-'))
  if (!target) return appletUsage('nslookup')
  // A server other than the cluster's is on the internet, which the simulated cluster cannot reach.
  if (server !== CLUSTER_DNS) return { ...nslookupTimeout(), stderr: '' }
  const queries = nslookupQueries(target, pod.meta.namespace)
  const replies = queries.map((q) => query(c, faults, q.name, q.type, now))
  if (replies.some((r) => r.rcode === 'timeout')) return { ...nslookupTimeout(), stderr: '' }
  const blocks = replyOrder(queries.length).map((i): NsBlock => {
    const q = queries[i] as Query
    const r = replies[i]
    if (!r || r.rcode !== 'NOERROR') return { name: q.name, rcode: 'NXDOMAIN' }
    // CoreDNS `cache 30`: a repeat within 30 s is answered from cache, without the authoritative bit.
    const key = `${q.type} ${q.name.toLowerCase().replace(/\.$/, '')}`
    const cached = (c.dnsCache[key] ?? 0) > now - 30_000
    if (!cached) c.dnsCache[key] = now
    const owner = q.name.replace(/\.$/, '')
    const records = r.records.map((x) => (q.type === 'PTR' ? ptrRecord(owner, x) : aRecord(owner, x)))
    return { name: q.name, rcode: 'NOERROR', authoritative: !cached, records }
  })
  return { ...nslookupOutput(CLUSTER_DNS, blocks), stderr: '' }
}
