// CoreDNS as the kubeadm Corefile configures it: services, endpoint names (ready endpoints only), `pods insecure`.
import { isIPv4 } from './cidr.ts'
import { hasFault } from './faults.ts'
import { isReady, podsOf } from './pods.ts'
import { NODE_SUBNET } from './versions.ts'
import type { Cluster, Faults } from './types.ts'

export type Answer = { kind: 'ip'; ip: string } | { kind: 'nxdomain' } | { kind: 'timeout' }

const dashedIp = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})$/

export const dnsUp = (c: Cluster, now: number): boolean =>
  podsOf(c, 'kube-system', { 'k8s-app': 'kube-dns' }).some((p) => isReady(p, now))

const namespaces = (c: Cluster) =>
  new Set([
    'default',
    'kube-system',
    'kube-public',
    'kube-node-lease',
    ...c.pods.map((p) => p.meta.namespace),
    ...c.services.map((s) => s.meta.namespace),
  ])

/** Answer one fully qualified A query. */
export function lookup(c: Cluster, faults: Faults, fqdn: string, now: number): Answer {
  if (!dnsUp(c, now)) return { kind: 'timeout' }
  const name = fqdn.toLowerCase().replace(/\.$/, '')
  if (name === 'host.minikube.internal') return { kind: 'ip', ip: `${NODE_SUBNET}.1` }
  const labels = name.split('.')
  if (name.endsWith('.pod.cluster.local') && labels.length === 5) {
    const m = dashedIp.exec(labels[0] ?? '')
    if (!m || !namespaces(c).has(labels[1] ?? '') || hasFault(faults, 'dns-failure'))
      return { kind: 'nxdomain' }
    return { kind: 'ip', ip: m.slice(1, 5).join('.') }
  }
  if (name.endsWith('.svc.cluster.local')) {
    const [first, second, third] = labels
    if (labels.length === 5) {
      const svc = c.services.find((s) => s.meta.name === first && s.meta.namespace === second)
      return svc ? { kind: 'ip', ip: svc.clusterIP } : { kind: 'nxdomain' }
    }
    if (labels.length === 6) {
      const svc = c.services.find((s) => s.meta.name === second && s.meta.namespace === third)
      if (!svc || hasFault(faults, 'dns-failure')) return { kind: 'nxdomain' }
      const hit = podsOf(c, svc.meta.namespace, svc.selector).find(
        (p) => isReady(p, now) && p.ip?.replace(/\./g, '-') === first,
      )
      return hit?.ip ? { kind: 'ip', ip: hit.ip } : { kind: 'nxdomain' }
    }
  }
  return { kind: 'nxdomain' }
}

export type RecordType = 'A' | 'AAAA' | 'PTR'

/** One DNS reply as a resolver sees it: records (none = NODATA), NXDOMAIN, or no server answering. */
export type Reply = { rcode: 'NOERROR'; records: string[] } | { rcode: 'NXDOMAIN' } | { rcode: 'timeout' }

/** `d.c.b.a.in-addr.arpa` for `a.b.c.d`. */
export const arpaOf = (ip: string): string => `${ip.split('.').reverse().join('.')}.in-addr.arpa`

const arpaIp = (name: string): string | undefined => {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.in-addr\.arpa\.?$/i.exec(name)
  return m ? [m[4], m[3], m[2], m[1]].join('.') : undefined
}

/** One query of one type, as CoreDNS answers it (the cluster is IPv4 only: AAAA of a known name is NODATA). */
export function query(c: Cluster, faults: Faults, name: string, type: RecordType, now: number): Reply {
  if (!dnsUp(c, now)) return { rcode: 'timeout' }
  if (type === 'PTR') {
    const ip = arpaIp(name)
    const target = ip === undefined ? undefined : reverse(c, faults, ip, now)
    return target ? { rcode: 'NOERROR', records: [target] } : { rcode: 'NXDOMAIN' }
  }
  const a = lookup(c, faults, name, now)
  if (a.kind === 'timeout') return { rcode: 'timeout' }
  if (a.kind === 'nxdomain') return { rcode: 'NXDOMAIN' }
  return { rcode: 'NOERROR', records: type === 'A' ? [a.ip] : [] }
}

/**
 * The kubernetes plugin's reverse zone: a ClusterIP names its Service, a ready endpoint IP names
 * `a-b-c-d.<svc>.<ns>.svc.cluster.local`; anything else falls through upstream, which has no record.
 */
function reverse(c: Cluster, faults: Faults, ip: string, now: number): string | undefined {
  const svc = c.services.find((s) => s.clusterIP === ip)
  if (svc) return `${svc.meta.name}.${svc.meta.namespace}.svc.cluster.local`
  if (hasFault(faults, 'dns-failure')) return undefined
  const endpoint = c.services.find(
    (s) =>
      s.selector !== undefined &&
      podsOf(c, s.meta.namespace, s.selector).some(
        (p) => p.ip === ip && !p.spec.hostNetwork && isReady(p, now),
      ),
  )
  return endpoint
    ? `${ip.replace(/\./g, '-')}.${endpoint.meta.name}.${endpoint.meta.namespace}.svc.cluster.local`
    : undefined
}

/** musl getaddrinfo with `search <ns>.svc.cluster.local svc.cluster.local cluster.local` and `ndots:5`. */
export function resolveForPing(c: Cluster, faults: Faults, name: string, ns: string, now: number): Answer {
  if (isIPv4(name)) return { kind: 'ip', ip: name }
  const absolute = name.endsWith('.')
  const candidates = absolute
    ? [name]
    : [...[`${ns}.svc.cluster.local`, 'svc.cluster.local', 'cluster.local'].map((s) => `${name}.${s}`), name]
  // musl skips the search list entirely once a name has ndots (5) dots.
  const tries = name.split('.').length - 1 >= 5 ? [name] : candidates
  for (const fqdn of tries) {
    const a = lookup(c, faults, fqdn, now)
    if (a.kind !== 'nxdomain') return a
  }
  return { kind: 'nxdomain' }
}
