import { describe, expect, it } from 'vitest'
import { addressesFor, parseNslookup } from './nslookup.ts'
import { fixture } from '../testing/fixture.ts'

describe('parseNslookup', () => {
  it('keeps the answer that follows an NXDOMAIN line for a search-list candidate', () => {
    const r = parseNslookup(fixture('sanchpet__exec-nslookup-service.txt'))
    expect(r.server).toBe('10.96.0.10')
    expect(r.errors).toEqual([
      { name: 'itdt-contained-frontend-deployment.cluster.local', reason: 'NXDOMAIN' },
    ])
    expect(r.answers).toEqual([
      { name: 'itdt-contained-frontend-deployment.default.svc.cluster.local', address: '10.107.152.191' },
    ])
    expect(addressesFor(r, 'itdt-contained-frontend-deployment.default.svc.cluster.local')).toEqual([
      '10.107.152.191',
    ])
  })

  it('does not count the resolver address under Server: as an answer', () => {
    const [short, fqdn] = fixture('busybox-nslookup-fqdn-k8s.txt').split('/ # echo $?\n1\n')
    const a = parseNslookup(short ?? '')
    expect(a.answers).toEqual([])
    expect(a.errors.map((e) => e.reason)).toEqual(['NXDOMAIN', 'No answer'])
    const b = parseNslookup(fqdn ?? '')
    expect(addressesFor(b)).toEqual(['10.0.0.1'])
  })

  it('finds no answer when every candidate failed', () => {
    const r = parseNslookup(fixture('busybox-nslookup-ping-k8s.txt'))
    expect(r.answers).toEqual([])
    expect(r.errors).toHaveLength(6)
  })

  it('reads reverse lookups (the endpoint FQDN CoreDNS gives a pod IP)', () => {
    const r = parseNslookup(fixture('DeerHolt__exec-nslookup-reverse-and-get-pods-wide.txt'))
    expect(r.ptr).toEqual([
      { arpa: '199.117.244.10.in-addr.arpa', name: '10-244-117-199.service-lab4.default.svc.cluster.local' },
      { arpa: '194.7.244.10.in-addr.arpa', name: '10-244-7-194.service-lab4.default.svc.cluster.local' },
    ])
    const art = parseNslookup(fixture('Artemchikus__nslookup-and-ping-endpoint-fqdn.txt'))
    expect(art.ptr[0]?.name).toBe('192-168-225-64.react-np.default.svc.cluster.local')
  })

  it('reads the older numbered Address form', () => {
    const r = parseNslookup(
      'Server:    10.96.0.10\nAddress 1: 10.96.0.10 kube-dns.kube-system.svc.cluster.local\n\nName:      frontend.default.svc.cluster.local\nAddress 1: 10.101.7.3 frontend.default.svc.cluster.local\n',
    )
    expect(addressesFor(r, 'frontend.default.svc.cluster.local')).toEqual(['10.101.7.3'])
  })
})
