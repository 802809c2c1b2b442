import { describe, expect, it } from 'vitest'
import { ipamSteps } from './index.ts'
import { KEY, STEP } from './contract.ts'

describe('ipam contract', () => {
  it('keeps every key value that recorded journals and report goldens depend on', () => {
    expect(Object.values(KEY).sort()).toEqual([
      'ipam.affinities.json',
      'ipam.blocks',
      'ipam.calicoctl',
      'ipam.calicoctl-apply',
      'ipam.calicoctl-delete',
      'ipam.calicoctl-pod',
      'ipam.calicoctl-version',
      'ipam.check',
      'ipam.clusterinformation',
      'ipam.manifest.calicoctl',
      'ipam.manifest.pools',
      'ipam.nodes.json',
      'ipam.pods.json',
      'ipam.pool.delete',
      'ipam.pools.after.json',
      'ipam.pools.after.wide',
      'ipam.pools.apply',
      'ipam.pools.before.json',
      'ipam.pools.before.wide',
      'ipam.pools.create',
      'ipam.restart.system',
      'ipam.restart.workload',
      'ipam.rollout.coredns',
      'ipam.rollout.workload',
    ])
  })

  it('names the steps in run order, and every check belongs to one of them', () => {
    expect(ipamSteps.map((s) => s.id)).toEqual([STEP.calicoctl, STEP.pools])
    expect(Object.values(STEP)).toEqual(['ipam.calicoctl', 'ipam.pools'])
    for (const s of ipamSteps) for (const c of s.checks) expect(c.step).toBe(s.id)
  })
})
