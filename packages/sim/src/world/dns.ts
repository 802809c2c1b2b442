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
