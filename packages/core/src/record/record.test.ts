// The lab record end to end over journals written by the real writer: chain, identity, selection, composition.
import { appendFileSync, mkdtempSync, readFileSync, writeFileSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Journal, lineHash } from '../journal/writer.ts'
import { readRun } from '../journal/reader.ts'
import { JOURNAL_SCHEMA, type JournalEntry, type StepStatus } from '../journal/schema.ts'
import { Evidence } from '../evidence.ts'
import { TOOL } from '../tool.ts'
import { fixtureReader } from '../testing/fixtures.ts'
import { kubectlJson, labNodes, list } from '../testing/index.ts'
import { IDENTITY_KEY, identityFrom, type ClusterIdentity } from './identity.ts'
import { verifyChain } from './chain.ts'
import { readLabRecord } from './load.ts'
import { recordDown } from './down.ts'

const fixture = fixtureReader(join(import.meta.dirname, 'fixtures'))
/** A transcript without its prompt line: what the command itself printed. */
const output = (name: string) => fixture(name).split('\n').slice(1).join('\n')
const START = output('LinaMalinaMeow__minikube-start.txt')
const LABELED = 'node/minikube labeled\n'

const namespaceJson = (uid: string) =>
  kubectlJson({
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: {
      creationTimestamp: '2025-01-14T01:20:00Z',
      labels: { 'kubernetes.io/metadata.name': 'kube-system' },
      name: 'kube-system',
      resourceVersion: '4',
      uid,
    },
    spec: { finalizers: ['kubernetes'] },
    status: { phase: 'Active' },
  })
const CLUSTER_A = identityFrom(
  namespaceJson('0b6e3c1a-7f2d-4c59-9a51-3f1e2d4c5b6a'),
  list(labNodes()),
) as ClusterIdentity
const CLUSTER_B: ClusterIdentity = { ...CLUSTER_A, kubeSystemUid: 'f4e1d2c3-0000-4000-8000-0000000000bb' }

type Cmd = { key: string; argv: string[]; stdout?: string; exitCode?: number | null; write?: boolean }
type StepSpec = {
  id: string
  status: StepStatus | 'killed'
  commands?: Cmd[]
  verdicts?: Array<{ check: string; status: 'PASS' | 'FAIL' }>
  error?: string
}
type RunSpec = {
  id: string
  start: string
  steps: StepSpec[]
  identity?: ClusterIdentity
  mode?: 'lab' | 'verify'
  profile?: string
  end?: boolean
}

/** Write a run the way the engine does (one Journal, one line per event), one second per entry. */
function writeRun(runsDir: string, r: RunSpec): string {
  const dir = join(runsDir, r.id)
  const j = new Journal(dir)
  let t = Date.parse(r.start)
  const at = () => new Date((t += 1000)).toISOString()
  const w = (e: JournalEntry) => j.write(e)
  w({
    type: 'header',
    schema: JOURNAL_SCHEMA,
    runId: r.id,
    startedAt: new Date(t).toISOString(),
    tool: TOOL,
    configHash: 'c0ffee',
    configFile: 'lab.config.yaml',
    simulated: false,
    mode: r.mode ?? 'lab',
    profile: r.profile ?? 'lab4',
    platform: { os: 'linux', arch: 'x64', node: 'v20.19.0' },
    argv: [],
  })
  writeFileSync(join(dir, 'config.json'), '{}\n')
  for (const s of r.steps) {
    w({ type: 'step-start', at: at(), step: s.id, title: s.id })
    for (const c of s.commands ?? [])
      w({
        type: 'command',
        id: j.nextId(),
        step: s.id,
        key: c.key,
        argv: c.argv,
        stdout: c.stdout ?? '',
        stderr: '',
        exitCode: c.exitCode === undefined ? 0 : c.exitCode,
        startedAt: at(),
        durationMs: 10,
        write: c.write ?? false,
      })
    if (r.identity && s.id === 'cluster.ready')
      w({
        type: 'observation',
        id: j.nextId(),
        step: s.id,
        key: IDENTITY_KEY,
        at: at(),
        value: r.identity,
        evidence: [],
      })
    for (const v of s.verdicts ?? [])
      w({
        type: 'verdict',
        at: at(),
        step: s.id,
        check: v.check,
        title: v.check,
        status: v.status,
        expected: 'x',
        actual: 'y',
        hint: '',
        evidence: [],
      })
    if (s.status !== 'killed')
      w({
        type: 'step-end',
        at: at(),
        step: s.id,
        status: s.status,
        durationMs: 1000,
        waitedMs: 0,
        ...(s.error ? { error: s.error } : {}),
      })
  }
  if (r.end ?? true) w({ type: 'end', at: at(), exitCode: 0, outcome: 'passed' })
  j.close()
  return dir
}

const k = (...a: string[]) => ['kubectl', '--context', 'lab4', ...a]
const start: Cmd = {
  key: 'cluster.start',
  argv: ['minikube', 'start', '-p', 'lab4', '--nodes', '2', '--cni', 'calico'],
  stdout: START,
  write: true,
}
const profileRead: Cmd = {
  key: 'cluster.status',
  argv: ['minikube', 'status', '-p', 'lab4', '-o', 'json'],
  stdout: '{}',
}
const label: Cmd = {
  key: 'cluster.label',
  argv: k('label', 'node', 'lab4', 'zone=east', '--overwrite'),
  stdout: LABELED,
  write: true,
}
const nodesRead: Cmd = {
  key: 'cluster.nodes.json',
  argv: k('get', 'nodes', '-o', 'json'),
  stdout: list(labNodes()),
}

const firstRun = (
  id = '20250114-013000-aaaa',
  start0 = '2025-01-14T01:30:00.000Z',
  identity = CLUSTER_A,
): RunSpec => ({
  id,
  start: start0,
  identity,
  steps: [
    { id: 'cluster.profile', status: 'changed', commands: [profileRead, start] },
    {
      id: 'cluster.ready',
      status: 'unchanged',
      commands: [nodesRead],
      verdicts: [{ check: 'cluster.two-nodes-ready', status: 'PASS' }],
    },
    {
      id: 'cluster.labels',
      status: 'changed',
      commands: [nodesRead, label],
      verdicts: [{ check: 'cluster.zone-labels', status: 'PASS' }],
    },
  ],
})
const rerun = (
  id = '20250114-020000-bbbb',
  start0 = '2025-01-14T02:00:00.000Z',
  identity = CLUSTER_A,
): RunSpec => ({
  id,
  start: start0,
  identity,
  steps: [
    { id: 'cluster.profile', status: 'unchanged', commands: [profileRead] },
    {
      id: 'cluster.ready',
      status: 'unchanged',
      commands: [nodesRead],
      verdicts: [{ check: 'cluster.two-nodes-ready', status: 'PASS' }],
    },
    {
      id: 'cluster.labels',
      status: 'unchanged',
      commands: [nodesRead],
      verdicts: [{ check: 'cluster.zone-labels', status: 'PASS' }],
    },
  ],
})
const runsDir = () => mkdtempSync(join(tmpdir(), 'lab4-record-'))
const journalOf = (dir: string) => join(dir, 'journal.ndjson')

describe('the hash chain', () => {
  it('gives every line the sha256 of the line before it, the first line that of nothing', () => {
    const dir = writeRun(runsDir(), firstRun())
    const lines = readFileSync(journalOf(dir), 'utf8').trimEnd().split('\n')
    expect(JSON.parse(lines[0] ?? '').prev).toBe(lineHash(''))
    lines.slice(1).forEach((l, i) => expect(JSON.parse(l).prev).toBe(lineHash(lines[i] ?? '')))
    expect(verifyChain(readRun(dir))).toMatchObject({ status: 'intact' })
  })

  it('goes on across an appended package run (turbo run lab)', () => {
    const dir = writeRun(runsDir(), firstRun())
    const j = new Journal(dir, { append: true })
    j.write({ type: 'note', at: '2025-01-14T01:40:00.000Z', level: 'info', message: 'ipam appended' })
    j.close()
    expect(verifyChain(readRun(dir))).toMatchObject({ status: 'intact' })
  })

  it('names the entry whose stdout lost or gained one byte', () => {
    const dir = writeRun(runsDir(), firstRun())
    const text = readFileSync(journalOf(dir), 'utf8')
    writeFileSync(journalOf(dir), text.replace('node/minikube labeled', 'node/minikube labelled'))
    const run = readRun(dir)
    const labelEntry = run.entries.find((e) => e.type === 'command' && e.key === 'cluster.label')
    const r = verifyChain(run)
    expect(r.status).toBe('broken')
    expect(r.entry).toBe(`command ${labelEntry?.type === 'command' ? labelEntry.id : ''} cluster.label`)
    expect(r.detail).toMatch(/was changed after it was written/)
  })

  it('says a line was moved when two lines are swapped', () => {
    const dir = writeRun(runsDir(), firstRun())
    const lines = readFileSync(journalOf(dir), 'utf8').split('\n')
    ;[lines[3], lines[4]] = [lines[4] ?? '', lines[3] ?? '']
    writeFileSync(journalOf(dir), lines.join('\n'))
    const r = verifyChain(readRun(dir))
    expect(r).toMatchObject({ status: 'broken', line: 4 })
    expect(r.detail).toMatch(/line 4 .* was moved or copied here: it records the hash of line 5/)
  })

  it('catches a line pasted in by hand (no hash of its own)', () => {
    const dir = writeRun(runsDir(), firstRun())
    const lines = readFileSync(journalOf(dir), 'utf8').split('\n')
    lines.splice(
      2,
      0,
      JSON.stringify({ type: 'note', at: '2025-01-14T01:30:01.500Z', level: 'info', message: 'NAME   AGE' }),
    )
    writeFileSync(journalOf(dir), lines.join('\n'))
    expect(verifyChain(readRun(dir))).toMatchObject({ status: 'broken', line: 3, entry: 'note' })
  })

  it('reads a v1 run as unchained, never as tampered; a v1 header over chained lines is an edit', () => {
    const dir = writeRun(runsDir(), firstRun())
    const lines = readFileSync(journalOf(dir), 'utf8').trimEnd().split('\n')
    const v1 = lines.map((l) => {
      const { prev: _p, ...rest } = JSON.parse(l) as Record<string, unknown>
      return JSON.stringify(rest.type === 'header' ? { ...rest, schema: 'lab4.journal/v1' } : rest)
    })
    writeFileSync(journalOf(dir), v1.join('\n') + '\n')
    expect(verifyChain(readRun(dir))).toMatchObject({
      status: 'unchained',
      detail: expect.stringMatching(/v1 record: it has no hash chain/),
    })
    writeFileSync(journalOf(dir), [v1[0], ...lines.slice(1)].join('\n') + '\n')
    expect(verifyChain(readRun(dir))).toMatchObject({
      status: 'broken',
      detail: expect.stringMatching(/header was edited/),
    })
  })

  it('does not blame the torn last line of a killed run', () => {
    const dir = writeRun(runsDir(), { ...firstRun(), end: false })
    appendFileSync(journalOf(dir), '{"type":"command","id":"e00')
    const run = readRun(dir)
    expect(run.truncated).toBe(true)
    expect(verifyChain(run)).toMatchObject({ status: 'intact', detail: expect.stringMatching(/cut off/) })
  })
})

describe('cluster identity', () => {
  it('is the kube-system UID and the node UIDs, nodes by name', () => {
    expect(CLUSTER_A).toEqual({
      kubeSystemUid: '0b6e3c1a-7f2d-4c59-9a51-3f1e2d4c5b6a',
      nodes: [
        { name: 'lab4', uid: '5d1b7a3e-0000-4000-8000-000000000000' },
        { name: 'lab4-m02', uid: '5d1b7a3e-0000-4000-8000-000000000001' },
      ],
    })
  })
  it('is unknown when a command failed (no JSON) rather than guessed', () => {
    expect(identityFrom('Error from server (NotFound)', list(labNodes()))).toBeUndefined()
    expect(identityFrom(namespaceJson('x'), '{"apiVersion":"v1","items":[],"kind":"List"}')).toBeUndefined()
  })
})

describe('the lab record', () => {
  it('composes a fresh run and an unchanged re-run: acts from the first, state from the second', () => {
    const dir = runsDir()
    writeRun(dir, firstRun())
    writeRun(dir, rerun())
    symlinkSync('20250114-020000-bbbb', join(dir, 'latest'), 'dir')
    const rec = readLabRecord(dir)
    expect(rec.kind).toBe('record')
    expect(rec.runs.map((r) => r.id)).toEqual(['20250114-013000-aaaa', '20250114-020000-bbbb'])
    const ev = new Evidence(rec.entries)
    const starts = ev.commands('cluster.start')
    expect(starts.map((c) => c.id)).toEqual(['20250114-013000-aaaa:e0002'])
    expect(ev.commands('cluster.label').map((c) => rec.entryRun.get(c.id))).toEqual(['20250114-013000-aaaa'])
    // Reads come from the latest run in which the step completed.
    expect(ev.commands('cluster.status').map((c) => rec.entryRun.get(c.id))).toEqual(['20250114-020000-bbbb'])
    const labels = rec.origins.find((o) => o.step === 'cluster.labels')
    expect(labels?.observed).toMatchObject({ runId: '20250114-020000-bbbb', state: 'completed' })
    expect(labels?.acts.map((a) => [a.runId, a.key])).toEqual([['20250114-013000-aaaa', 'cluster.label']])
    expect(rec.configDir).toBe(join(rec.dir, '20250114-020000-bbbb'))
  })

  it('refuses a run of another cluster identity, naming both, even under the same profile', () => {
    const dir = runsDir()
    writeRun(dir, firstRun())
    writeRun(dir, rerun('20250114-013500-cccc', '2025-01-14T01:35:00.000Z', CLUSTER_B))
    writeRun(dir, rerun())
    const rec = readLabRecord(dir)
    expect(rec.runs.map((r) => r.id)).toEqual(['20250114-013000-aaaa', '20250114-020000-bbbb'])
    expect(rec.refused).toHaveLength(1)
    expect(rec.refused[0]?.reason).toContain(
      'run 20250114-013500-cccc ran against another cluster (kube-system f4e1d2c3-0000-4000-8000-0000000000bb',
    )
    expect(rec.refused[0]?.reason).toContain(
      'than this lab record (kube-system 0b6e3c1a-7f2d-4c59-9a51-3f1e2d4c5b6a',
    )
  })

  it('starts a new record at a run that deleted the cluster (--recreate) and after `pnpm lab down`', () => {
    const dir = runsDir()
    writeRun(dir, firstRun())
    const recreate = firstRun('20250114-030000-dddd', '2025-01-14T03:00:00.000Z')
    recreate.steps[0]?.commands?.splice(1, 0, {
      key: 'cluster.delete',
      argv: ['minikube', 'delete', '-p', 'lab4'],
      stdout: '🔥  Deleting "lab4" in docker ...\n',
      write: true,
    })
    writeRun(dir, recreate)
    writeRun(dir, rerun('20250114-031000-eeee', '2025-01-14T03:10:00.000Z'))
    expect(readLabRecord(dir).runs.map((r) => r.id)).toEqual(['20250114-030000-dddd', '20250114-031000-eeee'])

    const down = recordDown({
      runsDir: dir,
      profile: 'lab4',
      configFile: 'lab.config.yaml',
      configHash: 'c0ffee',
      simulated: false,
      argv: ['down', '--yes'],
      command: { argv: ['minikube', 'delete', '-p', 'lab4'] },
      result: {
        stdout: '💀  Removed all traces of the "lab4" cluster.\n',
        stderr: '',
        exitCode: 0,
        startedAt: '2025-01-14T04:00:00.000Z',
        durationMs: 4000,
      },
    })
    expect(() => readLabRecord(dir)).toThrow(/is `pnpm lab down` .*no lab has run since/)
    expect(verifyChain(readRun(down))).toMatchObject({ status: 'intact' })
    writeRun(dir, firstRun('20250114-050000-ffff', '2025-01-14T05:00:00.000Z'))
    expect(readLabRecord(dir).runs.map((r) => r.id)).toEqual(['20250114-050000-ffff'])
  })

  it('leaves out live-verify runs and the runs of another profile', () => {
    const dir = runsDir()
    writeRun(dir, firstRun())
    writeRun(dir, { ...rerun('20250114-014000-9999', '2025-01-14T01:40:00.000Z'), mode: 'verify' })
    writeRun(dir, { ...rerun('20250114-014500-8888', '2025-01-14T01:45:00.000Z'), profile: 'other' })
    writeRun(dir, rerun())
    expect(readLabRecord(dir).runs.map((r) => r.id)).toEqual(['20250114-013000-aaaa', '20250114-020000-bbbb'])
  })

  it('shows a killed act once, from the run that performed it again, and never PASSes a step that did not complete', () => {
    const dir = runsDir()
    writeRun(dir, {
      id: '20250114-013000-aaaa',
      start: '2025-01-14T01:30:00.000Z',
      end: false,
      steps: [
        {
          id: 'cluster.profile',
          status: 'killed',
          commands: [profileRead, { ...start, stdout: START.slice(0, 80), exitCode: null }],
        },
      ],
    })
    writeRun(dir, {
      id: '20250114-013500-bbbb',
      start: '2025-01-14T01:35:00.000Z',
      identity: CLUSTER_A,
      steps: [
        { id: 'cluster.profile', status: 'changed', commands: [profileRead, start] },
        {
          id: 'cluster.ready',
          status: 'unchanged',
          commands: [nodesRead],
          verdicts: [{ check: 'cluster.two-nodes-ready', status: 'PASS' }],
        },
        {
          id: 'cluster.labels',
          status: 'killed',
          commands: [nodesRead],
          verdicts: [{ check: 'cluster.zone-labels', status: 'PASS' }],
        },
      ],
    })
    const rec = readLabRecord(dir, {
      order: ['cluster.profile', 'cluster.ready', 'cluster.labels', 'ipam.pools'],
    })
    const ev = new Evidence(rec.entries)
    expect(ev.commands('cluster.start').map((c) => [rec.entryRun.get(c.id), c.exitCode])).toEqual([
      ['20250114-013500-bbbb', 0],
    ])
    const zone = rec.entries.find((e) => e.type === 'verdict' && e.check === 'cluster.zone-labels')
    expect(zone).toMatchObject({ status: 'NOT-GRADABLE', cause: 'missing-evidence' })
    expect(rec.origins.map((o) => [o.step, o.observed?.state ?? 'never'])).toEqual([
      ['cluster.profile', 'completed'],
      ['cluster.ready', 'completed'],
      ['cluster.labels', 'interrupted'],
      ['ipam.pools', 'never'],
    ])
  })

  it('pins one run with its own ids and paths', () => {
    const dir = runsDir()
    const one = writeRun(dir, firstRun())
    writeRun(dir, rerun())
    const rec = readLabRecord(one)
    expect(rec.kind).toBe('run')
    expect(new Evidence(rec.entries).command('cluster.start')?.id).toBe('e0002')
    expect(rec.runs.map((r) => r.id)).toEqual(['20250114-013000-aaaa'])
  })
})
