import { describe, expect, it } from 'vitest'
import { downArgv, expectedNodeNames, startArgv } from './argv.ts'
import { labConfig } from '@lab4/core/testing'

describe('startArgv', () => {
  it('creates 2 nodes with Calico on docker by default', () => {
    expect(startArgv(labConfig())).toEqual([
      'minikube',
      'start',
      '-p',
      'lab4',
      '--nodes',
      '2',
      '--cni',
      'calico',
      '--driver',
      'docker',
    ])
  })

  it('adds --kubernetes-version, --cpus and --memory only when set', () => {
    const config = labConfig(
      'profile: netlab\ncluster: { driver: kvm2, kubernetesVersion: v1.31.0, cpus: 4, memory: 4096 }',
    )
    expect(startArgv(config)).toEqual([
      'minikube',
      'start',
      '-p',
      'netlab',
      '--nodes',
      '2',
      '--cni',
      'calico',
      '--driver',
      'kvm2',
      '--kubernetes-version',
      'v1.31.0',
      '--cpus',
      '4',
      '--memory',
      '4096',
    ])
  })

  it('never passes the deprecated --network-plugin', () => {
    const config = labConfig('cluster: { kubernetesVersion: v1.31.0, cpus: 2, memory: 3072 }')
    expect(startArgv(config).some((a) => a.includes('network-plugin'))).toBe(false)
  })
})

describe('downArgv', () => {
  it('deletes only the lab profile', () => {
    expect(downArgv(labConfig('profile: netlab'))).toEqual(['minikube', 'delete', '-p', 'netlab'])
  })
})

describe('expectedNodeNames', () => {
  it('follows minikube machine names: P, P-m02, P-m03', () => {
    expect(expectedNodeNames(labConfig('cluster: { nodes: 3 }\nzones: { values: [a, b, c] }'))).toEqual([
      'lab4',
      'lab4-m02',
      'lab4-m03',
    ])
  })
})
