import { describe, expect, it } from 'vitest'
import { printVerification } from './print.ts'
import { buildVerification, sourceOfRun, type Verification } from './verification.ts'
import { gradeNoCluster, gradeRecord } from './grade.ts'
import { labConfig } from '@lab4/core/testing'
import { testSteps } from './testing/steps.ts'
import { recordRun } from './testing/record.ts'

// Built from a string so the pattern carries no literal control character.
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[\\d;]*m`, 'g')

async function mixed(o: { simulated?: boolean; allowSimulated?: boolean } = {}): Promise<Verification> {
  // The worker relabelled north: cluster.zone-labels FAIL, and the west pod leaves its zone pool.
  // No Service: app.service-present NOT-GRADABLE.
  const run = await recordRun({
    steps: testSteps(),
    lab: { zones: { lab4: 'east', 'lab4-m02': 'north' }, service: false },
    simulated: o.simulated ?? false,
  })
  const results = gradeRecord(run, testSteps(), labConfig(), {
    allowSimulated: o.allowSimulated ?? false,
  })
  return buildVerification({
    source: sourceOfRun(run, 'recorded'),
    steps: testSteps(),
    results,
    run,
    allowSimulated: o.allowSimulated ?? false,
  })
}

describe('printVerification', () => {
  it('lists problems first, then the full checklist by lab step, then the summary line', async () => {
    const text = printVerification(await mixed())
    const lines = text.trimEnd().split('\n')
    const problems = lines.indexOf('Problems (3)')
    const checklist = lines.indexOf('Checklist')
    expect(problems).toBeGreaterThan(0)
    expect(checklist).toBeGreaterThan(problems)
    const firstProblems = lines.slice(problems + 1, checklist).filter((l) => /^ {2}(FAIL|N\/G|PASS)/.test(l))
    expect(firstProblems).toEqual([
      '  FAIL cluster.zone-labels: Each node carries its zone label · [item 4] cluster.labels',
      "  FAIL ipam.pod-ip-in-zone-pool: Each app pod's IP lies in its node's zone pool · [item 5] ipam.pools",
      '  N/G  app.service-present: The Service exists and selects the app (missing-evidence) · [items 6, 7] app.deploy',
    ])
    expect(lines.slice(checklist)).toContain('[items 6, 7] app.deploy: Frontend Deployment and Service')
    expect(lines.slice(checklist)).toContain('[item 10] app.network: Ping the neighbour pod by DNS name')
    expect(lines.at(-1)).toBe('4 passed, 2 failed, 1 not gradable')
  })

  it('shows expected vs actual, the hint and the evidence command a problem was judged on', async () => {
    const text = printVerification(await mixed())
    expect(text).toContain(
      '       expected: east, west\n       actual:   east, north\n       hint:     Label the nodes (`pnpm lab --only cluster.labels`).',
    )
    expect(text).toMatch(/judged on e\d{4} `kubectl --context lab4 get nodes -o json` \(exit 0\)/)
    expect(text).toMatch(
      /judged on e\d{4} `kubectl --context lab4 -n default get service frontend -o json` \(exit 1\)/,
    )
  })

  it('uses colour only when asked (a TTY), and the plain text is the same without it', async () => {
    const v = await mixed()
    const plain = printVerification(v)
    const coloured = printVerification(v, { color: true })
    expect(plain).not.toContain('\x1b[')
    expect(coloured).toContain('\x1b[31mFAIL\x1b[0m')
    expect(coloured.replace(ANSI, '')).toBe(plain)
  })

  it('shows simulated checks as NOT-GRADABLE with what they would be on real evidence', async () => {
    const text = printVerification(await mixed({ simulated: true }))
    expect(text).toContain(
      'N/G  cluster.zone-labels: Each node carries its zone label (simulated; would be FAIL on real evidence)',
    )
    expect(text).toContain(
      'N/G  app.replicas-ready: The Deployment has its replicas ready (simulated; would be PASS on real evidence)',
    )
    expect(text).not.toContain('SIMULATED:')
    const problems = text.slice(text.indexOf('Problems (7)'), text.indexOf('Checklist'))
    expect(problems.trim().split('\n')).toEqual([
      'Problems (7)',
      '  N/G  7 checks (simulated): the evidence comes from the simulator',
      '       hint:     This run was recorded against the simulator, not a cluster; run `pnpm lab` on minikube and verify that run.',
    ])
    expect(text.trimEnd().split('\n').at(-1)).toBe('0 passed, 0 failed, 7 not gradable')
  })

  it('prints the SIMULATED banner when a simulated run is graded as if real', async () => {
    const text = printVerification(await mixed({ simulated: true, allowSimulated: true }))
    expect(text.split('\n')[1]).toMatch(
      /^SIMULATED: this run came from the simulator and is graded as if real/,
    )
    expect(text.trimEnd().split('\n').at(-1)).toBe('4 passed, 2 failed, 1 not gradable')
  })

  it('says why nothing could be graded when there is no cluster', () => {
    const results = gradeNoCluster(testSteps(), 'there is no minikube profile "lab4" on this machine')
    const v = buildVerification({
      source: { kind: 'live', profile: 'lab4', simulated: false },
      steps: testSteps(),
      results,
    })
    const text = printVerification(v)
    expect(text.split('\n')[0]).toBe('lab4 verify · live · profile lab4')
    expect(text).toContain(
      'Problems (7)\n  N/G  7 checks (no-cluster): there is no minikube profile "lab4" on this machine\n       hint:     Start the lab cluster',
    )
    expect(text).toContain(
      'N/G  app.ping-neighbour: The neighbour pod answers ping by its DNS name, across nodes (no-cluster)',
    )
    // The reason and its hint are said once for all 7 checks; the checklist lists each check on one line.
    expect(text.split('Start the lab cluster')).toHaveLength(2)
    expect(text.split('there is no minikube profile "lab4" on this machine')).toHaveLength(2)
    expect(text).not.toContain('actual:')
    expect(text.trimEnd().split('\n').at(-1)).toBe('0 passed, 0 failed, 7 not gradable')
  })

  it('writes a hint many problems share once; the others point back to the first', async () => {
    const v = await mixed()
    const shared = 'Run `pnpm lab` again: it repairs labels, pools and the Service.'
    const results = v.results.map((r) => (r.status === 'PASS' ? r : { ...r, hint: shared }))
    const text = printVerification({ ...v, results })
    expect(text.split(shared)).toHaveLength(2)
    expect(text).toContain('       hint:     the same as for cluster.zone-labels above')
    expect(text.match(/the same as for cluster\.zone-labels above/g)).toHaveLength(2)
  })

  it('gives a problem one line in the checklist: its details are under Problems', async () => {
    const text = printVerification(await mixed())
    const checklist = text.slice(text.indexOf('Checklist'))
    expect(checklist).toContain('  FAIL cluster.zone-labels: Each node carries its zone label\n')
    expect(checklist).not.toContain('expected: east, west')
    expect(text.split('expected: east, west')).toHaveLength(2)
  })

  it('says so when the catalogue has no checks', () => {
    const v = buildVerification({
      source: { kind: 'live', profile: 'lab4', simulated: false },
      steps: [],
      results: [],
    })
    expect(printVerification(v)).toContain('No checks to grade: the step catalogue is empty.')
    expect(v.exitCode).toBe(2)
  })
})
