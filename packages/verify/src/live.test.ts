import { chmodSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fakeRunner } from '@lab4/core'
import { classifyStatus, probeCluster, statusArgv } from './live.ts'
import { liveSkipReason, liveStages } from './live-suite.ts'
import { tempDir } from './testing/record.ts'

const twoNodes =
  '[{"Name":"lab4","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false},{"Name":"lab4-m02","Host":"Running","Kubelet":"Running","APIServer":"Irrelevant","Kubeconfig":"Irrelevant","Worker":true}]'

describe('classifyStatus (minikube status -o json exit codes)', () => {
  it.each([
    [0, '', { reachable: true }],
    [85, '', { reachable: false, detail: 'there is no minikube profile "lab4" on this machine' }],
    [
      7,
      '',
      {
        reachable: false,
        detail:
          'minikube profile "lab4" is not running (a node host is not running; the apiserver or kubelet is not running; the kubeconfig entry is not configured)',
      },
    ],
    [
      2,
      '',
      {
        reachable: false,
        detail: 'minikube profile "lab4" is not running (the apiserver or kubelet is not running)',
      },
    ],
    [
      80,
      'X Exiting due to GUEST_STATUS: docker not running\n',
      {
        reachable: false,
        detail:
          'minikube profile "lab4" is not running (minikube status exited 80): X Exiting due to GUEST_STATUS: docker not running',
      },
    ],
  ])('exit %i → %j', (exitCode, stderr, want) => {
    expect(classifyStatus('lab4', { exitCode, stderr, stdout: exitCode === 0 ? twoNodes : '' })).toEqual(want)
  })
})

describe('probeCluster', () => {
  it('says minikube is not installed without running anything when it is not on PATH', async () => {
    const runner = fakeRunner([])
    expect(await probeCluster(runner, 'lab4', tempDir())).toEqual({
      reachable: false,
      detail: 'minikube is not installed on this machine (not on PATH)',
    })
    expect(runner.calls).toEqual([])
  })

  it('asks `minikube status -p <profile> -o json` when minikube is on PATH', async () => {
    const bin = tempDir()
    writeFileSync(join(bin, 'minikube'), '#!/bin/sh\nexit 0\n')
    chmodSync(join(bin, 'minikube'), 0o755)
    const runner = fakeRunner([{ argv: statusArgv('lab4'), respond: { exitCode: 0, stdout: twoNodes } }])
    expect(await probeCluster(runner, 'lab4', bin)).toEqual({ reachable: true })
    runner.assertDone()
  })
})

describe('the live suite', () => {
  it('skips with one clear line when minikube or Docker is missing', () => {
    expect(liveSkipReason({ minikube: false, docker: { ok: true, detail: '' } })).toBe(
      'minikube is not installed on this machine (needs minikube + Docker; see README "Live test")',
    )
    expect(
      liveSkipReason({
        minikube: true,
        docker: { ok: false, detail: 'Cannot connect to the Docker daemon' },
      }),
    ).toBe(
      '`docker info` failed (Cannot connect to the Docker daemon) (needs minikube + Docker; see README "Live test")',
    )
    expect(liveSkipReason({ minikube: true, docker: { ok: true, detail: '' } })).toBeUndefined()
  })

  it('runs the lab, then verify with JUnit, then the report without PDF', () => {
    expect(liveStages().map((s) => s.script.join(' '))).toEqual([
      'lab',
      'verify --junit report/junit.xml --json report/verify.json',
      'report --no-pdf',
    ])
  })
})
