import { describe, expect, it } from 'vitest'
import { LabConfigSchema } from '@lab4/core'
import { defaultPoolYaml, foreignZone, labMutations } from './catalogue.ts'

describe('the mutation catalogue', () => {
  it('has the eleven negative controls, each with a description and at least one target', () => {
    const all = labMutations()
    expect(all.map((m) => m.id)).toEqual([
      'node-stopped',
      'foreign-cni',
      'scale-to-zero',
      'zone-relabel',
      'service-deleted',
      'default-pool-back',
      'calicoctl-pod-deleted',
      'ping-self',
      'dns-broken',
      'policy-left-in-place',
      'policy-selects-nothing',
    ])
    for (const m of all) {
      expect(m.description.length).toBeGreaterThan(10)
      expect(m.targets.length).toBeGreaterThan(0)
    }
    expect(all.find((m) => m.id === 'ping-self')?.collectFlags).toEqual({ 'ping-target': 'self' })
  })

  it('relabels to a zone value the config does not use, whatever the config says', () => {
    expect(foreignZone(LabConfigSchema.parse({}))).toBe('not-a-zone')
    const tricky = LabConfigSchema.parse({
      zones: { values: ['not-a-zone', 'x-not-a-zone'] },
      pools: [{ zone: 'not-a-zone', cidr: '10.244.1.0/24' }],
    })
    expect(tricky.zones.values).not.toContain(foreignZone(tricky))
  })

  it("brings back minikube's default pool as a projectcalico.org/v3 IPPool for every node", () => {
    expect(defaultPoolYaml().split('\n')).toEqual([
      'apiVersion: projectcalico.org/v3',
      'kind: IPPool',
      'metadata:',
      '  name: default-ipv4-ippool',
      'spec:',
      '  cidr: 10.244.0.0/16',
      '  ipipMode: Always',
      '  vxlanMode: Never',
      '  natOutgoing: true',
      '  nodeSelector: all()',
      '',
    ])
  })
})
