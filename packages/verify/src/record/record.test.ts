// The lab record's checks on records the real journal writer wrote: one byte changed, two lines swapped, a run
// of another cluster, a pod IP edited in one table only.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  Evidence,
  IDENTITY_KEY,
  JOURNAL_SCHEMA,
  Journal,
  TOOL,
  keyFamily,
  readLabRecord,
  type ClusterIdentity,
  type JournalEntry,
} from '@lab4/core'
import { list, pod } from '@lab4/core/testing'
import { testSteps } from '../testing/steps.ts'
import { fixture, recordRun } from '../testing/record.ts'
import { gradeLabRecord, RECORD_CHECKS } from './checks.ts'
import { podSightings, type PodReaders, type ProbeReading } from './pods.ts'

const CLUSTER: ClusterIdentity = {
  kubeSystemUid: '0b6e3c1a-7f2d-4c59-9a51-3f1e2d4c5b6a',
  nodes: [
    { name: 'lab4', uid: '5d1b7a3e-0000-4000-8000-000000000000' },
    { name: 'lab4-m02', uid: '5d1b7a3e-0000-4000-8000-000000000001' },
  ],
}
const OTHER: ClusterIdentity = { ...CLUSTER, kubeSystemUid: '7c2f9e4d-1111-4111-8111-111111111111' }

const journalOf = (dir: string) => join(dir, 'journal.ndjson')
const check = (results: ReturnType<typeof gradeLabRecord>, id: string) => results.find((r) => r.check === id)

/** A run of the test steps through the real engine, with the identity cluster.ready would observe appended. */
async function labRun(identity: ClusterIdentity): Promise<string> {
  const run = await recordRun({ steps: testSteps(), collectOnly: false })
  const j = new Journal(run.dir, { append: true })
  j.write({
    type: 'observation',
    id: j.nextId(),
    step: 'cluster.ready',
    key: IDENTITY_KEY,
    at: new Date().toISOString(),
    value: identity,
    evidence: [],
  })
  j.close()
  return run.dir
}

describe('record.integrity', () => {
  it('passes on a record as the tool wrote it', async () => {
    const r = gradeLabRecord(readLabRecord(await labRun(CLUSTER)))
    expect(check(r, RECORD_CHECKS.integrity)).toMatchObject({ status: 'PASS', step: 'record' })
  })

  it('FAILs when one byte of a recorded stdout changed, naming that entry', async () => {
    const dir = await labRun(CLUSTER)
    const lines = readFileSync(journalOf(dir), 'utf8').split('\n')
    const at = lines.findIndex((l) => l.includes('"type":"command"') && l.includes('packets transmitted'))
    const entry = JSON.parse(lines[at] ?? '{}') as { id: string; key: string }
    lines[at] = (lines[at] ?? '').replace('ttl=62', 'ttl=63')
    writeFileSync(journalOf(dir), lines.join('\n'))
    const integrity = check(gradeLabRecord(readLabRecord(dir)), RECORD_CHECKS.integrity)
    expect(integrity?.status).toBe('FAIL')
    expect(integrity?.actual).toContain(
      `line ${at + 1} (command ${entry.id} ${entry.key}) was changed after it was written`,
    )
  })

  it('FAILs when two lines are swapped', async () => {
    const dir = await labRun(CLUSTER)
    const lines = readFileSync(journalOf(dir), 'utf8').split('\n')
    ;[lines[5], lines[6]] = [lines[6] ?? '', lines[5] ?? '']
    writeFileSync(journalOf(dir), lines.join('\n'))
    const integrity = check(gradeLabRecord(readLabRecord(dir)), RECORD_CHECKS.integrity)
    expect(integrity).toMatchObject({
      status: 'FAIL',
      actual: expect.stringMatching(/line 6 .* was moved or copied here/),
    })
  })

  it('calls a lab4.journal/v1 run unchained and NOT-GRADABLE, never tampered', async () => {
    const dir = await labRun(CLUSTER)
    const v1 = readFileSync(journalOf(dir), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => {
        const { prev: _p, ...e } = JSON.parse(l) as Record<string, unknown>
        return JSON.stringify(e.type === 'header' ? { ...e, schema: 'lab4.journal/v1' } : e)
      })
    writeFileSync(journalOf(dir), v1.join('\n') + '\n')
    const integrity = check(gradeLabRecord(readLabRecord(dir)), RECORD_CHECKS.integrity)
    expect(integrity).toMatchObject({ status: 'NOT-GRADABLE', cause: 'missing-evidence' })
    expect(integrity?.actual).toMatch(/v1 record: it has no hash chain/)
    expect(integrity?.hint).toMatch(/no sign of tampering/)
  })
})

describe('record.one-cluster', () => {
  it('refuses a run of another cluster identity from the composition, with a message naming both', async () => {
    const runs = mkdtempSync(join(tmpdir(), 'lab4-verify-runs-'))
    const dirs = [await labRun(CLUSTER), await labRun(OTHER), await labRun(CLUSTER)]
    for (const d of dirs) cpSync(d, join(runs, d.split('/').pop() ?? ''), { recursive: true })
    const record = readLabRecord(runs)
    const ids = dirs.map((d) => d.split('/').pop())
    expect(record.runs.map((r) => r.id)).toEqual([ids[0], ids[2]])
    expect([...record.entryRun.values()]).not.toContain(ids[1])
    const one = check(gradeLabRecord(record), RECORD_CHECKS.oneCluster)
    expect(one?.status).toBe('PASS')
    expect(one?.actual).toContain(
      `run ${ids[1]} ran against another cluster (kube-system 7c2f9e4d-1111-4111-8111-111111111111`,
    )
    expect(one?.actual).toContain('than this lab record (kube-system 0b6e3c1a-7f2d-4c59-9a51-3f1e2d4c5b6a')
  })
})

describe('record.time-order', () => {
  it('passes on lines written one after the other, and FAILs on a line dated before the one ahead of it', () => {
    expect(check(gradeLabRecord(readLabRecord(podsRun(WIDE))), RECORD_CHECKS.timeOrder)?.status).toBe('PASS')
    const dir = podsRun(WIDE)
    const j = new Journal(dir, { append: true })
    j.write({
      type: 'note',
      at: '2020-01-01T00:00:00.000Z',
      level: 'info',
      message: 'pasted from an old run',
    })
    j.close()
    const t = check(gradeLabRecord(readLabRecord(dir)), RECORD_CHECKS.timeOrder)
    expect(t?.status).toBe('FAIL')
    expect(t?.actual).toBe(
      'run 20250114-013000-pods: line 7 (note) is dated 2020-01-01T00:00:00.000Z, before line 6 (end) at 2025-01-14T01:30:05.000Z',
    )
  })
})

// LinaMalinaMeow's `kubectl get pods -o wide`, with the JSON the same two pods give.
const WIDE = fixture('LinaMalinaMeow__get-pods-wide.txt').split('\n').slice(1).join('\n')
const POD = { a: 'lab4-deployment-84dcb7ccff-8vgf4', b: 'lab4-deployment-84dcb7ccff-k6tfh' }
const podsJson = () =>
  list([
    pod({
      name: POD.a,
      node: 'minikube',
      ip: '192.168.0.68',
      app: 'lab4',
      replicaSet: 'lab4-deployment-84dcb7ccff',
    }),
    pod({
      name: POD.b,
      node: 'minikube-m02',
      ip: '192.168.1.4',
      app: 'lab4',
      replicaSet: 'lab4-deployment-84dcb7ccff',
    }),
  ])
const ping = keyFamily('app.ping.endpoint')
/** sanchpet's ping session of the pod at 10.244.2.195, as the pod at .1.68 ran it (test reader: target, resolved, replies). */
const PING =
  fixture('sanchpet__ping-endpoint-fqdn.txt')
    .split(/^\/frontend # /m)
    .filter(Boolean)[1] ?? ''
const readPing = (s: string): ProbeReading[] => {
  const head = /PING (\S+) \(([\d.]+)\)/.exec(s)
  if (!head) return []
  const replies = [...s.matchAll(/bytes from ([\d.]+):/g)].map((m) => ({
    what: 'a ping reply',
    ip: m[1] ?? '',
  }))
  return [
    {
      target: head[1] ?? '',
      addresses: [{ what: 'the address ping resolved', ip: head[2] ?? '' }, ...replies],
    },
  ]
}
const READERS: PodReaders = {
  wide: ['app.pods.wide'],
  json: ['app.pods.json'],
  probes: [{ family: ping, read: readPing }],
  ipOfName: (n) => /^(\d+)-(\d+)-(\d+)-(\d+)\./.exec(n)?.slice(1, 5).join('.'),
}

/** A run that recorded the pods JSON, the wide table and (optionally) a ping, through the real writer. */
function podsRun(
  wide: string,
  pings: Array<{ from: string; stdout: string }> = [],
  json = podsJson(),
): string {
  const dir = join(mkdtempSync(join(tmpdir(), 'lab4-verify-pods-')), '20250114-013000-pods')
  const j = new Journal(dir)
  let t = Date.parse('2025-01-14T01:30:00.000Z')
  const at = () => new Date((t += 1000)).toISOString()
  const cmd = (key: string, argv: string[], stdout: string): JournalEntry => ({
    type: 'command',
    id: j.nextId(),
    step: 'app.deploy',
    key,
    argv,
    stdout,
    stderr: '',
    exitCode: 0,
    startedAt: at(),
    durationMs: 5,
    write: false,
  })
  j.write({
    type: 'header',
    schema: JOURNAL_SCHEMA,
    runId: '20250114-013000-pods',
    startedAt: new Date(t).toISOString(),
    tool: TOOL,
    configHash: 'x',
    configFile: 'lab.config.yaml',
    simulated: false,
    mode: 'lab',
    profile: 'lab4',
    platform: { os: 'linux', arch: 'x64', node: 'v20.19.0' },
    argv: [],
  })
  j.write({ type: 'step-start', at: at(), step: 'app.deploy', title: 'deploy' })
  j.write(cmd('app.pods.json', ['kubectl', '--context', 'lab4', 'get', 'pods', '-o', 'json'], json))
  j.write(cmd('app.pods.wide', ['kubectl', '--context', 'lab4', 'get', 'pods', '-o', 'wide'], wide))
  for (const p of pings)
    j.write(cmd(ping(p.from), ['kubectl', '--context', 'lab4', 'exec', p.from, '--', 'ping'], p.stdout))
  j.write({ type: 'step-end', at: at(), step: 'app.deploy', status: 'unchanged', durationMs: 5, waitedMs: 0 })
  j.write({ type: 'end', at: at(), exitCode: 0, outcome: 'passed' })
  j.close()
  return dir
}

describe('record.pods-consistent', () => {
  it('passes when the wide table, the JSON and the probes agree', () => {
    const results = gradeLabRecord(readLabRecord(podsRun(WIDE)), { pods: READERS })
    expect(check(results, RECORD_CHECKS.pods)).toMatchObject({
      status: 'PASS',
      actual: '2 pod(s) agree across 2 output(s)',
    })
  })

  it('FAILs on a pod IP edited only in the -o wide text, naming the pod and both values', () => {
    const dir = podsRun(WIDE)
    writeFileSync(
      journalOf(dir),
      readFileSync(journalOf(dir), 'utf8').replace('192.168.1.4 ', '192.168.1.44'),
    )
    const results = gradeLabRecord(readLabRecord(dir), { pods: READERS })
    const pods = check(results, RECORD_CHECKS.pods)
    expect(pods?.status).toBe('FAIL')
    expect(pods?.actual).toBe(
      `${POD.b}: IP 192.168.1.4 in kubectl get pods -o json (e0001); but 192.168.1.44 in kubectl get pods -o wide (e0002)`,
    )
    expect(pods?.refs.map((r) => r.id)).toEqual(['e0001', 'e0002'])
    // The hand edit also broke the chain.
    expect(check(results, RECORD_CHECKS.integrity)?.status).toBe('FAIL')
  })

  it('follows a ping to the pod its target name encodes: a reply address edited to another pod FAILs', () => {
    const json = list([
      pod({ name: 'frontend-a', node: 'lab4', ip: '10.244.1.68', app: 'frontend' }),
      pod({ name: 'frontend-b', node: 'lab4-m02', ip: '10.244.2.195', app: 'frontend' }),
    ])
    const ev = (stdout: string) =>
      new Evidence(readLabRecord(podsRun('', [{ from: 'frontend-a', stdout }], json)).entries)
    expect(podSightings(ev(PING), READERS).mismatches).toEqual([])
    const edited = podSightings(
      ev(PING.replace('64 bytes from 10.244.2.195: seq=3', '64 bytes from 10.244.2.19: seq=3')),
      READERS,
    )
    expect(edited.mismatches.map((m) => [m.pod, m.field, [...new Set(m.seen.map((s) => s.value))]])).toEqual([
      ['frontend-b', 'IP', ['10.244.2.195', '10.244.2.19']],
    ])
    expect(edited.mismatches[0]?.seen.find((s) => s.value === '10.244.2.19')?.where).toBe(
      'a ping reply from frontend-a (e0003)',
    )
  })
})

describe('one record.integrity', () => {
  it('merges the artifacts verdict the steps grade carried into the chain verdict, the worse status winning', async () => {
    const record = readLabRecord(await labRun(CLUSTER))
    const files = {
      check: RECORD_CHECKS.integrity,
      step: 'record',
      title: 'every artifact is the file the run wrote',
      status: 'FAIL' as const,
      expected: 'each artifact file with the sha256 its journal entry records',
      actual: 'artifact e0007 (artifacts/frontend.yaml): changed',
      hint: 'Re-run the lab.',
      evidence: ['e0007'],
      refs: [],
    }
    const all = gradeLabRecord(record, { graded: [files] })
    const integrity = all.filter((r) => r.check === RECORD_CHECKS.integrity)
    expect(integrity).toHaveLength(1)
    expect(integrity[0]).toMatchObject({ status: 'FAIL', evidence: ['e0007'] })
    expect(integrity[0]?.actual).toMatch(
      /chain intact; artifact e0007 \(artifacts\/frontend.yaml\): changed$/,
    )
  })
})
