import { spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { toJunit } from './junit.ts'
import { buildVerification, sourceOfRun, type Verification } from './verification.ts'
import { gradeRecord, type GradedCheck } from './grade.ts'
import { labConfig } from '@lab4/core/testing'
import { testSteps } from './testing/steps.ts'
import { recordRun, tempDir } from './testing/record.ts'

const XSD = fileURLToPath(new URL('./junit.xsd', import.meta.url))

/** Validate with libxml2's xmllint (Debian libxml2-utils); returns its verdict and messages. */
function xmllint(xml: string): { ok: boolean; output: string } {
  const file = join(tempDir(), 'junit.xml')
  writeFileSync(file, xml)
  const r = spawnSync('xmllint', ['--noout', '--schema', XSD, file], { encoding: 'utf8' })
  if (r.error) throw new Error(`xmllint could not run: ${r.error.message} (install libxml2-utils)`)
  return { ok: r.status === 0, output: r.stderr }
}

async function mixed(o: { simulated?: boolean } = {}): Promise<Verification> {
  const run = await recordRun({
    steps: testSteps(),
    lab: { zones: { lab4: 'east', 'lab4-m02': 'north' }, service: false },
    simulated: o.simulated ?? false,
  })
  return buildVerification({
    source: sourceOfRun(run, 'recorded'),
    steps: testSteps(),
    results: gradeRecord(run, testSteps(), labConfig()),
    run,
  })
}

const NOW = new Date('2026-01-02T03:04:05.000Z')

describe('toJunit', () => {
  it('validates against our XSD of the common JUnit format', async () => {
    const r = xmllint(toJunit(await mixed(), NOW))
    expect(r.output).toMatch(/validates/)
    expect(r.ok).toBe(true)
  })

  it('writes one testsuite per lab step and one testcase per check (classname = step id, name = check id)', async () => {
    const xml = toJunit(await mixed(), NOW)
    expect([...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'cluster.labels',
      'ipam.calicoctl',
      'ipam.pools',
      'app.deploy',
      'app.network',
    ])
    expect(
      [...xml.matchAll(/<testcase name="([^"]+)" classname="([^"]+)"/g)].map((m) => `${m[2]}/${m[1]}`),
    ).toEqual([
      'cluster.labels/cluster.zone-labels',
      'ipam.calicoctl/ipam.calicoctl-works',
      'ipam.pools/ipam.zone-pools',
      'ipam.pools/ipam.pod-ip-in-zone-pool',
      'app.deploy/app.replicas-ready',
      'app.deploy/app.service-present',
      'app.network/app.ping-neighbour',
    ])
    expect(xml).toMatch(
      /<testsuites name="lab4 verify" tests="7" failures="2" errors="0" skipped="1" time="[\d.]+" timestamp="2026-01-02T03:04:05.000Z">/,
    )
  })

  it('maps FAIL to <failure> with expected/actual/hint, and NOT-GRADABLE to <skipped> naming the cause', async () => {
    const xml = toJunit(await mixed(), NOW)
    expect(xml).toContain(
      '<failure message="expected east, west; got east, north" type="FAIL">check: Each node carries its zone label\nexpected: east, west\nactual: east, north\nhint: Label the nodes',
    )
    expect(xml).toMatch(
      /<skipped message="NOT-GRADABLE \(missing-evidence\): `kubectl --context lab4 -n default get service frontend -o json` exited 1: [^"]*"\/>/,
    )
    expect(xml.match(/<failure /g)).toHaveLength(2)
    expect(xml.match(/<skipped /g)).toHaveLength(1)
  })

  it('says what a simulated check would be', async () => {
    const xml = toJunit(await mixed({ simulated: true }), NOW)
    expect(xml).toContain(
      '<skipped message="NOT-GRADABLE (simulated; would be FAIL on real evidence): east, north"/>',
    )
    expect(xml.match(/<skipped /g)).toHaveLength(7)
    expect(xmllint(xml).ok).toBe(true)
  })

  it('escapes markup and drops control characters XML 1.0 forbids, so odd command output still validates', async () => {
    const v = await mixed()
    const odd: GradedCheck = {
      ...(v.results[0] as GradedCheck),
      actual: 'a <b> & "c"\x1b[31m red\x00',
      status: 'FAIL',
    }
    const xml = toJunit(
      { ...v, groups: [{ ...(v.groups[0] as Verification['groups'][number]), checks: [odd] }] },
      NOW,
    )
    expect(xml).toContain('got a &lt;b&gt; &amp; &quot;c&quot;\uFFFD[31m red\uFFFD"')
    expect(xmllint(xml).ok).toBe(true)
  })

  it('has an XSD that rejects what the format forbids (a testcase without classname, two outcomes)', () => {
    const bad1 =
      '<testsuites><testsuite name="s" tests="1" failures="0" errors="0"><testcase name="c"/></testsuite></testsuites>'
    const bad2 =
      '<testsuites><testsuite name="s" tests="1" failures="1" errors="0"><testcase name="c" classname="s"><failure/><skipped/></testcase></testsuite></testsuites>'
    expect(xmllint(bad1)).toMatchObject({ ok: false, output: expect.stringMatching(/classname/) })
    expect(xmllint(bad2).ok).toBe(false)
  })
})
