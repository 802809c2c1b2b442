import { describe, expect, it } from 'vitest'
import { LabError } from '@lab4/core'
import { labelChanges, zoneAssignment } from './labels.ts'
import { readNodes } from './ready.ts'
import { labConfig, labNodes, list, nodesFromShowLabels } from '@lab4/core/testing'
import { fixture } from './testing/fixture.ts'

const config = labConfig()

describe('zoneAssignment', () => {
  it('gives the first value to the control plane, then by name, whatever order kubectl lists them in', () => {
    const nodes = readNodes(list(labNodes().reverse()))
    expect(zoneAssignment(nodes, config)).toEqual([
      { node: 'lab4', zone: 'east', current: undefined },
      { node: 'lab4-m02', zone: 'west', current: undefined },
    ])
  })

  it('uses the real node names (multinode-demo, not multinode) and the configured key', () => {
    const nodes = readNodes(
      list(
        labNodes().map((n, i) => ({
          ...n,
          metadata: { ...n.metadata, name: i ? 'multinode-demo-m02' : 'multinode-demo' },
        })),
      ),
    )
    const a = zoneAssignment(
      nodes,
      labConfig('profile: multinode-demo\nzones: { labelKey: rack, values: [c01, c02] }'),
    )
    expect(a.map((x) => [x.node, x.zone])).toEqual([
      ['multinode-demo', 'c01'],
      ['multinode-demo-m02', 'c02'],
    ])
  })

  it('reads the labels the real nodes already carry (countenum404 put west on the control plane)', () => {
    const nodes = readNodes(
      list(nodesFromShowLabels(fixture('countenum404__get-nodes-show-labels-full.txt'))),
    )
    expect(labelChanges(zoneAssignment(nodes, config))).toEqual([
      { node: 'lab4', zone: 'east', current: 'west' },
      { node: 'lab4-m02', zone: 'west', current: 'east' },
    ])
    expect(labelChanges(zoneAssignment(nodes, labConfig('zones: { values: [west, east] }')))).toEqual([])
  })

  it('refuses when node and zone counts differ, naming both', () => {
    const nodes = readNodes(list(labNodes().slice(0, 1)))
    expect(() => zoneAssignment(nodes, config)).toThrow(LabError)
    expect(() => zoneAssignment(nodes, config)).toThrow(
      'the cluster has 1 node(s) (lab4) but zones.values lists 2 (east, west)',
    )
  })
})

describe('labelChanges', () => {
  it('keeps only the nodes whose label differs', () => {
    const nodes = readNodes(list(labNodes({ lab4: 'east', 'lab4-m02': 'north' })))
    expect(labelChanges(zoneAssignment(nodes, config))).toEqual([
      { node: 'lab4-m02', zone: 'west', current: 'north' },
    ])
  })
})
