import { describe, expect, it } from 'vitest'
import { pingStats } from './ping.ts'
import { fixture } from './record.ts'

describe('pingStats (what the test network check reads) on real BusyBox output', () => {
  it('reads replies and TTL from a student ping, and spots a bad address', () => {
    const [sameNode, otherNode] = fixture('sanchpet__ping-endpoint-fqdn.txt')
      .split(/^\/frontend # /m)
      .filter(Boolean)
    expect(pingStats(sameNode ?? '')).toEqual({ received: 5, ttls: [64, 64, 64, 64, 64], badAddress: false })
    expect(pingStats(otherNode ?? '')).toMatchObject({ received: 5, ttls: [62, 62, 62, 62, 62] })
    expect(pingStats(fixture('countenum404__exec-ping-service-fqdn-bad-address.txt'))).toMatchObject({
      badAddress: true,
    })
  })
})
