import { describe, expect, it } from 'vitest'
import { zoneLabels, zoneUnique } from './labels.ts'
import { KEY } from '../contract.ts'
import { evidenceOf, labConfig, labNodes, list, nodesFromShowLabels } from '@lab4/core/testing'
import { fixture } from '../testing/fixture.ts'

const config = labConfig()
const ev = (zones: Record<string, string | undefined>, key = 'zone') =>
  evidenceOf({ key: KEY.nodesJson, stdout: list(labNodes(zones, key)) })

describe('cluster.zone-labels', () => {
  it('passes when each node carries its zone in node order', () => {
    expect(zoneLabels.evaluate(ev({ lab4: 'east', 'lab4-m02': 'west' }), config)).toMatchObject({
      status: 'PASS',
      expected: 'lab4 zone=east, lab4-m02 zone=west',
      actual: 'lab4 zone=east, lab4-m02 zone=west',
    })
  })

  it('fails on the real swapped labels (west on the control plane) with the exact fix', () => {
    const real = evidenceOf({
      key: KEY.nodesJson,
      stdout: list(nodesFromShowLabels(fixture('countenum404__get-nodes-show-labels-full.txt'))),
    })
    const v = zoneLabels.evaluate(real, config)
    expect(v).toMatchObject({ status: 'FAIL', actual: 'lab4 zone=west, lab4-m02 zone=east' })
    expect(v.hint).toContain('kubectl --context lab4 label node lab4 zone=east --overwrite')
  })

  it('fails an unlabelled node, and a label under another key', () => {
    expect(zoneLabels.evaluate(ev({ lab4: 'east' }), config)).toMatchObject({
      status: 'FAIL',
      actual: 'lab4 zone=east, lab4-m02 zone=(none)',
    })
    expect(zoneLabels.evaluate(ev({ lab4: 'east', 'lab4-m02': 'west' }, 'rack'), config).status).toBe('FAIL')
    expect(
      zoneLabels.evaluate(
        ev({ lab4: 'east', 'lab4-m02': 'west' }, 'rack'),
        labConfig('zones: { labelKey: rack }'),
      ).status,
    ).toBe('PASS')
  })

  it('is NOT-GRADABLE without node evidence', () => {
    expect(zoneLabels.evaluate(evidenceOf(), config).status).toBe('NOT-GRADABLE')
  })
})

describe('cluster.zone-unique', () => {
  it('passes when each zone is on one node', () => {
    expect(zoneUnique.evaluate(ev({ lab4: 'east', 'lab4-m02': 'west' }), config)).toMatchObject({
      status: 'PASS',
      actual: 'zone=east on lab4; zone=west on lab4-m02',
    })
  })

  it('fails when both nodes share a zone and the other zone has none', () => {
    const v = zoneUnique.evaluate(ev({ lab4: 'east', 'lab4-m02': 'east' }), config)
    expect(v).toMatchObject({ status: 'FAIL', actual: 'zone=east on lab4, lab4-m02; zone=west on no node' })
    expect(v.hint).toContain('east is on 2, west is on 0')
  })

  it('passes on swapped zones (uniqueness holds even when the order is wrong)', () => {
    expect(zoneUnique.evaluate(ev({ lab4: 'west', 'lab4-m02': 'east' }), config).status).toBe('PASS')
  })
})
