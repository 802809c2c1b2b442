// The NetworkPolicy ingress model on its own: selectors, peers, ports and protocols, ICMP, and kindnet.
import { describe, expect, it } from 'vitest'
import { applyManifests } from './apply.ts'
import { createCluster } from './cluster.ts'
import { ingressAllowed, matches, type Connection } from './policy.ts'
import type { Cluster, Faults, Pod } from './types.ts'

const T0 = Date.UTC(2025, 0, 14, 1, 29, 7)

function pod(name: string, ns: string, ip: string, labels: Record<string, string>, node = 'lab4'): Pod {
  return {
    meta: { name, namespace: ns, uid: name, createdAt: T0, labels, annotations: {} },
    spec: { containers: [{ name: 'c', image: 'x', ports: [3000] }] },
    nodeName: node,
    ip,
    runAt: T0,
    readyAt: T0,
    restarts: 0,
  }
}

function world(...policies: string[]): { c: Cluster; web: Pod; peer: Pod; other: Pod; outsider: Pod } {
  const c = createCluster(1, {}, { profile: 'lab4', nodes: 2, driver: 'docker' }, T0)
  const web = pod('web-a', 'default', '10.244.1.5', { app: 'web' })
  const peer = pod('web-b', 'default', '10.244.2.7', { app: 'web' }, 'lab4-m02')
  const other = pod('tool', 'default', '10.244.2.9', { app: 'tool' }, 'lab4-m02')
  const outsider = pod('probe', 'monitoring', '10.244.2.11', { app: 'web', team: 'ops' }, 'lab4-m02')
  c.pods.push(web, peer, other, outsider)
  for (const p of policies) {
    const r = applyManifests(c, 1, p, 'default', T0)
    expect(r.error).toBeUndefined()
  }
  return { c, web, peer, other, outsider }
}

const DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-deny-ingress }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress]
`
const ALLOW_HTTP = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: web-allow-http }
spec:
  podSelector: { matchLabels: { app: web } }
  policyTypes: [Ingress]
  ingress:
    - from: [{ podSelector: { matchLabels: { app: web } } }]
      ports: [{ protocol: TCP, port: 3000 }]
`
const tcp = (from: Pod, port = 3000): Connection => ({
  from: { ip: from.ip ?? '', pod: from },
  protocol: 'TCP',
  port,
})
const icmp = (from: Pod): Connection => ({ from: { ip: from.ip ?? '', pod: from }, protocol: 'ICMP' })
const allowed = (c: Cluster, to: Pod, conn: Connection, faults: Faults = {}) =>
  ingressAllowed(c, faults, to, conn)

describe('ingress with no policy, and with a deny-all policy', () => {
  it('lets everything in while no policy selects the pod', () => {
    const { c, web, peer } = world()
    expect(allowed(c, web, tcp(peer))).toBe(true)
    expect(allowed(c, web, icmp(peer))).toBe(true)
  })

  it('drops TCP and ICMP to selected pods, but never from the pod itself or its own node', () => {
    const { c, web, peer, other } = world(DENY)
    expect(allowed(c, web, tcp(peer))).toBe(false)
    expect(allowed(c, web, icmp(peer))).toBe(false)
    expect(allowed(c, web, tcp(web))).toBe(true)
    expect(allowed(c, web, { from: { ip: c.nodes[0]?.ip ?? '' }, protocol: 'TCP', port: 3000 })).toBe(true)
    // Not selected: app=tool still accepts anything.
    expect(allowed(c, other, icmp(peer))).toBe(true)
  })

  it('enforces nothing on a kindnet cluster', () => {
    const { c, web, peer } = world(DENY)
    expect(allowed(c, web, tcp(peer), { 'cni-kindnet': true })).toBe(true)
    expect(allowed(c, web, icmp(peer), { 'cni-kindnet': true })).toBe(true)
  })
})

describe('an allow rule with from and ports', () => {
  it('opens only TCP 3000 from app=web pods of the namespace; ICMP is no port, so ping stays dropped', () => {
    const { c, web, peer, other, outsider } = world(DENY, ALLOW_HTTP)
    expect(allowed(c, web, tcp(peer))).toBe(true)
    expect(allowed(c, web, tcp(peer, 80))).toBe(false)
    expect(allowed(c, web, { ...tcp(peer), protocol: 'UDP' })).toBe(false)
    expect(allowed(c, web, icmp(peer))).toBe(false)
    expect(allowed(c, web, tcp(other))).toBe(false)
    // A podSelector alone means the policy's own namespace: app=web elsewhere does not count.
    expect(allowed(c, web, tcp(outsider))).toBe(false)
  })

  it('with no ports allows every protocol from the source, ICMP included', () => {
    const { c, web, peer, other } = world(
      DENY,
      ALLOW_HTTP.replace('web-allow-http', 'web-allow-peers').replace(/\n {6}ports: .*\n/, '\n'),
    )
    expect(allowed(c, web, icmp(peer))).toBe(true)
    expect(allowed(c, web, tcp(peer, 22))).toBe(true)
    expect(allowed(c, web, icmp(other))).toBe(false)
  })

  it('matches a port range with endPort, and an omitted port as every port of the protocol', () => {
    const range = ALLOW_HTTP.replace('port: 3000 }', 'port: 3000, endPort: 3010 }')
    const w = world(DENY, range)
    expect(allowed(w.c, w.web, tcp(w.peer, 3010))).toBe(true)
    expect(allowed(w.c, w.web, tcp(w.peer, 3011))).toBe(false)
    const anyPort = world(DENY, ALLOW_HTTP.replace('{ protocol: TCP, port: 3000 }', '{ protocol: TCP }'))
    expect(allowed(anyPort.c, anyPort.web, tcp(anyPort.peer, 8080))).toBe(true)
    expect(allowed(anyPort.c, anyPort.web, icmp(anyPort.peer))).toBe(false)
  })
})

describe('peers by namespace, by both selectors, and by ipBlock', () => {
  const allowFrom = (from: string) =>
    `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: { name: allow-from }
spec:
  podSelector: { matchLabels: { app: web } }
  ingress:
    - from: ${from}
`
  it('namespaceSelector alone admits every pod of the matching namespaces', () => {
    const w = world(
      allowFrom('[{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } } }]'),
    )
    expect(allowed(w.c, w.web, tcp(w.outsider))).toBe(true)
    expect(allowed(w.c, w.web, tcp(w.peer))).toBe(false)
  })

  it('both selectors in one entry must both match; in two entries either does', () => {
    const both = world(
      allowFrom(
        '[{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } }, podSelector: { matchLabels: { team: dev } } }]',
      ),
    )
    expect(allowed(both.c, both.web, tcp(both.outsider))).toBe(false)
    const either = world(
      allowFrom(
        '[{ namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: monitoring } } }, { podSelector: { matchLabels: { app: tool } } }]',
      ),
    )
    expect(allowed(either.c, either.web, tcp(either.outsider))).toBe(true)
    expect(allowed(either.c, either.web, tcp(either.other))).toBe(true)
    expect(allowed(either.c, either.web, tcp(either.peer))).toBe(false)
  })

  it('ipBlock admits addresses in the CIDR but not in except', () => {
    const w = world(allowFrom('[{ ipBlock: { cidr: 10.244.2.0/24, except: [10.244.2.9/32] } }]'))
    expect(allowed(w.c, w.web, tcp(w.peer))).toBe(true)
    expect(allowed(w.c, w.web, tcp(w.other))).toBe(false)
    expect(allowed(w.c, w.web, { from: { ip: '192.168.49.1' }, protocol: 'TCP', port: 3000 })).toBe(false)
  })

  it('an Egress-only policy does not isolate the pod for ingress', () => {
    const w = world(DENY.replace('policyTypes: [Ingress]', 'policyTypes: [Egress]'))
    expect(allowed(w.c, w.web, icmp(w.peer))).toBe(true)
  })
})

describe('label selectors', () => {
  it.each([
    [{}, { app: 'web' }, true],
    [{ matchLabels: { app: 'web' } }, { app: 'web', x: '1' }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] }, { app: 'api' }, true],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, { app: 'web' }, false],
    [{ matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, {}, true],
    [{ matchExpressions: [{ key: 'team', operator: 'Exists' }] }, { app: 'web' }, false],
    [{ matchExpressions: [{ key: 'team', operator: 'DoesNotExist' }] }, { app: 'web' }, true],
  ])('%j selects %j: %s', (selector, labels, want) => {
    expect(matches(selector, labels)).toBe(want)
  })
})
