import { describe, expect, it } from 'vitest'
import { parseConfig } from '@lab4/core'
import { type PoolAction, planPools } from './plan-pools.ts'
import { type IPPool, desiredPools } from './pool.ts'

const desired = desiredPools(parseConfig('{}', 'test').config)
const [east, west] = desired as [IPPool, IPPool]
// As calicoctl returns them: defaults filled in, selector as stored.
const observedOf = (p: IPPool, over: Partial<IPPool> = {}): IPPool => ({
  ...p,
  disableBGPExport: false,
  allowedUses: ['Workload', 'Tunnel'],
  assignmentMode: 'Automatic',
  ...over,
})
const dflt: IPPool = {
  name: 'default-ipv4-ippool',
  cidr: '10.244.0.0/16',
  blockSize: 26,
  ipipMode: 'Always',
  vxlanMode: 'Never',
  natOutgoing: true,
  disabled: false,
  disableBGPExport: false,
  nodeSelector: 'all()',
}

const summary = (actions: PoolAction[]) =>
  actions.map((a) =>
    a.op === 'delete' ? `delete ${a.name}` : `${a.op} ${a.pools.map((p) => p.name).join(',')}`,
  )

describe('planPools', () => {
  it.each<[string, IPPool[], string[]]>([
    [
      'fresh cluster: delete the default pool, then create both zone pools at once',
      [dflt],
      ['delete default-ipv4-ippool', 'create east-ippool,west-ippool'],
    ],
    ['already done: nothing to do', [observedOf(east), observedOf(west)], []],
    [
      'equal selectors spelled differently are equal',
      [observedOf(east, { nodeSelector: "zone=='east'" }), observedOf(west, { cidr: '10.244.2.0/24' })],
      [],
    ],
    ['no pools at all (calico-node not started yet): create both', [], ['create east-ippool,west-ippool']],
    ['half done (default gone, east created): create west only', [observedOf(east)], ['create west-ippool']],
    [
      'default pool still present next to the zone pools: delete it only',
      [observedOf(west), dflt, observedOf(east)],
      ['delete default-ipv4-ippool'],
    ],
    [
      'a pool with the wrong CIDR is deleted (immutable) and recreated with the missing ones',
      [dflt, observedOf(east, { cidr: '10.244.102.0/24' })],
      ['delete default-ipv4-ippool', 'delete east-ippool', 'create east-ippool,west-ippool'],
    ],
    [
      'a pool with another blockSize is recreated',
      [observedOf(east, { blockSize: 24 }), observedOf(west)],
      ['delete east-ippool', 'create east-ippool'],
    ],
    [
      'an extra pool is deleted after the default one, sorted by name',
      [
        observedOf(east),
        observedOf(west),
        { ...dflt, name: 'zz-extra', cidr: '10.244.9.0/24' },
        { ...dflt, name: 'aa-extra', cidr: '10.244.8.0/24' },
        dflt,
      ],
      ['delete default-ipv4-ippool', 'delete aa-extra', 'delete zz-extra'],
    ],
    [
      'a changed selector is applied in place, not recreated',
      [observedOf(east, { nodeSelector: 'zone == "west"' }), observedOf(west)],
      ['apply east-ippool'],
    ],
  ])('%s', (_name, observed, want) => {
    expect(summary(planPools(observed, desired))).toEqual(want)
  })

  it('default pool present with pods: still deleted first (calicoctl delete leaves running pods their IPs; the step restarts them)', () => {
    const actions = planPools([dflt], desired)
    expect(actions[0]).toEqual({
      op: 'delete',
      name: 'default-ipv4-ippool',
      reason: 'the default pool 10.244.0.0/16 overlaps the zone pools',
    })
  })

  it('says why a pool is recreated and what changes in place', () => {
    const actions = planPools(
      [
        observedOf(east, { cidr: '10.244.102.0/24' }),
        observedOf(west, { natOutgoing: false, ipipMode: 'Never' }),
      ],
      desired,
    )
    expect(actions[0]).toMatchObject({
      op: 'delete',
      reason: expect.stringContaining('cidr "10.244.102.0/24" ≠ "10.244.1.0/24"'),
    })
    expect(actions[2]).toMatchObject({
      op: 'apply',
      changes: ['west-ippool: ipipMode "Never" ≠ "Always"', 'west-ippool: natOutgoing false ≠ true'],
    })
  })

  it('creates exactly the desired pool objects (the create stdin is rendered from them)', () => {
    const create = planPools([dflt], desired).find((a) => a.op === 'create')
    expect(create?.op === 'create' && create.pools).toEqual(desired)
  })
})
