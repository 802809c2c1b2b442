import { describe, expect, it } from 'vitest'
import { assertRules } from '@lab4/core'
import { clusterConfigRules } from './rules.ts'
import { labConfig } from '@lab4/core/testing'

describe('clusterConfigRules', () => {
  it('accepts the defaults', () => {
    expect(clusterConfigRules.flatMap((r) => r.check(labConfig()))).toEqual([])
  })

  it.each([
    ['one zone for two nodes', 'zones: { values: [east] }', 'zones.values', 'has 1 value(s) for 2 node(s)'],
    ['a repeated zone', 'zones: { values: [east, east] }', 'zones.values[1]', 'repeats an earlier zone'],
    [
      'an invalid label value',
      'zones: { values: [east, "west side"] }',
      'zones.values[1]',
      'is not a valid label value',
    ],
    ['a profile named like a node', 'profile: lab-m02', 'profile', 'ends like a minikube node suffix (-m02)'],
  ])('rejects %s', (_, yaml, path, message) => {
    expect(clusterConfigRules.flatMap((r) => r.check(labConfig(yaml)))).toContainEqual(
      expect.objectContaining({ path, message }),
    )
  })

  it('through core assertRules, a bad config fails before any command with path, value and fix', () => {
    expect(() =>
      assertRules('lab.config.yaml', labConfig('zones: { values: [east] }'), clusterConfigRules),
    ).toThrow(
      /zones\.values: has 1 value\(s\) for 2 node\(s\) \(value: \["east"\]\)\n {4}fix: give exactly one zone value per node/,
    )
  })
})
