import { describe, expect, it } from 'vitest'
import { readyEndpoints, runningImages, zonePools } from './k8s.ts'
import { ipPoolList } from '@lab4/core/testing'
import { frontendSlices } from './testing/frontend.ts'

describe('zonePools', () => {
  it('reads the zone from each pool’s nodeSelector and skips disabled pools', () => {
    const pools = [
      { name: 'east-ippool', cidr: '10.244.1.0/24', nodeSelector: 'zone == "east"' },
      { name: 'rack-pool', cidr: '10.244.3.0/24', nodeSelector: "rack == 'r1'" },
    ]
    const json = ipPoolList(pools)
    expect(zonePools(json, 'zone')).toEqual([
      { name: 'east-ippool', cidr: '10.244.1.0/24', zone: 'east' },
      { name: 'rack-pool', cidr: '10.244.3.0/24', zone: undefined },
    ])
    const disabled = ipPoolList(pools.map((p) => ({ ...p, disabled: true })))
    expect(zonePools(disabled, 'zone')).toEqual([])
  })
})

describe('readyEndpoints', () => {
  it('counts only ready endpoints and keeps pod and node', () => {
    const json = frontendSlices([
      { ip: '10.244.1.5', pod: 'a', node: 'lab4' },
      { ip: '10.244.2.7', pod: 'b', node: 'lab4-m02', ready: false },
    ])
    expect(readyEndpoints(json)).toEqual([{ ip: '10.244.1.5', pod: 'a', node: 'lab4' }])
  })
})

describe('runningImages', () => {
  it('maps each image to the digest the kubelet ran', () => {
    const json = JSON.stringify({
      items: [
        {
          status: {
            containerStatuses: [
              {
                image: 'ifilyaninitmo/itdt-contained-frontend:master',
                imageID: 'docker-pullable://ifilyaninitmo/itdt-contained-frontend@sha256:0f3c',
              },
            ],
          },
        },
      ],
    })
    expect(runningImages(json)).toEqual({
      'ifilyaninitmo/itdt-contained-frontend:master':
        'docker-pullable://ifilyaninitmo/itdt-contained-frontend@sha256:0f3c',
    })
  })
})
