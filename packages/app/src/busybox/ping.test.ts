import { describe, expect, it } from 'vitest'
import { parsePing, parsePings, pingSucceeded, pingTtls, replyingIps } from './ping.ts'
import { defined, fixture } from '../testing/fixture.ts'

describe('parsePings', () => {
  it('reads a same-node (ttl 64) and a cross-node (ttl 62) ping by endpoint FQDN from one transcript', () => {
    const [same, cross] = parsePings(fixture('sanchpet__ping-endpoint-fqdn.txt'))
    expect(same?.target).toBe('10-244-1-68.itdt-contained-frontend-deployment.default.svc.cluster.local')
    expect(same?.resolvedIp).toBe('10.244.1.68')
    expect(same?.replies.map((r) => r.ttl)).toEqual([64, 64, 64, 64, 64])
    expect(cross?.resolvedIp).toBe('10.244.2.195')
    expect(cross?.replies[0]).toEqual({ from: '10.244.2.195', seq: 0, ttl: 62, timeMs: 1.018 })
    expect(cross).toMatchObject({
      transmitted: 5,
      received: 5,
      lossPct: 0,
      rtt: { min: 0.136, avg: 0.365, max: 1.018 },
    })
    expect(pingSucceeded(defined(cross))).toBe(true)
  })

  it('reports bad address for names that did not resolve, and a header-only ping as unfinished', () => {
    const s = parsePings(fixture('countenum404__exec-ping-service-fqdn-bad-address.txt'))
    expect(s.map((x) => x.error)).toEqual(['bad-address', 'bad-address', undefined])
    expect(s[1]?.target).toBe('lab3-frontend-service.default.svc.cluster.local')
    expect(pingSucceeded(defined(s[0]))).toBe(false)
    expect(s[2]).toMatchObject({
      target: '192.168.0.193',
      resolvedIp: '192.168.0.193',
      replies: [],
      transmitted: undefined,
    })
    expect(pingSucceeded(defined(s[2]))).toBe(false)
  })

  it.each([
    ['LinaMalinaMeow__exec-ping-own-ip-east.txt', '192.168.1.4', 8],
    ['LinaMalinaMeow__exec-ping-own-ip-west.txt', '192.168.0.68', 8],
    ['alex-grandson__exec-sh-ping-own-ip.txt', '192.168.100.65', 4],
  ])('sees the self-ping in %s: every reply ttl=64 from %s', (file, ip, n) => {
    const r = parsePing(fixture(file))
    expect(r?.replies).toHaveLength(n)
    expect(r?.replies.every((x) => x.ttl === 64)).toBe(true)
    expect(replyingIps(defined(r))).toEqual([ip])
  })

  it('uses the replies when the statistics were cut off (no -c, ^C not captured)', () => {
    const r = parsePing(fixture('LinaMalinaMeow__exec-ping-own-ip-east.txt'))
    expect(r?.transmitted).toBeUndefined()
    expect(pingSucceeded(defined(r))).toBe(true)
  })

  it('reads the summary of an Artemchikus cross-node ping after a reverse lookup', () => {
    const r = parsePing(fixture('Artemchikus__nslookup-and-ping-endpoint-fqdn.txt'))
    expect(r).toMatchObject({
      target: '192-168-225-64.react-np.default.svc.cluster.local',
      resolvedIp: '192.168.225.64',
      transmitted: 3,
      received: 3,
    })
    expect(r?.replies.map((x) => x.ttl)).toEqual([62, 62, 62])
  })

  it('marks permission denied on the session it happened in', () => {
    const [ok, denied] = parsePings(fixture('busybox-ping-permission-denied.txt'))
    expect(pingSucceeded(defined(ok))).toBe(true)
    expect(denied?.error).toBe('permission-denied')
    expect(pingSucceeded(defined(denied))).toBe(false)
  })

  it('judges total loss as failure', () => {
    const r = parsePing(
      'PING 10.96.12.7 (10.96.12.7): 56 data bytes\n\n--- 10.96.12.7 ping statistics ---\n3 packets transmitted, 0 packets received, 100% packet loss\n',
    )
    expect(r).toMatchObject({ transmitted: 3, received: 0, lossPct: 100 })
    expect(pingSucceeded(defined(r))).toBe(false)
  })

  it('finds nothing in text without a ping', () => {
    expect(parsePing('Error from server (NotFound): pods "frontend-x" not found')).toBeUndefined()
  })

  it('reads a ping whose lines are indented, as reports paste terminal output (4 spaces, or a tab)', () => {
    // No real ping in shared/real-outputs is indented; countenum404's `kubectl get nodes` shows reports do indent.
    const real = fixture('sanchpet__ping-endpoint-fqdn.txt')
    for (const indent of ['    ', '\t']) {
      const [same, cross] = parsePings(real.replace(/^/gm, indent))
      expect(same).toMatchObject({
        target: '10-244-1-68.itdt-contained-frontend-deployment.default.svc.cluster.local',
        resolvedIp: '10.244.1.68',
        transmitted: 5,
        received: 5,
        lossPct: 0,
        rtt: { min: 0.036, avg: 0.045, max: 0.053 },
        error: undefined,
      })
      expect(pingTtls(defined(same))).toEqual([64, 64, 64, 64, 64])
      expect(pingTtls(defined(cross))).toEqual([62, 62, 62, 62, 62])
    }
  })

  it('gives what the report shows: name, IP, ttls, packets, loss, rtt, or bad address from stderr', () => {
    const [badName] = parsePings(fixture('countenum404__exec-ping-service-fqdn-bad-address.txt'))
    expect(badName).toMatchObject({ error: 'bad-address', resolvedIp: undefined, transmitted: undefined })
    expect(pingTtls(defined(badName))).toEqual([])
    // kubectl exec puts BusyBox's error on stderr: the reader takes stdout and stderr joined.
    const stderrOnly = parsePing(`\nping: bad address 'frontend.default.svc.cluster.local'\n`)
    expect(stderrOnly).toMatchObject({ target: 'frontend.default.svc.cluster.local', error: 'bad-address' })
  })
})
