import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabError, type JournalEntry, type RunRecord } from '@lab4/core'
import { gradeNoCluster, gradeRecord, readRunConfig } from './grade.ts'
import { exitCodeFor } from './verification.ts'
import { fakeWorld } from './testing/fake-world.ts'
import { fakeSteps, pingStats } from './testing/fake-steps.ts'
import { defaultConfig, fixture, recordRun, tempDir } from './testing/record.ts'

const byId = <T extends { check: string }>(results: readonly T[]): Record<string, T> =>
  Object.fromEntries(results.map((r) => [r.check, r]))

describe('gradeRecord', () => {
  it('re-judges every check of every step from a recorded collect, and resolves the evidence argv', async () => {
    const run = await recordRun({ world: fakeWorld(), steps: fakeSteps() })
    const results = gradeRecord(run, fakeSteps(), defaultConfig())
    expect(results.map((r) => r.check)).toEqual([
      'cluster.zone-labels',
      'ipam.calicoctl-works',
      'ipam.zone-pools',
      'ipam.pod-ip-in-zone-pool',
      'app.replicas-ready',
      'app.service-present',
      'app.ping-neighbour',
    ])
    expect(results.every((r) => r.status === 'PASS')).toBe(true)
    expect(exitCodeFor(results)).toBe(0)
    const ref = byId(results)['cluster.zone-labels']?.refs[0]
    expect(ref).toMatchObject({
      kind: 'command',
      key: 'cluster.nodes.json',
      argv: ['kubectl', '--context', 'lab4', 'get', 'nodes', '-o', 'json'],
      exitCode: 0,
    })
  })

  it('reports a broken world as FAIL, and a vanished object as NOT-GRADABLE missing-evidence', async () => {
    const world = fakeWorld()
    world.nodes[1] = { name: 'lab4-m02', zone: 'north' }
    world.service = false
    const run = await recordRun({ world, steps: fakeSteps() })
    const r = byId(gradeRecord(run, fakeSteps(), defaultConfig()))
    expect(r['cluster.zone-labels']).toMatchObject({
      status: 'FAIL',
      expected: 'east, west',
      actual: 'east, north',
    })
    expect(r['app.service-present']).toMatchObject({ status: 'NOT-GRADABLE', cause: 'missing-evidence' })
    expect(r['app.replicas-ready']?.status).toBe('PASS')
  })

  it('does not trust verdict lines in the journal: it re-grades from evidence and notes what the run had recorded', async () => {
    const run = await recordRun({ world: fakeWorld(), steps: fakeSteps() })
    const forged: JournalEntry[] = run.entries.map((e) =>
      e.type === 'verdict' && e.check === 'app.replicas-ready' ? { ...e, status: 'FAIL' } : e,
    )
    const r = byId(gradeRecord({ ...run, entries: forged }, fakeSteps(), defaultConfig()))
    expect(r['app.replicas-ready']).toMatchObject({ status: 'PASS', recorded: 'FAIL' })
    expect(r['app.service-present']?.recorded).toBeUndefined()

    const edited = run.entries.map((e) =>
      e.type === 'command' && e.key === 'app.deployment.json'
        ? { ...e, stdout: JSON.stringify({ kind: 'Deployment', status: { readyReplicas: 1 } }) }
        : e,
    )
    const again = byId(gradeRecord({ ...run, entries: edited }, fakeSteps(), defaultConfig()))
    expect(again['app.replicas-ready']).toMatchObject({ status: 'FAIL', actual: '1 ready', recorded: 'PASS' })
  })

  it('marks checks of steps that never ran NOT-GRADABLE, never PASS', async () => {
    const run = await recordRun({ world: fakeWorld(), steps: fakeSteps().slice(0, 1) })
    const results = gradeRecord(run, fakeSteps(), defaultConfig())
    expect(results.filter((r) => r.status === 'PASS').map((r) => r.check)).toEqual(['cluster.zone-labels'])
    expect(results.slice(1).every((r) => r.status === 'NOT-GRADABLE' && r.cause === 'missing-evidence')).toBe(
      true,
    )
    expect(exitCodeFor(results)).toBe(2)
  })
})

describe('the simulated-run rule', () => {
  const simulatedRun = async (): Promise<RunRecord> => {
    const world = fakeWorld()
    world.replicas = 1 // one check would FAIL on real evidence
    return recordRun({ world, steps: fakeSteps(), simulated: true })
  }

  it('reports every check of a simulated run NOT-GRADABLE (simulated), keeping what it would be, and exits 2', async () => {
    const results = gradeRecord(await simulatedRun(), fakeSteps(), defaultConfig())
    expect(results.every((r) => r.status === 'NOT-GRADABLE' && r.cause === 'simulated')).toBe(true)
    const r = byId(results)
    expect(r['app.replicas-ready']?.wouldBe).toBe('FAIL')
    expect(r['cluster.zone-labels']?.wouldBe).toBe('PASS')
    expect(exitCodeFor(results)).toBe(2)
  })

  it('grades a simulated run as if real with allowSimulated', async () => {
    const results = gradeRecord(await simulatedRun(), fakeSteps(), defaultConfig(), { allowSimulated: true })
    expect(byId(results)['app.replicas-ready']).toMatchObject({ status: 'FAIL', actual: '1 ready' })
    expect(results.some((r) => r.wouldBe !== undefined)).toBe(false)
    expect(exitCodeFor(results)).toBe(1)
  })
})

describe('gradeNoCluster', () => {
  it('makes every check NOT-GRADABLE with cause no-cluster and the probe detail as actual', () => {
    const results = gradeNoCluster(fakeSteps(), 'minikube is not installed on this machine (not on PATH)')
    expect(results).toHaveLength(7)
    expect(
      results.every(
        (r) => r.status === 'NOT-GRADABLE' && r.cause === 'no-cluster' && r.actual.includes('not installed'),
      ),
    ).toBe(true)
    expect(exitCodeFor(results)).toBe(2)
  })
})

describe('readRunConfig', () => {
  it("reads the run's own config.json", async () => {
    const run = await recordRun({
      world: fakeWorld(),
      steps: fakeSteps(),
      config: { ...defaultConfig(), profile: 'lab4' },
    })
    expect(readRunConfig(run.dir)).toEqual(defaultConfig())
  })

  it('refuses a run without config.json, and one that does not match the schema, with exit code 2', () => {
    const dir = tempDir()
    expect(() => readRunConfig(dir)).toThrow(/No config.json beside the journal/)
    writeFileSync(join(dir, 'config.json'), JSON.stringify({ app: { replicas: 0 } }))
    const err = (() => {
      try {
        readRunConfig(dir)
      } catch (e) {
        return e
      }
    })()
    expect(err).toBeInstanceOf(LabError)
    expect((err as LabError).message).toMatch(/app\.replicas/)
    expect((err as LabError).exitCode).toBe(2)
  })
})

describe('pingStats (the fake network check) on real BusyBox output', () => {
  it('reads replies and TTL from a student ping, and spots a bad address', () => {
    const [sameNode, otherNode] = fixture('sanchpet__ping-endpoint-fqdn.txt')
      .split(/^\/frontend # /m)
      .filter(Boolean)
    expect(pingStats(sameNode ?? '')).toEqual({ received: 5, ttls: [64, 64, 64, 64, 64], badAddress: false })
    expect(pingStats(otherNode ?? '')).toMatchObject({ received: 5, ttls: [62, 62, 62, 62, 62] })
    expect(pingStats(fixture('countenum404__exec-ping-service-fqdn-bad-address.txt'))).toMatchObject({
      badAddress: true,
    })
  })
})
