// Secrets planted in every kind of field never reach the run directory, and checks still judge right.
import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defineCheck, evaluateChecks, verdict, withEvidence } from './check.ts'
import { Evidence } from './evidence.ts'
import { parseItems, podSummary, type V1Pod } from './k8s.ts'
import { Journal } from './journal/writer.ts'
import { defineStep } from './step.ts'
import { list, pod } from './testing/index.ts'
import { k, labConfig, runScripted, say } from './testing/run.ts'

const BEARER = 'Bearer kZ9fQ2xW7mL4pR8tY1vB3nC6'
const PEM_BODY = 'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oBorCCtyRaQ5oAoGCCqGSM49'
const PEM = `-----BEGIN EC PRIVATE KEY-----\n${PEM_BODY}\n-----END EC PRIVATE KEY-----`
const KEY_DATA = 'LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUJrZzRMVldNOW51'
const SECRETS = ['kZ9fQ2xW7mL4pR8tY1vB3nC6', PEM_BODY, KEY_DATA]

// A pod as a real API server returns it, with the projected token volume every pod has, and the planted secrets.
function leakyPods(): string {
  const p = pod({
    name: 'frontend-7c9d8f6b54-jx2lq',
    node: 'lab4',
    ip: '10.244.1.5',
    app: 'frontend',
  }) as V1Pod & {
    spec: Record<string, unknown>
  }
  p.metadata = {
    ...p.metadata,
    annotations: {
      ...p.metadata?.annotations,
      note: `Authorization: ${BEARER}`,
      'client-key-data': KEY_DATA,
      'tls.key': PEM,
    },
  }
  p.spec.automountServiceAccountToken = true
  p.spec.volumes = [
    {
      name: 'kube-api-access-8xq2m',
      projected: {
        defaultMode: 420,
        sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }],
      },
    },
  ]
  return list([p])
}

const podsStep = defineStep({
  id: 'app.leak',
  pkg: 'app',
  title: 'a step whose evidence carries secrets',
  labItems: [],
  plan: () => [],
  run: async () => 'unchanged',
  collect: async (ctx) => {
    const r = await ctx.run({ argv: ctx.kubectl('get', 'pods', '-o', 'json'), key: 'app.pods' })
    ctx.observe('app.seen', { header: `Authorization: ${BEARER}` }, [ctx.lastEntryId() ?? ''])
    ctx.artifact('app.manifest', 'leak.yaml', `client-key-data: ${KEY_DATA}\n${PEM}\n`, {
      mediaType: 'application/yaml',
      description: 'a manifest with a key in it',
    })
    ctx.note(`the header was ${r.stdout.includes('Bearer') ? BEARER : 'absent'}`)
  },
  checks: [
    defineCheck({
      id: 'app.pods-running',
      step: 'app.leak',
      title: 'the pod runs',
      evaluate: (ev) =>
        withEvidence(ev, ['app.pods'], 'pods JSON', (c) => {
          const pods = parseItems<V1Pod>(c.stdout).map(podSummary)
          const note = pods[0] ? String(pods[0].name) : 'no pod'
          return verdict(pods.length === 1 && pods[0]?.status === 'Running', {
            expected: '1 pod Running',
            // The actual text quotes the annotation: a verdict is one more field a secret can travel in.
            actual: `${note} Running; annotation ${c.stdout.match(/Authorization: [^"]*/)?.[0] ?? '-'}`,
            hint: '',
            evidence: [c],
          })
        }),
    }),
  ],
})

const filesUnder = (dir: string): string[] =>
  readdirSync(dir).flatMap((f) => {
    const p = join(dir, f)
    return statSync(p).isDirectory() ? filesUnder(p) : [p]
  })

describe('redaction of the whole record', () => {
  it('keeps a bearer token, a PEM key and client-key-data out of every file, and the check still passes', async () => {
    const { record, result } = await runScripted(
      [podsStep],
      [say(k('get', 'pods', '-o', 'json'), leakyPods(), { stderr: `using ${BEARER}\n${PEM}\n` })],
      { assertDone: true },
    )
    expect(result.results.map((r) => r.status)).toEqual(['PASS'])
    const files = filesUnder(record.dir).filter((f) => !f.endsWith('config.json')) // config.json: see writeConfig below
    expect(files.map((f) => f.slice(record.dir.length + 1)).sort()).toEqual([
      'artifacts/leak.yaml',
      'journal.ndjson',
    ])
    for (const f of files) for (const s of SECRETS) expect(readFileSync(f, 'utf8')).not.toContain(s)
    const verdictLine = record.entries.find((e) => e.type === 'verdict')
    expect(verdictLine).toMatchObject({
      status: 'PASS',
      actual: expect.stringContaining('Bearer [REDACTED]'),
    })

    // Re-graded offline from the redacted record, the check gives the same verdict.
    const again = evaluateChecks(podsStep.checks, new Evidence(record.entries), labConfig())
    expect(again.map((r) => r.status)).toEqual(['PASS'])
  })

  it('writes the artifact sha256 of the bytes stored, after redaction', async () => {
    const { record } = await runScripted([podsStep], [say(k('get', 'pods', '-o', 'json'), leakyPods())])
    const art = record.entries.find((e) => e.type === 'artifact')
    expect(art?.type).toBe('artifact')
    if (art?.type !== 'artifact') return
    const bytes = readFileSync(join(record.dir, art.path))
    const { createHash } = await import('node:crypto')
    expect(art.sha256).toBe(createHash('sha256').update(bytes).digest('hex'))
    expect(art.bytes).toBe(bytes.length)
  })

  it('writes config.json with the same redaction', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab4-config-'))
    const journal = new Journal(dir)
    const config = labConfig(
      `student: { author: "${BEARER}", group: "${KEY_DATA}" }\napp: { company: "password: ${PEM_BODY}" }`,
    )
    journal.writeConfig(config)
    const text = readFileSync(join(dir, 'config.json'), 'utf8')
    for (const s of SECRETS) expect(text).not.toContain(s)
    expect(JSON.parse(text)).toMatchObject({ student: { author: 'Bearer [REDACTED]' }, profile: 'lab4' })
  })
})
