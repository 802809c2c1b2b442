// One graded result, grouped by lab step; the printer, the JSON and the JUnit writers all read this.
import { ExitCode, summarize, type HeaderEntry, type RunRecord, type Status, type Step } from '@lab4/core'
import type { GradedCheck } from './grade.ts'

export type Source = {
  /** `recorded`: graded from a run on disk; `live`: collected from the cluster just now. */
  readonly kind: 'recorded' | 'live'
  readonly runDir?: string
  readonly runId?: string
  readonly startedAt?: string
  readonly runMode?: HeaderEntry['mode']
  readonly profile: string
  readonly configHash?: string
  readonly simulated: boolean
  /** The journal's last line was torn (the run was killed mid-write). */
  readonly truncated?: boolean
}

export type StepGroup = {
  readonly id: string
  readonly title: string
  readonly labItems: readonly number[]
  /** Worst verdict of the step's checks: FAIL over NOT-GRADABLE over PASS. */
  readonly status: Status
  /** The step's own failure message from the journal (e.g. a collect command that crashed). */
  readonly error?: string
  readonly durationMs?: number
  readonly checks: readonly GradedCheck[]
}

export type Verification = {
  readonly source: Source
  /** Graded as if real although the run is simulated (--allow-simulated): printers show a banner. */
  readonly simulatedBanner: boolean
  readonly groups: readonly StepGroup[]
  readonly results: readonly GradedCheck[]
  readonly summary: ReturnType<typeof summarize>
  readonly exitCode: number
}

/**
 * 0 only when every check passes; 1 when any check fails (a FAIL is a finding even if other checks
 * could not be judged); 2 when the grade is incomplete: a check not gradable, or no checks at all.
 */
export function exitCodeFor(results: readonly { status: Status }[]): number {
  if (results.some((r) => r.status === 'FAIL')) return ExitCode.checkFailed
  if (results.length > 0 && results.every((r) => r.status === 'PASS')) return ExitCode.ok
  return ExitCode.usage
}

const RANK: Record<Status, number> = { PASS: 0, 'NOT-GRADABLE': 1, FAIL: 2 }

export const worst = (statuses: readonly Status[]): Status =>
  statuses.reduce<Status>((w, s) => (RANK[s] > RANK[w] ? s : w), 'PASS')

/** What a group needs of a step: the lab's steps, or a group of their own such as the lab record's checks. */
export type GroupOf = Pick<Step, 'id' | 'title' | 'labItems'>

export function buildVerification(o: {
  source: Source
  steps: readonly GroupOf[]
  results: readonly GradedCheck[]
  run?: Pick<RunRecord, 'entries'>
  allowSimulated?: boolean
}): Verification {
  const ends = new Map(
    (o.run?.entries ?? []).flatMap((e) => (e.type === 'step-end' ? [[e.step, e] as const] : [])),
  )
  const groups = o.steps.map((s): StepGroup => {
    const checks = o.results.filter((r) => r.step === s.id)
    const end = ends.get(s.id)
    return {
      id: s.id,
      title: s.title,
      labItems: s.labItems,
      status: worst(checks.map((c) => c.status)),
      ...(end?.error ? { error: end.error } : {}),
      ...(end ? { durationMs: end.durationMs } : {}),
      checks,
    }
  })
  // A check whose `step` names no catalogue step still gets graded and shown, never dropped.
  const known = new Set(o.steps.map((s) => s.id))
  const strays = o.results.filter((r) => !known.has(r.step))
  if (strays.length > 0)
    groups.push({
      id: '(other)',
      title: 'Checks of steps not in the catalogue',
      labItems: [],
      status: worst(strays.map((c) => c.status)),
      checks: strays,
    })
  return {
    source: o.source,
    simulatedBanner: o.source.simulated && Boolean(o.allowSimulated),
    groups,
    results: o.results,
    summary: summarize(o.results),
    exitCode: exitCodeFor(o.results),
  }
}

export function sourceOfRun(
  run: Pick<RunRecord, 'dir' | 'header' | 'truncated'>,
  kind: Source['kind'],
): Source {
  const h = run.header
  return {
    kind,
    runDir: run.dir,
    runId: h.runId,
    startedAt: h.startedAt,
    runMode: h.mode,
    profile: h.profile,
    configHash: h.configHash,
    simulated: h.simulated,
    ...(run.truncated ? { truncated: true } : {}),
  }
}
