import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { VERIFY_JSON_SCHEMA, toVerifyJson } from './json.ts'
import { buildVerification, sourceOfRun } from './verification.ts'
import { gradeNoCluster, gradeRecord } from './grade.ts'
import { labConfig } from '@lab4/core/testing'
import { testSteps } from './testing/steps.ts'
import { recordRun } from './testing/record.ts'

const DOC = new URL('../../../docs/verify-json.md', import.meta.url)
const NOW = new Date('2026-01-02T03:04:05.000Z')

/** Every key path in a JSON value, arrays written as `[]`: `steps[].checks[].id`. */
function paths(v: unknown, prefix = ''): Set<string> {
  const out = new Set<string>()
  if (Array.isArray(v)) for (const x of v) for (const p of paths(x, `${prefix}[]`)) out.add(p)
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      const p = prefix ? `${prefix}.${k}` : k
      out.add(p)
      for (const q of paths(x, p)) out.add(q)
    }
  }
  return out
}

/** Field paths documented in the tables of docs/verify-json.md, prefixed by their section's path. */
function documented(md: string): Set<string> {
  const out = new Set<string>()
  let prefix: string | undefined
  for (const line of md.split('\n')) {
    const h = /^## (?:`(.+)`|Top level)$/.exec(line)
    if (line.startsWith('## ')) prefix = h ? (h[1] ?? '') : undefined
    const row = /^\| `([^`]+)` *\|/.exec(line)
    if (row && prefix !== undefined) out.add(prefix ? `${prefix}.${row[1]}` : (row[1] ?? ''))
  }
  return out
}

async function sample() {
  const run = await recordRun({
    steps: testSteps(),
    lab: { zones: { lab4: 'east', 'lab4-m02': 'north' }, service: false },
    simulated: true,
  })
  return buildVerification({
    source: sourceOfRun(run, 'recorded'),
    steps: testSteps(),
    results: gradeRecord(run, testSteps(), labConfig()),
    run,
  })
}

describe('toVerifyJson', () => {
  it('carries the schema id, the exit code, the summary and every check with its evidence argv', async () => {
    const json = toVerifyJson(await sample(), NOW)
    expect(json.schema).toBe(VERIFY_JSON_SCHEMA)
    expect(json.schema).toBe('lab4.verify/v1')
    expect(json.generatedAt).toBe('2026-01-02T03:04:05.000Z')
    expect(json.exitCode).toBe(2)
    expect(json.summary).toEqual({
      total: 7,
      passed: 0,
      failed: 0,
      notGradable: 7,
      line: '0 passed, 0 failed, 7 not gradable',
    })
    const check = json.steps[0]?.checks[0]
    expect(check).toMatchObject({
      id: 'cluster.zone-labels',
      status: 'NOT-GRADABLE',
      cause: 'simulated',
      wouldBe: 'FAIL',
      recorded: null,
    })
    expect(check?.evidence[0]).toMatchObject({
      kind: 'command',
      key: 'cluster.nodes.json',
      argv: ['kubectl', '--context', 'lab4', 'get', 'nodes', '-o', 'json'],
      exitCode: 0,
      path: null,
    })
  })

  it('writes null for a live run that found no cluster, never leaving a field out', () => {
    const results = gradeNoCluster(testSteps(), 'minikube is not installed on this machine (not on PATH)')
    const json = toVerifyJson(
      buildVerification({
        source: { kind: 'live', profile: 'lab4', simulated: false },
        steps: testSteps(),
        results,
      }),
      NOW,
    )
    expect(json.source).toEqual({
      kind: 'live',
      runDir: null,
      runId: null,
      runMode: null,
      startedAt: null,
      profile: 'lab4',
      configHash: null,
      simulated: false,
      truncated: false,
    })
    expect(json.steps[0]).toMatchObject({ error: null, durationMs: null })
  })

  it('is documented field by field in docs/verify-json.md, and the doc lists no field it does not write', async () => {
    const md = readFileSync(DOC, 'utf8')
    const written = paths(toVerifyJson(await sample(), NOW))
    const doc = documented(md)
    expect([...written].filter((p) => !doc.has(p))).toEqual([])
    expect([...doc].filter((p) => !written.has(p))).toEqual([])
  })

  it('has a doc example with exactly the fields the writer produces', async () => {
    const md = readFileSync(DOC, 'utf8')
    const example = /```json\n([\s\S]+?)\n```/.exec(md)?.[1] ?? ''
    const written = paths(toVerifyJson(await sample(), NOW))
    expect([...paths(JSON.parse(example))].sort()).toEqual([...written].sort())
  })
})
