import { chmodSync, mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { markLatest, readRun } from '@lab4/core'
import { labConfig } from '@lab4/core/testing'
import { verifyLive } from './live-verify.ts'
import { answering, labAnswers, type Answering } from './testing/answers.ts'
import { testSteps } from './testing/steps.ts'
import { silent, tempDir } from './testing/record.ts'

/** A PATH holding a `minikube` executable (never run: the runner answers), so the probe finds it. */
function pathWithMinikube(): string {
  const bin = tempDir()
  writeFileSync(join(bin, 'minikube'), '#!/bin/sh\nexit 0\n')
  chmodSync(join(bin, 'minikube'), 0o755)
  return bin
}

/** The lab's answers, with `minikube status` exiting `statusExit` (0: the profile runs). */
const lab = (statusExit = 0): Answering => answering(labAnswers({ minikube: statusExit }))

function options(runner: Answering, o: { path?: string; runsDir?: string; simulated?: boolean } = {}) {
  return {
    steps: testSteps(),
    config: labConfig(),
    configFile: 'lab.config.yaml',
    configHash: 'test',
    root: tempDir(),
    runsDir: o.runsDir ?? join(tempDir(), 'runs'),
    env: { PATH: o.path ?? pathWithMinikube() },
    runner,
    reporter: silent(),
    signal: new AbortController().signal,
    simulated: o.simulated ?? false,
    allowSimulated: false,
  }
}

describe('verifyLive', () => {
  it('collects read-only into a new verify run, changes nothing, and grades it', async () => {
    const runner = lab()
    const v = await verifyLive(options(runner))
    expect(v.summary.line).toBe('7 passed, 0 failed, 0 not gradable')
    expect(v.exitCode).toBe(0)
    expect(v.source).toMatchObject({ kind: 'live', runMode: 'verify', simulated: false })
    const run = readRun(v.source.runDir ?? '')
    expect(run.entries.filter((e) => e.type === 'command' && e.write)).toEqual([])
    expect(runner.calls[0]).toBe('minikube status -p lab4 -o json')
    expect(runner.calls.filter((c) => / (label|scale|delete|create|apply) /.test(c))).toEqual([])
  })

  it('keeps report/runs/latest pointing at the lab run the report is written from', async () => {
    const runsDir = join(tempDir(), 'runs')
    mkdirSync(join(runsDir, '20260101-000000-aaaa'), { recursive: true })
    markLatest(runsDir, '20260101-000000-aaaa')
    const v = await verifyLive(options(lab(), { runsDir }))
    expect(readlinkSync(join(runsDir, 'latest'))).toBe('20260101-000000-aaaa')
    expect(readdirSync(runsDir)).toContain(v.source.runId)
  })

  it('grades every check NOT-GRADABLE (no-cluster) and collects nothing when the profile is missing', async () => {
    const runner = lab(85)
    const runsDir = join(tempDir(), 'runs')
    const v = await verifyLive(options(runner, { runsDir }))
    expect(v.results.every((r) => r.status === 'NOT-GRADABLE' && r.cause === 'no-cluster')).toBe(true)
    expect(v.results[0]?.actual).toBe('there is no minikube profile "lab4" on this machine')
    expect(v.exitCode).toBe(2)
    expect(runner.calls).toEqual(['minikube status -p lab4 -o json'])
    expect(v.source.runDir).toBeUndefined()
  })

  it('says minikube is not installed when it is not on PATH', async () => {
    const v = await verifyLive(options(lab(), { path: tempDir() }))
    expect(v.results[0]).toMatchObject({
      status: 'NOT-GRADABLE',
      cause: 'no-cluster',
      actual: 'minikube is not installed on this machine (not on PATH)',
    })
  })

  it('treats a live verify against the simulator as simulated (NOT-GRADABLE, exit 2)', async () => {
    const v = await verifyLive(options(lab(), { simulated: true }))
    expect(v.results.every((r) => r.cause === 'simulated' && r.wouldBe === 'PASS')).toBe(true)
    expect(v.exitCode).toBe(2)
  })
})
