import { describe, expect, it } from 'vitest'
import type { Status } from '@lab4/core'
import { buildVerification, exitCodeFor, sourceOfRun, worst } from './verification.ts'
import { gradeRecord } from './grade.ts'
import { labConfig } from '@lab4/core/testing'
import { testSteps } from './testing/steps.ts'
import { recordRun } from './testing/record.ts'

const s = (...statuses: Status[]) => statuses.map((status) => ({ status }))

describe('exitCodeFor', () => {
  it.each([
    ['all PASS', 0, s('PASS', 'PASS')],
    ['any FAIL', 1, s('PASS', 'FAIL')],
    ['FAIL beside NOT-GRADABLE: the failure is a finding', 1, s('FAIL', 'NOT-GRADABLE', 'PASS')],
    ['PASS with a NOT-GRADABLE: the grade is incomplete', 2, s('PASS', 'NOT-GRADABLE')],
    ['all NOT-GRADABLE', 2, s('NOT-GRADABLE', 'NOT-GRADABLE')],
    ['no checks at all', 2, s()],
  ])('%s → exit %i', (_name, code, results) => {
    expect(exitCodeFor(results)).toBe(code)
  })
})

describe('worst', () => {
  it('ranks FAIL over NOT-GRADABLE over PASS', () => {
    expect(worst(['PASS', 'NOT-GRADABLE'])).toBe('NOT-GRADABLE')
    expect(worst(['NOT-GRADABLE', 'FAIL', 'PASS'])).toBe('FAIL')
    expect(worst([])).toBe('PASS')
  })
})

describe('buildVerification', () => {
  it('groups checks under their lab step in catalogue order, with the step error from the journal', async () => {
    // One replica: app.network collect throws, it needs two pods on two nodes.
    const run = await recordRun({ steps: testSteps(), lab: { replicas: 1 } })
    const results = gradeRecord(run, testSteps(), labConfig())
    const v = buildVerification({ source: sourceOfRun(run, 'recorded'), steps: testSteps(), results, run })
    expect(v.groups.map((g) => [g.id, g.labItems, g.status])).toEqual([
      ['cluster.labels', [4], 'PASS'],
      ['ipam.calicoctl', [3], 'PASS'],
      ['ipam.pools', [5], 'PASS'],
      ['app.deploy', [6, 7], 'FAIL'],
      ['app.network', [10], 'NOT-GRADABLE'],
    ])
    expect(v.groups[4]?.error).toMatch(/need two frontend pods on different nodes; found 1/)
    expect(v.summary.line).toBe('5 passed, 1 failed, 1 not gradable')
    expect(v.exitCode).toBe(1)
    expect(v.source).toMatchObject({ kind: 'recorded', runMode: 'lab', profile: 'lab4', simulated: false })
  })

  it('keeps checks whose step is not in the catalogue, under (other)', async () => {
    const run = await recordRun({ steps: testSteps() })
    const results = gradeRecord(run, testSteps(), labConfig())
    const v = buildVerification({
      source: sourceOfRun(run, 'recorded'),
      steps: testSteps().slice(1),
      results,
      run,
    })
    expect(v.groups.at(-1)).toMatchObject({
      id: '(other)',
      checks: [expect.objectContaining({ check: 'cluster.zone-labels' })],
    })
    expect(v.results).toHaveLength(7)
  })

  it('shows the SIMULATED banner only when a simulated run is graded as if real', async () => {
    const run = await recordRun({ steps: testSteps(), simulated: true })
    const results = gradeRecord(run, testSteps(), labConfig(), { allowSimulated: true })
    expect(
      buildVerification({
        source: sourceOfRun(run, 'recorded'),
        steps: testSteps(),
        results,
        run,
        allowSimulated: true,
      }).simulatedBanner,
    ).toBe(true)
    expect(
      buildVerification({ source: sourceOfRun(run, 'recorded'), steps: testSteps(), results, run })
        .simulatedBanner,
    ).toBe(false)
  })
})
