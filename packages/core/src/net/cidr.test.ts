import { describe, expect, it } from 'vitest'
import {
  CidrError,
  cidrSize,
  contains,
  intToIp,
  ipInCidr,
  ipToInt,
  networkCidr,
  overlaps,
  parseCidr,
  within,
} from './cidr.ts'

describe('ipToInt / intToIp', () => {
  it.each([
    ['0.0.0.0', 0],
    ['10.244.1.5', 10 * 2 ** 24 + 244 * 2 ** 16 + 256 + 5],
    ['255.255.255.255', 2 ** 32 - 1],
    ['192.168.49.2', 3232248066],
  ])('%s ⇄ %d', (ip, n) => {
    expect(ipToInt(ip)).toBe(n)
    expect(intToIp(n)).toBe(ip)
  })

  it.each(['10.244.1', '10.244.1.256', '10.244.01.5', 'a.b.c.d', '', '10.244.1.5.6'])(
    'rejects %j with the value in the message',
    (bad) => {
      expect(() => ipToInt(bad)).toThrow(CidrError)
      expect(() => ipToInt(bad)).toThrow(JSON.stringify(bad))
    },
  )

  it('says IPv6 is not supported', () => {
    expect(() => ipToInt('fd00::1')).toThrow('IPv6 is not supported')
  })
})

describe('parseCidr', () => {
  it.each([
    // text, network, prefix, host bits, size
    ['10.244.1.0/24', '10.244.1.0/24', 24, false, 256],
    ['10.244.102.1/24', '10.244.102.0/24', 24, true, 256],
    ['10.244.102.2/24', '10.244.102.0/24', 24, true, 256],
    ['10.96.0.0/12', '10.96.0.0/12', 12, false, 1048576],
    ['10.100.0.0/12', '10.96.0.0/12', 12, true, 1048576],
    ['10.244.1.7/32', '10.244.1.7/32', 32, false, 1],
    ['0.0.0.0/0', '0.0.0.0/0', 0, false, 2 ** 32],
    ['10.0.0.0/0', '0.0.0.0/0', 0, true, 2 ** 32],
    [' 192.168.49.0/24 ', '192.168.49.0/24', 24, false, 256],
  ])('%s → %s', (text, net, prefix, hostBits, size) => {
    const c = parseCidr(text)
    expect(networkCidr(c)).toBe(net)
    expect(c.prefix).toBe(prefix)
    expect(c.hasHostBits).toBe(hostBits)
    expect(cidrSize(c)).toBe(size)
  })

  it.each([
    ['10.244.1.0', 'missing the prefix length'],
    ['10.244.1.0/33', 'prefix length'],
    ['10.244.1.0/-1', 'prefix length'],
    ['10.244.1.0/', 'prefix length'],
    ['10.244.1/24', 'not an IPv4 address'],
    ['fd00:10:244::/64', 'IPv6 is not supported'],
  ])('rejects %s (%s), naming the value', (text, reason) => {
    expect(() => parseCidr(text)).toThrow(reason)
    expect(() => parseCidr(text)).toThrow(JSON.stringify(text))
  })
})

describe('contains / within / overlaps', () => {
  const pool = parseCidr('10.244.1.0/24')
  it.each([
    ['10.244.1.0', true],
    ['10.244.1.255', true],
    ['10.244.1.128', true],
    ['10.244.2.0', false],
    ['10.244.0.255', false],
  ])('10.244.1.0/24 contains %s: %s', (ip, want) => {
    expect(contains(pool, ip)).toBe(want)
  })

  it('a /32 contains only itself; /0 contains everything', () => {
    expect(contains(parseCidr('10.244.1.7/32'), '10.244.1.7')).toBe(true)
    expect(contains(parseCidr('10.244.1.7/32'), '10.244.1.8')).toBe(false)
    expect(contains(parseCidr('0.0.0.0/0'), '255.255.255.255')).toBe(true)
  })

  it.each([
    ['10.244.1.64/26', '10.244.1.0/24', true],
    ['10.244.1.0/24', '10.244.1.64/26', false],
    ['10.244.120.64/26', '10.244.0.0/16', true],
    ['10.244.2.0/26', '10.244.1.0/24', false],
  ])('%s within %s: %s', (inner, outer, want) => {
    expect(within(parseCidr(inner), parseCidr(outer))).toBe(want)
  })

  it.each([
    ['10.244.102.1/24', '10.244.102.2/24', true],
    ['10.244.1.0/24', '10.244.2.0/24', false],
    ['10.244.1.0/24', '10.244.0.0/16', true],
    ['10.96.0.0/12', '10.100.0.0/16', true],
    ['10.96.0.0/12', '10.112.0.0/16', false],
    ['10.244.1.255/32', '10.244.1.0/24', true],
    ['10.244.2.0/32', '10.244.1.0/24', false],
    ['0.0.0.0/0', '192.168.49.0/24', true],
  ])('%s overlaps %s: %s (both ways)', (a, b, want) => {
    expect(overlaps(parseCidr(a), parseCidr(b))).toBe(want)
    expect(overlaps(parseCidr(b), parseCidr(a))).toBe(want)
  })
})

describe('ipInCidr', () => {
  it.each([
    ['10.244.1.67', '10.244.1.0/24', true],
    ['10.244.2.0', '10.244.2.0/24', true],
    ['10.244.2.255', '10.244.1.0/24', false],
    ['10.244.120.64', '10.244.0.0/16', true],
    ['10.245.0.1', '10.244.0.0/16', false],
    ['not-an-ip', '10.0.0.0/8', false],
    ['10.0.0.1', 'not-a-cidr', false],
    ['192.168.49.2', '0.0.0.0/0', true],
    ['10.244.1.5', '10.244.1.5/32', true],
    ['10.244.1.6', '10.244.1.5/32', false],
  ])('%s in %s is %s', (ip, cidr, inside) => expect(ipInCidr(ip, cidr)).toBe(inside))
})
