// The pure model: selectors, IPAM blocks, default-pool recreation, scheduling, AGE and number formats.
import { describe, expect, it } from 'vitest'
import { createCluster } from './cluster.ts'
import { reconcile } from './controllers.ts'
import { allocate, deletePool, release } from './ipam.ts'
import { matchesSelector } from './selector.ts'
import { POOL_RECREATE_MS } from './versions.ts'
import { humanDuration } from '../format/table.ts'
import { g5 } from '../format/ascii-table.ts'
import type { IPPool } from './types.ts'

const T0 = Date.UTC(2025, 0, 14, 1, 29, 7)
const fresh = () => {
  const c = createCluster(1, {}, { profile: 'lab4', nodes: 2, driver: 'docker' }, T0)
  reconcile(c, 1, {}, T0 + 5000)
  return c
}
const pool = (name: string, cidr: string, nodeSelector: string, extra: Partial<IPPool> = {}): IPPool => ({
  name,
  uid: name,
  createdAt: T0,
  resourceVersion: 1,
  cidr,
  blockSize: 26,
  ipipMode: 'Always',
  vxlanMode: 'Never',
  natOutgoing: true,
  disabled: false,
  disableBGPExport: false,
  nodeSelector,
  allowedUses: ['Workload', 'Tunnel'],
  ...extra,
})

describe('selectors', () => {
  it.each([
    ['zone == "east"', { zone: 'east' }, true],
    ['zone == "east"', { zone: 'west' }, false],
    ['zone != "east"', {}, true],
    ["zone in {'east','west'}", { zone: 'west' }, true],
    ['all()', {}, true],
    ['!all()', {}, false],
    ['has(zone) && zone == "west"', { zone: 'west' }, true],
    ['zone == "a" || zone == "b"', { zone: 'b' }, true],
  ])('%s on %j is %s', (sel, labels, want) => expect(matchesSelector(sel, labels)).toBe(want))

  it('rejects unquoted values, as calicoctl does', () => {
    expect(() => matchesSelector('zone == east', { zone: 'east' })).toThrow(/expected string/)
  })
})

describe('IPAM', () => {
  it('gives a fresh cluster the default pool, a tunnel address per node and system pods from it', () => {
    const c = fresh()
    expect(c.pools.map((p) => p.cidr)).toEqual(['10.244.0.0/16'])
    expect(c.nodes.every((n) => n.tunnelIP?.startsWith('10.244.'))).toBe(true)
    const coredns = c.pods.find((p) => p.meta.name.startsWith('coredns-'))
    expect(coredns?.ip).toMatch(/^10\.244\.\d+\.\d+$/)
  })

  it('takes addresses from the pool that selects the node and keeps blocks of deleted pools until empty', () => {
    const c = fresh()
    const node = c.nodes[0]
    if (!node) throw new Error('no node')
    node.meta.labels.zone = 'east'
    const old = allocate(c, 1, node.name, 'k8s-pod-network.default.old')
    deletePool(c, 'default-ipv4-ippool')
    expect(c.blocks.every((b) => b.affinity === null)).toBe(true)
    c.pools.push(pool('east', '10.244.1.0/24', 'zone == "east"'))
    const fresh1 = allocate(c, 1, node.name, 'k8s-pod-network.default.new')
    expect('ip' in fresh1 && fresh1.ip.startsWith('10.244.1.')).toBe(true)
    expect(allocate(c, 1, c.nodes[1]?.name ?? '', 'x')).toEqual({
      error: 'no configured Calico pools for node lab4-m02',
    })
    if (!('ip' in old)) throw new Error('no old ip')
    const before = c.blocks.length
    for (const b of c.blocks.filter((x) => x.affinity === null))
      for (const ip of Object.keys(b.allocations)) release(c, ip)
    expect(c.blocks.length).toBeLessThan(before)
    expect(c.blocks.every((b) => b.affinity !== null)).toBe(true)
  })

  it('lets calico-node recreate the default pool only after no pool existed for a while', () => {
    const c = fresh()
    deletePool(c, 'default-ipv4-ippool')
    reconcile(c, 1, {}, T0 + 6000)
    reconcile(c, 1, {}, T0 + 6000 + POOL_RECREATE_MS - 1)
    expect(c.pools).toHaveLength(0)
    reconcile(c, 1, {}, T0 + 6000 + POOL_RECREATE_MS)
    expect(c.pools.map((p) => p.name)).toEqual(['default-ipv4-ippool'])
  })
})

describe('formats', () => {
  it.each([
    [5_000, '5s'],
    [119_000, '119s'],
    [133_000, '2m13s'],
    [600_000, '10m'],
    [3 * 3600_000 + 60_000, '3h1m'],
    [50 * 3600_000, '2d2h'],
  ])('AGE of %d ms is %s', (ms, want) => expect(humanDuration(ms)).toBe(want))

  it.each([
    [65536, '65536'],
    [256, '256'],
    [1.2089258196146292e24, '1.2089e+24'],
  ])('%%.5g of %d is %s', (n, want) => expect(g5(n)).toBe(want))
})
