import { describe, expect, it } from 'vitest'
import { neighbourOf, pingPairs } from './pairs.ts'

const a = { name: 'frontend-a', ip: '10.244.1.5', node: 'lab4' }
const b = { name: 'frontend-b', ip: '10.244.2.7', node: 'lab4-m02' }
const c = { name: 'frontend-c', ip: '10.244.1.9', node: 'lab4' }

describe('pingPairs', () => {
  it('pairs each pod with the pod on the other node', () => {
    expect(pingPairs([a, b]).map((p) => [p.a.name, p.b.name])).toEqual([
      ['frontend-a', 'frontend-b'],
      ['frontend-b', 'frontend-a'],
    ])
  })

  it('prefers a pod on another node over one on the same node', () => {
    expect(neighbourOf(a, [a, c, b])?.name).toBe('frontend-b')
  })

  it('falls back to a same-node pod when both landed on one node, so the check can name the problem', () => {
    expect(neighbourOf(a, [a, c])?.name).toBe('frontend-c')
  })

  it('leaves a lone pod unpaired and skips pods without an IP', () => {
    expect(pingPairs([a])).toEqual([])
    expect(pingPairs([a, { name: 'frontend-p', ip: undefined, node: undefined }])).toEqual([])
  })

  it('points every pod at itself in self mode', () => {
    expect(pingPairs([a, b], 'self').map((p) => p.b.name)).toEqual(['frontend-a', 'frontend-b'])
  })
})
