// What a grader can trust in a record: simulated evidence is recognised by its outputs, artifacts by their sha256.
import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  defineCheck,
  defineStep,
  fingerprintsIn,
  notGradable,
  pass,
  simulatedReason,
  simulatorFingerprints,
  type RunRecord,
  type Step,
} from '@lab4/core'
import { labConfig, runScripted } from '@lab4/core/testing'
import { gradeRecord } from '../grade.ts'
import { buildVerification, exitCodeFor } from '../verification.ts'
import { fixture, recordRun } from '../testing/record.ts'
import { testSteps } from '../testing/steps.ts'
import { simulator, type SimLab } from '../testing/sim.ts'
import { checkArtifacts, withArtifactIntegrity } from './artifacts.ts'

// Real outputs that hold the kinds of values the simulator fingerprints: a commit label, digests, UIDs.
const REAL = [
  'countenum404__get-nodes-show-labels-full.txt',
  'minikube-profile-list-json-excerpt.txt',
  'calicoctl-get-ippool-yaml-single-issue-8435.txt',
  'kubectl-port-forward-errors.txt',
  'LinaMalinaMeow__get-pods-wide.txt',
  'sanchpet__ping-endpoint-fqdn.txt',
]

let sim: SimLab
const sh = async (...argv: string[]) => {
  const r = await sim.runner({ argv })
  expect(r.exitCode, `${argv.join(' ')}: ${r.stderr}`).toBe(0)
  return r.stdout
}
const kubectl = (...args: string[]) => sh('kubectl', '--context', 'lab4', ...args)
beforeAll(async () => {
  sim = await simulator()
  await sh('minikube', 'start', '-p', 'lab4', '--nodes', '2', '--cni', 'calico', '--driver', 'docker')
}, 120_000)

describe('simulator fingerprints', () => {
  it.each(REAL)('finds none in a real cluster output (%s)', (name) => {
    const text = fixture(name)
    expect(text).toMatch(/[0-9a-f]{8}-[0-9a-f]{4}|[0-9a-f]{40}|\d+\.\d+\.\d+\.\d+/) // the file has such values
    expect(fingerprintsIn(text)).toEqual([])
  })

  describe('in what the simulator prints', () => {
    it('marks node UIDs, machine ids, the kernel and minikube commit in the nodes JSON', async () => {
      const kinds = new Set(fingerprintsIn(await kubectl('get', 'nodes', '-o', 'json')).map((f) => f.kind))
      expect([...kinds].sort()).toEqual(['machine-id', 'minikube-commit', 'node-kernel', 'object-uid'])
    })

    it('marks the kernel column of get nodes -o wide, and pod UIDs and container ids in the pods JSON', async () => {
      const wide = await kubectl('get', 'nodes', '-o', 'wide')
      expect(wide).toMatch(/KERNEL-VERSION/)
      expect(fingerprintsIn(wide).map((f) => f.kind)).toEqual(['node-kernel', 'node-kernel'])
      const pods = fingerprintsIn(await kubectl('get', 'pods', '-A', '-o', 'json'))
      expect(new Set(pods.map((f) => f.kind))).toEqual(
        new Set(['object-uid', 'container-id', 'sha256-digest']),
      )
    })

    it('keeps the formats real: UIDs are RFC 4122 version 4, the kernel reads like a distribution build', async () => {
      const nodes = JSON.parse(await kubectl('get', 'nodes', '-o', 'json')) as {
        items: Array<{ metadata: { uid: string }; status: { nodeInfo: { kernelVersion: string } } }>
      }
      for (const n of nodes.items) {
        expect(n.metadata.uid).toMatch(
          /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
        )
        expect(n.status.nodeInfo.kernelVersion).toMatch(/^\d+\.\d+\.\d+-\d+-[a-z0-9]+$/)
      }
    })
  })
})

// A record from the test steps over real-format answers, with one simulated node JSON line put in.
async function realRecordWith(stdout?: string): Promise<RunRecord> {
  const run = await recordRun({ steps: testSteps() })
  if (stdout === undefined) return run
  const entries = run.entries.map((e) =>
    e.type === 'command' && e.key === 'cluster.nodes.json'
      ? { ...e, stdout: e.stdout.replace(/"uid": "[^"]+"/, `"uid": "${stdout}"`) }
      : e,
  )
  return { ...run, entries }
}

describe('a record whose header says it is real', () => {
  // A node UID as the simulator prints it.
  let simUid: string
  beforeAll(async () => {
    const nodes = JSON.parse(await kubectl('get', 'nodes', '-o', 'json')) as {
      items: Array<{ metadata: { uid: string } }>
    }
    simUid = nodes.items[0]?.metadata.uid ?? ''
  })

  it('is graded as real when its outputs carry no fingerprint', async () => {
    const run = await realRecordWith()
    expect(run.header.simulated).toBe(false)
    expect(simulatedReason(run)).toBeUndefined()
    expect(exitCodeFor(gradeRecord(run, testSteps(), labConfig()))).toBe(0)
  })

  it('is NOT-GRADABLE simulated, every check, exit 2, when one output carries a simulator UID', async () => {
    const run = await realRecordWith(simUid)
    expect(simulatorFingerprints(run.entries)).toEqual([
      { entry: expect.any(String), kind: 'object-uid', value: simUid },
    ])
    const results = gradeRecord(run, testSteps(), labConfig())
    expect(new Set(results.map((r) => `${r.status} ${r.cause}`))).toEqual(new Set(['NOT-GRADABLE simulated']))
    expect(results[0]?.hint).toMatch(
      /header says this run came from a cluster, but its outputs carry 1 simulator fingerprint \(object-uid\)/,
    )
    expect(results.map((r) => r.wouldBe)).toContain('PASS')
    const v = buildVerification({
      source: { kind: 'recorded', profile: 'lab4', simulated: false },
      steps: testSteps(),
      results,
    })
    expect(v.exitCode).toBe(2)
  })

  it('is graded as if real with allowSimulated, as the grader tests itself', async () => {
    const run = await realRecordWith(simUid)
    expect(exitCodeFor(gradeRecord(run, testSteps(), labConfig(), { allowSimulated: true }))).toBe(0)
  })
})

// A step that stores a screenshot and a manifest, as app.browser and app.deploy do.
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex')
const shotStep: Step = defineStep({
  id: 'app.browser',
  pkg: 'app',
  title: 'screenshot',
  labItems: [8],
  plan: () => [],
  run: async () => 'unchanged',
  collect: async (ctx) => {
    ctx.artifact('app.screenshot', 'page.png', PNG, { mediaType: 'image/png', description: 'the page' })
    ctx.artifact('app.manifest', 'frontend.yaml', 'kind: Deployment\n', {
      mediaType: 'application/yaml',
      description: 'the manifest',
    })
  },
  checks: [
    defineCheck({
      id: 'app.screenshot-taken',
      step: 'app.browser',
      title: 'a screenshot was taken',
      evaluate: (ev) => {
        const a = ev.artifact('app.screenshot')
        return a
          ? pass({ expected: 'a screenshot', actual: a.path, evidence: [a.id] })
          : notGradable('missing-evidence', { expected: 'a screenshot', actual: 'none', hint: 'take one' })
      },
    }),
  ],
})

describe('artifacts against their sha256', () => {
  let run: RunRecord
  beforeAll(async () => {
    run = (await runScripted([shotStep], [])).record
  })
  afterAll(() => writeFileSync(join(run.dir, 'artifacts', 'page.png'), PNG))

  it('passes record.integrity when every file is the one written', () => {
    expect(checkArtifacts(run)).toEqual({ checked: 2, problems: [] })
    const integrity = gradeRecord(run, [shotStep], labConfig()).find((r) => r.check === 'record.integrity')
    expect(integrity).toMatchObject({
      status: 'PASS',
      step: 'record',
      actual: '2 artifact(s), every sha256 as recorded',
    })
  })

  it('fails record.integrity, naming the entry, when a screenshot is swapped', () => {
    const other = Buffer.concat([PNG, Buffer.from('00', 'hex')])
    writeFileSync(join(run.dir, 'artifacts', 'page.png'), other)
    const results = gradeRecord(run, [shotStep], labConfig())
    const integrity = results.find((r) => r.check === 'record.integrity')
    const entry = run.entries.find((e) => e.type === 'artifact' && e.key === 'app.screenshot')
    expect(integrity?.status).toBe('FAIL')
    expect(integrity?.actual).toContain(
      `artifact ${entry && 'id' in entry ? entry.id : '?'} (artifacts/page.png): sha256`,
    )
    expect(integrity?.refs).toEqual([expect.objectContaining({ kind: 'artifact', key: 'app.screenshot' })])
    expect(exitCodeFor(results)).toBe(1)
    writeFileSync(join(run.dir, 'artifacts', 'page.png'), PNG)
  })

  it('keeps a swapped file a FAIL in a simulated run, where everything else is NOT-GRADABLE', () => {
    writeFileSync(join(run.dir, 'artifacts', 'frontend.yaml'), 'kind: Deployment\nspec: {}\n')
    const sim = { ...run, header: { ...run.header, simulated: true } }
    const results = gradeRecord(sim, [shotStep], labConfig())
    expect(results.map((r) => `${r.check} ${r.status}`)).toEqual([
      'app.screenshot-taken NOT-GRADABLE',
      'record.integrity FAIL',
    ])
    writeFileSync(join(run.dir, 'artifacts', 'frontend.yaml'), 'kind: Deployment\n')
  })

  it('says a missing file, and folds into a record.integrity verdict that is already there', () => {
    const gone = { ...run, dir: join(run.dir, 'elsewhere') }
    const chain = {
      check: 'record.integrity',
      step: 'record',
      title: 'hash chain',
      status: 'PASS' as const,
      expected: 'an intact chain',
      actual: '1 run(s), chain intact',
      hint: '',
      evidence: [],
      refs: [],
    }
    const [folded] = withArtifactIntegrity([chain], [gone])
    expect(folded).toMatchObject({ status: 'FAIL', title: 'hash chain' })
    expect(folded?.actual).toMatch(
      /\(artifacts\/page\.png\): the file is missing; artifact .* \(artifacts\/frontend\.yaml\): the file is missing/,
    )
    expect(withArtifactIntegrity([chain], [run])[0]?.actual).toBe(
      '1 run(s), chain intact; 2 artifact(s), every sha256 as recorded',
    )
    expect(readFileSync(join(run.dir, 'artifacts', 'page.png'))).toEqual(PNG)
  })
})
