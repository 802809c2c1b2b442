import { describe, expect, it } from 'vitest'
import { selectorValue } from './zones.ts'

describe('selectorValue', () => {
  it('takes the zone from `key == "value"` selectors only', () => {
    expect(selectorValue('zone == "east"', 'zone')).toBe('east')
    expect(selectorValue("topology.kubernetes.io/zone == 'b'", 'topology.kubernetes.io/zone')).toBe('b')
    expect(selectorValue('all()', 'zone')).toBeUndefined()
    expect(selectorValue('rack == "1"', 'zone')).toBeUndefined()
  })
})
