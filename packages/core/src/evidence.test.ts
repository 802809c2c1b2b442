import { describe, expect, it } from 'vitest'
import { Evidence } from './evidence.ts'

describe('Evidence.versions', () => {
  it('merges versions lines, later values winning, and accumulates image digests', () => {
    const ev = new Evidence([
      { type: 'versions', at: 't1', minikube: 'v1.34.0', images: { 'calico/node': 'sha256:a' } },
      {
        type: 'versions',
        at: 't2',
        calico: 'v3.28.1',
        minikube: 'v1.34.1',
        images: { frontend: 'sha256:b' },
      },
    ])
    expect(ev.versions()).toEqual({
      minikube: 'v1.34.1',
      calico: 'v3.28.1',
      images: { 'calico/node': 'sha256:a', frontend: 'sha256:b' },
    })
  })
})
