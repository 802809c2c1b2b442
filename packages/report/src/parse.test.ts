import { describe, expect, it } from 'vitest'
import {
  corefileExcerpt,
  ipInCidr,
  parseNslookup,
  parsePing,
  parsePools,
  parseTable,
  selectorValue,
} from './parse.ts'
import { realOutput } from './test-support.ts'

/** Split a transcript with `/frontend # cmd` prompts into command outputs. */
const outputs = (text: string) => text.split(/^.*# (?:ping|nslookup) .*$/m).slice(1)

describe('parsePing (BusyBox)', () => {
  it('reads name, IP, TTLs and statistics from a real endpoint-FQDN ping', () => {
    const [sameNode, otherNode] = outputs(realOutput('sanchpet__ping-endpoint-fqdn.txt'))
    const a = parsePing(sameNode ?? '')
    expect(a).toMatchObject({
      name: '10-244-1-68.itdt-contained-frontend-deployment.default.svc.cluster.local',
      ip: '10.244.1.68',
      transmitted: 5,
      received: 5,
      lossPct: 0,
      rtt: '0.036/0.045/0.053',
      badAddress: false,
    })
    expect(a.ttls).toEqual([64, 64, 64, 64, 64])
    expect(parsePing(otherNode ?? '').ttls[0]).toBe(62)
  })
  it('flags `bad address` and leaves the statistics undefined', () => {
    const [first] = outputs(realOutput('countenum404__exec-ping-service-fqdn-bad-address.txt'))
    const p = parsePing(first ?? '', '', 'x')
    expect(p.badAddress).toBe(true)
    expect(p.transmitted).toBeUndefined()
    expect(p.ip).toBeUndefined()
  })
  it('counts a 100% loss ping as 0 received', () => {
    const p = parsePing(
      'PING 10.96.0.1 (10.96.0.1): 56 data bytes\n\n--- 10.96.0.1 ping statistics ---\n3 packets transmitted, 0 packets received, 100% packet loss\n',
    )
    expect(p).toMatchObject({ transmitted: 3, received: 0, lossPct: 100, ttls: [] })
  })
})

describe('parseNslookup (BusyBox)', () => {
  it('finds the answer for an FQDN despite the "No answer" AAAA line', () => {
    const [, fqdn] = outputs(realOutput('busybox-nslookup-fqdn-k8s.txt'))
    expect(parseNslookup(fqdn ?? '').answers).toEqual([
      { name: 'kubernetes.default.svc.cluster.local', address: '10.0.0.1' },
    ])
  })
  it('reports NXDOMAIN noise and still reads the search-list answer', () => {
    const r = parseNslookup(outputs(realOutput('sanchpet__exec-nslookup-service.txt'))[0] ?? '')
    expect(r.server).toBe('10.96.0.10')
    expect(r.nxdomain).toBe(true)
    expect(r.answers).toEqual([
      { name: 'itdt-contained-frontend-deployment.default.svc.cluster.local', address: '10.107.152.191' },
    ])
  })
})

describe('parseTable', () => {
  it('splits kubectl -o wide by header positions, keeping two-word headers', () => {
    const rows = parseTable(realOutput('kubectl-get-pods-wide-topology.txt'))
    expect(rows).toHaveLength(5)
    expect(rows[1]).toMatchObject({
      NAME: 'nginx-5c7588df-s7qw6',
      IP: '192.168.0.129',
      NODE: 'kube-node-1',
      'NOMINATED NODE': '<none>',
    })
  })
  it('reads a calicoctl wide table whose selector holds spaces', () => {
    const text = realOutput('LinaMalinaMeow__calicoctl-get-ippool-wide.txt').split('\n').slice(1).join('\n')
    expect(parseTable(text).map((r) => r['SELECTOR'])).toEqual(['zone == "east"', 'zone == "west"'])
  })
})

describe('pools and zones', () => {
  it('reads a calicoctl IPPoolList, a null item list and a bare pool', () => {
    const list = JSON.stringify({
      kind: 'IPPoolList',
      items: [
        {
          metadata: { name: 'east-ippool' },
          spec: {
            cidr: '10.244.1.0/24',
            nodeSelector: 'zone == "east"',
            ipipMode: 'Always',
            natOutgoing: true,
          },
        },
      ],
    })
    expect(parsePools(list)).toEqual([
      {
        name: 'east-ippool',
        cidr: '10.244.1.0/24',
        selector: 'zone == "east"',
        ipipMode: 'Always',
        vxlanMode: 'Never',
        natOutgoing: true,
        disabled: false,
        blockSize: undefined,
      },
    ])
    expect(parsePools(JSON.stringify({ kind: 'IPPoolList', items: null }))).toEqual([])
    expect(
      parsePools(JSON.stringify({ kind: 'IPPool', metadata: { name: 'p' }, spec: { cidr: '10.0.0.0/8' } }))[0]
        ?.selector,
    ).toBe('all()')
  })
  it.each([
    ['10.244.1.67', '10.244.1.0/24', true],
    ['10.244.2.0', '10.244.2.0/24', true],
    ['10.244.2.255', '10.244.1.0/24', false],
    ['10.244.120.64', '10.244.0.0/16', true],
    ['10.245.0.1', '10.244.0.0/16', false],
    ['not-an-ip', '10.0.0.0/8', false],
  ])('%s in %s is %s', (ip, cidr, inside) => expect(ipInCidr(ip, cidr)).toBe(inside))
  it('takes the zone from `key == "value"` selectors only', () => {
    expect(selectorValue('zone == "east"', 'zone')).toBe('east')
    expect(selectorValue("topology.kubernetes.io/zone == 'b'", 'topology.kubernetes.io/zone')).toBe('b')
    expect(selectorValue('all()', 'zone')).toBeUndefined()
    expect(selectorValue('rack == "1"', 'zone')).toBeUndefined()
  })
  it('cuts the kubernetes block out of a real Corefile', () => {
    const excerpt = corefileExcerpt(realOutput('coredns-corefile-kubeadm-default-2022.txt'))
    expect(excerpt?.split('\n')).toEqual([
      'kubernetes cluster.local in-addr.arpa ip6.arpa {',
      '   pods insecure',
      '   fallthrough in-addr.arpa ip6.arpa',
      '   ttl 30',
      '}',
    ])
  })
})
