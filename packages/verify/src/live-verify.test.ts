import { chmodSync, mkdirSync, readdirSync, readlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { markLatest, readRun, type Runner } from '@lab4/core'
import { verifyLive } from './live-verify.ts'
import { fakeWorld, type FakeWorld } from './testing/fake-world.ts'
import { worldRunner } from './testing/fake-kubectl.ts'
import { fakeSteps } from './testing/fake-steps.ts'
import { defaultConfig, silent, tempDir } from './testing/record.ts'

/** A PATH holding a `minikube` executable (never run: the runner answers), so the probe finds it. */
function pathWithMinikube(): string {
  const bin = tempDir()
  writeFileSync(join(bin, 'minikube'), '#!/bin/sh\nexit 0\n')
  chmodSync(join(bin, 'minikube'), 0o755)
  return bin
}

const withMinikube = (world: FakeWorld, statusExit: number): Runner => {
  const kubectl = worldRunner(world)
  return async (c) => {
    if (c.argv[0] !== 'minikube') return kubectl(c)
    world.calls.push(c.argv.join(' '))
    return {
      exitCode: statusExit,
      stdout: '',
      stderr: '',
      startedAt: new Date(0).toISOString(),
      durationMs: 1,
    }
  }
}

function options(
  world: FakeWorld,
  o: { statusExit?: number; path?: string; runsDir?: string; simulated?: boolean } = {},
) {
  return {
    steps: fakeSteps(),
    config: defaultConfig(),
    configFile: 'lab.config.yaml',
    configHash: 'test',
    root: tempDir(),
    runsDir: o.runsDir ?? join(tempDir(), 'runs'),
    env: { PATH: o.path ?? pathWithMinikube() },
    runner: withMinikube(world, o.statusExit ?? 0),
    reporter: silent(),
    signal: new AbortController().signal,
    simulated: o.simulated ?? false,
    allowSimulated: false,
  }
}

describe('verifyLive', () => {
  it('collects read-only into a new verify run, changes nothing, and grades it', async () => {
    const world = fakeWorld()
    const v = await verifyLive(options(world))
    expect(v.summary.line).toBe('7 passed, 0 failed, 0 not gradable')
    expect(v.exitCode).toBe(0)
    expect(v.source).toMatchObject({ kind: 'live', runMode: 'verify', simulated: false })
    const run = readRun(v.source.runDir ?? '')
    expect(run.entries.filter((e) => e.type === 'command' && e.write)).toEqual([])
    expect(world.calls[0]).toBe('minikube status -p lab4 -o json')
    expect(world.calls.filter((c) => / (label|scale|delete|create|apply) /.test(c))).toEqual([])
  })

  it('keeps report/runs/latest pointing at the lab run the report is written from', async () => {
    const runsDir = join(tempDir(), 'runs')
    mkdirSync(join(runsDir, '20260101-000000-aaaa'), { recursive: true })
    markLatest(runsDir, '20260101-000000-aaaa')
    const v = await verifyLive(options(fakeWorld(), { runsDir }))
    expect(readlinkSync(join(runsDir, 'latest'))).toBe('20260101-000000-aaaa')
    expect(readdirSync(runsDir)).toContain(v.source.runId)
  })

  it('grades every check NOT-GRADABLE (no-cluster) and collects nothing when the profile is missing', async () => {
    const world = fakeWorld()
    const runsDir = join(tempDir(), 'runs')
    const v = await verifyLive(options(world, { statusExit: 85, runsDir }))
    expect(v.results.every((r) => r.status === 'NOT-GRADABLE' && r.cause === 'no-cluster')).toBe(true)
    expect(v.results[0]?.actual).toBe('there is no minikube profile "lab4" on this machine')
    expect(v.exitCode).toBe(2)
    expect(world.calls).toEqual(['minikube status -p lab4 -o json'])
    expect(v.source.runDir).toBeUndefined()
  })

  it('says minikube is not installed when it is not on PATH', async () => {
    const v = await verifyLive(options(fakeWorld(), { path: tempDir() }))
    expect(v.results[0]).toMatchObject({
      status: 'NOT-GRADABLE',
      cause: 'no-cluster',
      actual: 'minikube is not installed on this machine (not on PATH)',
    })
  })

  it('treats a live verify against the simulator as simulated (NOT-GRADABLE, exit 2)', async () => {
    const v = await verifyLive(options(fakeWorld(), { simulated: true }))
    expect(v.results.every((r) => r.cause === 'simulated' && r.wouldBe === 'PASS')).toBe(true)
    expect(v.exitCode).toBe(2)
  })
})
