import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LabError, type JournalEntry, type RunRecord } from '@lab4/core'
import { gradeNoCluster, gradeRecord, readRunConfig } from './grade.ts'
import { exitCodeFor } from './verification.ts'
import { labConfig } from '@lab4/core/testing'
import { testSteps } from './testing/steps.ts'
import { recordRun, tempDir } from './testing/record.ts'

/** The worker relabelled to a zone the config does not have. */
const NORTH = { lab4: 'east', 'lab4-m02': 'north' }

const byId = <T extends { check: string }>(results: readonly T[]): Record<string, T> =>
  Object.fromEntries(results.map((r) => [r.check, r]))

describe('gradeRecord', () => {
  it('re-judges every check of every step from a recorded collect, and resolves the evidence argv', async () => {
    const run = await recordRun({ steps: testSteps() })
    const results = gradeRecord(run, testSteps(), labConfig())
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
    const run = await recordRun({ steps: testSteps(), lab: { zones: NORTH, service: false } })
    const r = byId(gradeRecord(run, testSteps(), labConfig()))
    expect(r['cluster.zone-labels']).toMatchObject({
      status: 'FAIL',
      expected: 'east, west',
      actual: 'east, north',
    })
    expect(r['app.service-present']).toMatchObject({ status: 'NOT-GRADABLE', cause: 'missing-evidence' })
    expect(r['app.replicas-ready']?.status).toBe('PASS')
  })

  it('does not trust verdict lines in the journal: it re-grades from evidence and notes what the run had recorded', async () => {
    const run = await recordRun({ steps: testSteps() })
    const forged: JournalEntry[] = run.entries.map((e) =>
      e.type === 'verdict' && e.check === 'app.replicas-ready' ? { ...e, status: 'FAIL' } : e,
    )
    const r = byId(gradeRecord({ ...run, entries: forged }, testSteps(), labConfig()))
    expect(r['app.replicas-ready']).toMatchObject({ status: 'PASS', recorded: 'FAIL' })
    expect(r['app.service-present']?.recorded).toBeUndefined()

    const edited = run.entries.map((e) =>
      e.type === 'command' && e.key === 'app.deployment.json'
        ? { ...e, stdout: JSON.stringify({ kind: 'Deployment', status: { readyReplicas: 1 } }) }
        : e,
    )
    const again = byId(gradeRecord({ ...run, entries: edited }, testSteps(), labConfig()))
    expect(again['app.replicas-ready']).toMatchObject({ status: 'FAIL', actual: '1 ready', recorded: 'PASS' })
  })

  it('marks checks of steps that never ran NOT-GRADABLE, never PASS', async () => {
    const run = await recordRun({ steps: testSteps().slice(0, 1) })
    const results = gradeRecord(run, testSteps(), labConfig())
    expect(results.filter((r) => r.status === 'PASS').map((r) => r.check)).toEqual(['cluster.zone-labels'])
    expect(results.slice(1).every((r) => r.status === 'NOT-GRADABLE' && r.cause === 'missing-evidence')).toBe(
      true,
    )
    expect(exitCodeFor(results)).toBe(2)
  })
})

describe('the simulated-run rule', () => {
  const simulatedRun = async (): Promise<RunRecord> => {
    // One replica: a check would FAIL on real evidence.
    return recordRun({ steps: testSteps(), lab: { replicas: 1 }, simulated: true })
  }

  it('reports every check of a simulated run NOT-GRADABLE (simulated), keeping what it would be, and exits 2', async () => {
    const results = gradeRecord(await simulatedRun(), testSteps(), labConfig())
    expect(results.every((r) => r.status === 'NOT-GRADABLE' && r.cause === 'simulated')).toBe(true)
    const r = byId(results)
    expect(r['app.replicas-ready']?.wouldBe).toBe('FAIL')
    expect(r['cluster.zone-labels']?.wouldBe).toBe('PASS')
    expect(exitCodeFor(results)).toBe(2)
  })

  it('grades a simulated run as if real with allowSimulated', async () => {
    const results = gradeRecord(await simulatedRun(), testSteps(), labConfig(), { allowSimulated: true })
    expect(byId(results)['app.replicas-ready']).toMatchObject({ status: 'FAIL', actual: '1 ready' })
    expect(results.some((r) => r.wouldBe !== undefined)).toBe(false)
    expect(exitCodeFor(results)).toBe(1)
  })
})

describe('gradeNoCluster', () => {
  it('makes every check NOT-GRADABLE with cause no-cluster and the probe detail as actual', () => {
    const results = gradeNoCluster(testSteps(), 'minikube is not installed on this machine (not on PATH)')
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
    const run = await recordRun({ steps: testSteps(), config: { ...labConfig(), profile: 'lab4' } })
    expect(readRunConfig(run.dir)).toEqual(labConfig())
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
