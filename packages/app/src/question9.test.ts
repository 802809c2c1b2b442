import { describe, expect, it } from 'vitest'
import { answerQuestion9, type PageObservation } from './question9.ts'

const east = { name: 'frontend-6f7c9d8b5-k2x8q', ip: '10.244.1.5', node: 'lab4', zone: 'east' }
const west = { name: 'frontend-6f7c9d8b5-w7dzm', ip: '10.244.2.7', node: 'lab4-m02', zone: 'west' }
const pods = [east, west]
const pools = [
  { name: 'east-ippool', cidr: '10.244.1.0/24', zone: 'east' },
  { name: 'west-ippool', cidr: '10.244.2.0/24', zone: 'west' },
]
const load = (forward: string, via: 'service' | 'pod', reload: number, pod = east): PageObservation => ({
  url: 'http://127.0.0.1:3000/',
  username: 'student',
  company: 'ITMO University',
  containerName: pod.name,
  containerIp: pod.ip ?? null,
  via,
  forward,
  reload,
})

describe('answerQuestion9', () => {
  it('finds the values fixed within one forward and different on the forward to the other pod', () => {
    const obs = [
      load('e0040', 'service', 0),
      load('e0040', 'service', 1),
      load('e0040', 'service', 2),
      load('e0041', 'pod', 0, west),
    ]
    const a = answerQuestion9(obs, pods, pools)
    expect(a.changedWithinForward).toBe(false)
    expect(a.changedAcrossForwards).toBe(true)
    expect(a.envConstant).toBe(true)
    expect(a.forwards).toEqual([
      { forward: 'e0040', via: 'service', loads: 3, pods: ['frontend-6f7c9d8b5-k2x8q'], changed: false },
      { forward: 'e0041', via: 'pod', loads: 1, pods: ['frontend-6f7c9d8b5-w7dzm'], changed: false },
    ])
    expect(a.podsSeen.map((p) => [p.name, p.zone, p.pool, p.ipInZonePool])).toEqual([
      ['frontend-6f7c9d8b5-k2x8q', 'east', 'east-ippool', true],
      ['frontend-6f7c9d8b5-w7dzm', 'west', 'west-ippool', true],
    ])
  })

  it('reports a change within one forward (what a load-balanced path would show)', () => {
    const a = answerQuestion9([load('e0040', 'service', 0), load('e0040', 'service', 1, west)], pods, pools)
    expect(a.changedWithinForward).toBe(true)
    expect(a.forwards[0]?.changed).toBe(true)
  })

  it('flags an IP outside its zone pool (IPAM not in effect) and a name that is not a pod of the Deployment', () => {
    const stale = { ...east, ip: '10.244.120.3' }
    const a = answerQuestion9(
      [load('e1', 'service', 0, stale), load('e2', 'pod', 0, { ...west, name: 'frontend-old-zzz' })],
      [stale, west],
      pools,
    )
    expect(a.podsSeen[0]?.ipInZonePool).toBe(false)
    expect(a.podsSeen[1]).toMatchObject({ ofDeployment: false, ipInZonePool: undefined })
  })

  it('notices when username or company differ between loads', () => {
    const a = answerQuestion9(
      [load('e1', 'service', 0), { ...load('e1', 'service', 1), company: 'Other' }],
      pods,
      pools,
    )
    expect(a.envConstant).toBe(false)
  })
})
