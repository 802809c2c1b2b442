import { describe, expect, it } from 'vitest'
import { parseProfileList, parseStatus } from './minikube.ts'
import {
  profileList,
  profileListHead,
  profileListTail,
  realProfileList,
  statusJson,
} from '@lab4/core/testing'

describe('parseProfileList', () => {
  it('reads the real profile list: name, status, driver, CNI, Kubernetes version and the control plane node', () => {
    const list = parseProfileList(realProfileList(), 0)
    expect(list).toEqual({
      ok: true,
      invalid: [],
      valid: [
        {
          name: 'minikube',
          status: 'Stopped',
          driver: 'docker',
          cni: 'calico',
          networkPlugin: 'cni',
          kubernetesVersion: 'v1.20.0',
          nodes: [{ name: '', ip: '192.168.49.2', controlPlane: true, worker: true }],
        },
      ],
    })
  })

  it.each([
    ['the head excerpt', profileListHead()],
    ['the tail excerpt', profileListTail()],
  ])('reports truncated output (%s) as unreadable instead of guessing', (_, text) => {
    const list = parseProfileList(text, 0)
    expect(list.ok).toBe(false)
    expect(!list.ok && list.error).toMatch(/exited 0 with output that is not JSON/)
  })

  it('treats {"error":…} with exit 80 as a failure and keeps the reason', () => {
    const list = parseProfileList('{"error":{"Op":"open","Path":"/home/u/.minikube/profiles","Err":13}}', 80)
    expect(list).toEqual({ ok: false, error: expect.stringContaining('exited 80: {"Op":"open"') })
  })

  it('lists invalid profiles apart from valid ones', () => {
    const list = parseProfileList(profileList([{ name: 'lab4' }], ['broken']), 0)
    expect(list.ok && list.invalid.map((p) => p.name)).toEqual(['broken'])
    expect(list.ok && list.valid.map((p) => [p.name, p.nodes?.map((n) => n.name)])).toEqual([
      ['lab4', ['', 'm02']],
    ])
  })

  it('accepts an empty list (no profiles at all)', () => {
    expect(parseProfileList('{"invalid":[],"valid":[]}', 0)).toEqual({ ok: true, valid: [], invalid: [] })
  })
})

describe('parseStatus', () => {
  it('exit 85 means the profile does not exist, whatever is printed', () => {
    expect(
      parseStatus('🤷  Profile "lab4" not found. Run "minikube profile list" to view all profiles.', 85),
    ).toEqual({ kind: 'absent' })
  })

  it('reads the single-node object form', () => {
    const s = parseStatus(statusJson('lab4', 1), 0)
    expect(s).toMatchObject({
      kind: 'present',
      running: true,
      problems: [],
      nodes: [{ name: 'lab4', host: 'Running', worker: false }],
    })
  })

  it('reads the multi-node array form; workers need no apiserver', () => {
    const s = parseStatus(statusJson('lab4', 2), 0)
    expect(s.kind === 'present' && s.nodes.map((n) => [n.name, n.apiServer, n.worker])).toEqual([
      ['lab4', 'Running', false],
      ['lab4-m02', 'Irrelevant', true],
    ])
    expect(s.kind === 'present' && s.running).toBe(true)
  })

  it('decodes the exit bitmask and names the nodes that are down', () => {
    const s = parseStatus(statusJson('lab4', 2, 'Stopped'), 7)
    expect(s.kind === 'present' && s.running).toBe(false)
    expect(s.kind === 'present' && s.problems).toEqual([
      'a host is not running',
      'kubelet or apiserver is not running',
      'kubeconfig is not configured',
      'lab4: host Stopped, kubelet Stopped, apiserver Stopped',
      'lab4-m02: host Stopped, kubelet Stopped',
    ])
  })

  it('a stopped worker alone is enough to need a start', () => {
    const nodes = JSON.parse(statusJson('lab4', 2)) as Array<Record<string, unknown>>
    nodes[1] = { ...nodes[1], Host: 'Stopped', Kubelet: 'Stopped' }
    const s = parseStatus(JSON.stringify(nodes), 3)
    expect(s.kind === 'present' && [s.running, s.problems.at(-1)]).toEqual([
      false,
      'lab4-m02: host Stopped, kubelet Stopped',
    ])
  })

  it('throws with the first output line when there is no status JSON', () => {
    expect(() => parseStatus('E0114 unable to connect to docker daemon\nmore', 1)).toThrow(
      /exited 1 without status JSON: E0114 unable to connect/,
    )
  })
})
