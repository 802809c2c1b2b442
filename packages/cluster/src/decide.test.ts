import { describe, expect, it } from 'vitest'
import { decideProfile, describeDecision, observeProfile } from './decide.ts'
import { parseProfileList, parseStatus } from './parse/minikube.ts'
import { type ProfileSpec, labConfig, profileList, realProfileList, statusJson } from '@lab4/core/testing'

const config = labConfig()
const absent = { stdout: '🤷  Profile "lab4" not found.', exitCode: 85 }
const running = (nodes = 2) => ({ stdout: statusJson('lab4', nodes), exitCode: 0 })
const stopped = (nodes = 2) => ({ stdout: statusJson('lab4', nodes, 'Stopped'), exitCode: 7 })

function decide(
  profiles: ProfileSpec[],
  status: { stdout: string; exitCode: number },
  recreate = false,
  cfg = config,
) {
  const observed = observeProfile(
    cfg.profile,
    parseProfileList(profileList(profiles), 0),
    parseStatus(status.stdout, status.exitCode),
  )
  return decideProfile(observed, cfg, { recreate })
}

describe('decideProfile', () => {
  it.each([
    ['no profile at all → create', [], absent, false, { kind: 'create' }],
    ['only other profiles → create', [{ name: 'minikube', nodes: 1 }], absent, false, { kind: 'create' }],
    ['absent with --recreate → plain create', [], absent, true, { kind: 'create' }],
    ['2 nodes, calico, docker, running → reuse', [{ name: 'lab4' }], running(), false, { kind: 'reuse' }],
    [
      'same profile stopped → start',
      [{ name: 'lab4', status: 'Stopped' }],
      stopped(),
      false,
      { kind: 'start' },
    ],
    [
      'older minikube status "Running" → reuse',
      [{ name: 'lab4', status: 'Running' }],
      running(),
      false,
      { kind: 'reuse' },
    ],
    [
      'matching profile with --recreate → recreate',
      [{ name: 'lab4' }],
      running(),
      true,
      { kind: 'recreate' },
    ],
    [
      'mismatched profile with --recreate → recreate',
      [{ name: 'lab4', nodes: 1 }],
      running(1),
      true,
      { kind: 'recreate' },
    ],
    [
      '1-node profile → mismatch naming the count',
      [{ name: 'lab4', nodes: 1 }],
      running(1),
      false,
      { kind: 'mismatch', differences: ['profile lab4 has 1 node, the config wants 2'] },
    ],
    [
      '3 nodes after `minikube node add` → mismatch',
      [{ name: 'lab4', nodes: 3 }],
      running(3),
      false,
      { kind: 'mismatch', differences: ['profile lab4 has 3 nodes, the config wants 2'] },
    ],
    [
      'multi-node without --cni (kindnet) → mismatch',
      [{ name: 'lab4', cni: '', networkPlugin: '' }],
      running(),
      false,
      {
        kind: 'mismatch',
        differences: [
          'profile lab4 uses CNI "" (chosen by minikube: kindnet or bridge), the config wants calico',
        ],
      },
    ],
    [
      'other driver → mismatch',
      [{ name: 'lab4', driver: 'virtualbox' }],
      running(),
      false,
      { kind: 'mismatch', differences: ['profile lab4 uses driver virtualbox, the config wants docker'] },
    ],
  ] as const)('%s', (_, profiles, status, recreate, want) => {
    expect(decide([...profiles], status, recreate)).toEqual(want)
  })

  it('names every difference at once', () => {
    const d = decide(
      [{ name: 'lab4', nodes: 1, cni: 'flannel', kubernetesVersion: 'v1.28.3' }],
      running(1),
      false,
      labConfig('cluster: { kubernetesVersion: 1.31.0 }'),
    )
    expect(d).toEqual({
      kind: 'mismatch',
      differences: [
        'profile lab4 has 1 node, the config wants 2',
        'profile lab4 uses CNI "flannel", the config wants calico',
        'profile lab4 runs Kubernetes v1.28.3, the config wants v1.31.0',
      ],
    })
  })

  it('ignores the Kubernetes version when the config leaves it to minikube', () => {
    expect(decide([{ name: 'lab4', kubernetesVersion: 'v1.20.0' }], running(), false)).toEqual({
      kind: 'reuse',
    })
  })

  it('judges the real 1-node stopped profile as a mismatch, not a start', () => {
    const cfg = labConfig('profile: minikube')
    const observed = observeProfile(
      'minikube',
      parseProfileList(realProfileList(), 0),
      parseStatus(statusJson('minikube', 1, 'Stopped'), 7),
    )
    expect(observed).toMatchObject({
      kind: 'present',
      nodes: 1,
      cni: 'calico',
      driver: 'docker',
      running: false,
    })
    expect(decideProfile(observed, cfg, { recreate: false })).toEqual({
      kind: 'mismatch',
      differences: ['profile minikube has 1 node, the config wants 2'],
    })
  })

  it('refuses a profile minikube lists as invalid, and one it cannot list', () => {
    const invalid = observeProfile(
      'lab4',
      parseProfileList(profileList([], ['lab4']), 0),
      parseStatus('', 85),
    )
    expect(decideProfile(invalid, config, { recreate: false })).toEqual({
      kind: 'mismatch',
      differences: ['minikube lists profile lab4 as invalid (its config cannot be loaded)'],
    })
    const unlisted = observeProfile(
      'lab4',
      parseProfileList('{"error":{}}', 80),
      parseStatus(statusJson('lab4', 2), 0),
    )
    expect(decideProfile(unlisted, config, { recreate: false })).toMatchObject({
      kind: 'mismatch',
      differences: [expect.stringContaining('exited 80')],
    })
  })
})

describe('describeDecision', () => {
  it('says what was seen and what happens', () => {
    const observed = observeProfile(
      'lab4',
      parseProfileList(profileList([{ name: 'lab4' }]), 0),
      parseStatus(statusJson('lab4', 2), 0),
    )
    expect(describeDecision('lab4', observed, { kind: 'reuse' })).toBe(
      'minikube profile lab4 is Running, 2 nodes, CNI calico, driver docker: reusing it as is',
    )
  })
})
