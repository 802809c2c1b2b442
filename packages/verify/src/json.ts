// `--json <file>`: the machine-readable grade, documented field by field in docs/verify-json.md.
import { TOOL, type NotGradableCause, type Status } from '@lab4/core'
import type { EvidenceRef } from './grade.ts'
import type { Source, Verification } from './verification.ts'

export const VERIFY_JSON_SCHEMA = 'lab4.verify/v1'

export type VerifyJsonCheck = {
  id: string
  title: string
  status: Status
  cause: NotGradableCause | null
  wouldBe: Status | null
  recorded: Status | null
  expected: string
  actual: string
  hint: string
  evidence: VerifyJsonEvidence[]
}

/** One journal entry a verdict was judged on; every field is present, null when it does not apply to the kind. */
export type VerifyJsonEvidence = {
  id: string
  kind: EvidenceRef['kind']
  key: string | null
  argv: string[] | null
  exitCode: number | null
  path: string | null
}

export type VerifyJson = {
  schema: typeof VERIFY_JSON_SCHEMA
  tool: { name: string; version: string }
  generatedAt: string
  source: {
    kind: Source['kind']
    runDir: string | null
    runId: string | null
    runMode: NonNullable<Source['runMode']> | null
    startedAt: string | null
    profile: string
    configHash: string | null
    simulated: boolean
    truncated: boolean
  }
  simulatedBanner: boolean
  exitCode: number
  summary: { total: number; passed: number; failed: number; notGradable: number; line: string }
  steps: Array<{
    id: string
    title: string
    labItems: number[]
    status: Status
    error: string | null
    durationMs: number | null
    checks: VerifyJsonCheck[]
  }>
}

export function toVerifyJson(v: Verification, now: Date = new Date()): VerifyJson {
  return {
    schema: VERIFY_JSON_SCHEMA,
    tool: { ...TOOL },
    generatedAt: now.toISOString(),
    source: {
      kind: v.source.kind,
      runDir: v.source.runDir ?? null,
      runId: v.source.runId ?? null,
      runMode: v.source.runMode ?? null,
      startedAt: v.source.startedAt ?? null,
      profile: v.source.profile,
      configHash: v.source.configHash ?? null,
      simulated: v.source.simulated,
      truncated: v.source.truncated ?? false,
    },
    simulatedBanner: v.simulatedBanner,
    exitCode: v.exitCode,
    summary: {
      total: v.results.length,
      passed: v.summary.passed,
      failed: v.summary.failed,
      notGradable: v.summary.notGradable,
      line: v.summary.line,
    },
    steps: v.groups.map((g) => ({
      id: g.id,
      title: g.title,
      labItems: [...g.labItems],
      status: g.status,
      error: g.error ?? null,
      durationMs: g.durationMs ?? null,
      checks: g.checks.map((c) => ({
        id: c.check,
        title: c.title,
        status: c.status,
        cause: c.cause ?? null,
        wouldBe: c.wouldBe ?? null,
        recorded: c.recorded ?? null,
        expected: c.expected,
        actual: c.actual,
        hint: c.hint,
        evidence: c.refs.map(evidenceJson),
      })),
    })),
  }
}

export const stringifyVerifyJson = (v: Verification, now?: Date): string =>
  JSON.stringify(toVerifyJson(v, now), null, 2) + '\n'

function evidenceJson(r: EvidenceRef): VerifyJsonEvidence {
  return {
    id: r.id,
    kind: r.kind,
    key: 'key' in r ? (r.key ?? null) : null,
    argv: r.kind === 'command' ? [...r.argv] : null,
    exitCode: r.kind === 'command' ? r.exitCode : null,
    path: r.kind === 'artifact' ? r.path : null,
  }
}
