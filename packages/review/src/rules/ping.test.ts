import { describe, expect, it } from 'vitest'
import { review } from '../review.ts'
import { fenced, fixture, input, lineOf, md, ofKind, substantive } from '../testing/fixture.ts'

describe('ping (item 10)', () => {
  it('ping.by-ip: `kubectl exec … -- ping 192.168.0.65` (Creampanda)', () => {
    const text = fenced('Creampanda__get-pods-wide-and-ping-ip.txt')
    const [f] = ofKind(review(input(text)), 'ping.by-ip')
    expect(f).toMatchObject({ severity: 'error', item: 10, line: lineOf(text, 'PING 192.168.0.65') })
  })

  it('ping.self: the pod pings its own IP, ttl=64 (LinaMalinaMeow: pods table, then exec into k6tfh)', () => {
    const text = md(
      fenced('LinaMalinaMeow__get-pods-wide.txt'),
      fenced('LinaMalinaMeow__exec-ping-own-ip-east.txt'),
    )
    const [f] = ofKind(review(input(text)), 'ping.self')
    expect(f).toMatchObject({ severity: 'error', line: lineOf(text, 'PING 192.168.1.4') })
    expect(f?.message).toContain('lab4-deployment-84dcb7ccff-k6tfh pings 192.168.1.4, its own IP')
  })

  it('ping.ttl64: every reply ttl=64 and nothing shows which pod pinged (alex-grandson)', () => {
    const text = fenced('alex-grandson__exec-sh-ping-own-ip.txt')
    const r = review(input(text))
    expect(ofKind(r, 'ping.ttl64')).toMatchObject([
      { severity: 'warning', line: lineOf(text, 'PING 192.168.100.65') },
    ])
    // With the pods table beside it, the same output is a self-ping.
    const withPods = md(fenced('alex-grandson__get-pods-wide.txt'), text)
    expect(ofKind(review(input(withPods)), 'ping.self')).toHaveLength(1)
  })

  it('ping.same-node: one endpoint-FQDN ping answers with ttl=64, the other with ttl=62 (sanchpet)', () => {
    const text = fenced('sanchpet__ping-endpoint-fqdn.txt')
    expect(substantive(review(input(text)))).toEqual(['ping.same-node'])
    expect(ofKind(review(input(text)), 'ping.same-node')).toMatchObject([
      { severity: 'note', line: lineOf(text, 'PING 10-244-1-68') },
    ])
  })

  it('ping.bad-address and ping.no-reply: names that do not resolve, then an IP ping with only its header (countenum404)', () => {
    const text = fenced('countenum404__exec-ping-service-fqdn-bad-address.txt')
    const r = review(input(text))
    expect(ofKind(r, 'ping.bad-address').map((f) => [f.line, f.severity])).toEqual([
      [lineOf(text, "bad address 'lab3-frontend-service.lab3"), 'error'],
      [lineOf(text, "bad address 'lab3-frontend-service.default"), 'error'],
    ])
    expect(ofKind(r, 'ping.no-reply')).toMatchObject([
      { severity: 'warning', line: lineOf(text, 'PING 192.168.0.193') },
    ])
  })

  it('ping.no-output: the seed\'s empty "Попингуем?" section, at its heading (line 197)', () => {
    expect(ofKind(review(input(fixture('seed__lab4-report-seed.md'))), 'ping.no-output')).toMatchObject([
      { severity: 'error', item: 10, line: 197, excerpt: '### Попингуем?' },
    ])
  })

  it('accepts a reverse lookup and a ttl=62 ping of the endpoint FQDN (Artemchikus)', () => {
    const r = review(input(fenced('Artemchikus__nslookup-and-ping-endpoint-fqdn.txt')))
    expect(substantive(r)).toEqual([])
    expect(r.items.find((v) => v.item === 10)?.verdict).toBe('ok')
  })

  it('a ping by IP beside a working ping by name is only a note (DeerHolt IP pings + Artemchikus FQDN ping)', () => {
    const text = md(
      fenced('DeerHolt__exec-sh-ping-ip-both-ways.txt'),
      fenced('Artemchikus__nslookup-and-ping-endpoint-fqdn.txt'),
    )
    expect(ofKind(review(input(text)), 'ping.by-ip').map((f) => f.severity)).toEqual(['note', 'note'])
  })
})
