// What the report says about the lab record: which runs it is built from, where each section's evidence comes
// from, and — first of all — a last run that failed or was interrupted. Pure over the composed record.
import {
  compose,
  formatIdentity,
  runInfo,
  type JournalEntry,
  type LabRecord,
  type RunRecord,
  type StepOrigin,
} from '@lab4/core'
import { appStepIds } from '@lab4/app'
import { clusterStepIds } from '@lab4/cluster'
import { ipamStepIds } from '@lab4/ipam'

/** Every lab step in run order: the steps a failed run did not reach are named from this. */
export const STEP_ORDER: readonly string[] = [
  ...Object.values(clusterStepIds),
  ...Object.values(ipamStepIds),
  ...Object.values(appStepIds),
]

/** What the model needs of a record; a plain run (tests, fixtures) is composed on the spot. */
export type RecordInput = Pick<RunRecord, 'header' | 'entries'> &
  Partial<Pick<LabRecord, 'kind' | 'runs' | 'refused' | 'origins' | 'entryRun' | 'identity'>>

export type Composed = Required<Omit<RecordInput, 'identity'>> & Pick<LabRecord, 'identity'>

export function asRecord(run: RecordInput): Composed {
  if (run.origins && run.entryRun && run.runs && run.refused && run.kind)
    return {
      ...run,
      kind: run.kind,
      runs: run.runs,
      refused: run.refused,
      origins: run.origins,
      entryRun: run.entryRun,
      identity: run.identity,
    }
  const member = { dir: '', header: run.header, entries: run.entries }
  const c = compose([member], { qualify: false, order: STEP_ORDER })
  return {
    header: c.header,
    entries: c.entries,
    kind: 'run',
    runs: [runInfo({ ...member, schema: run.header.schema })],
    refused: [],
    origins: c.origins,
    entryRun: c.entryRun,
    identity: undefined,
  }
}

/** `2025-11-20T10:00:05.123Z` → `2025-11-20 10:00:05 UTC`: the one time format the report shows. */
export const when = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`

export type RunView = { id: string; at: string; outcome: string; changed: string[]; simulated: boolean }
export type RecordView = {
  /** More than one run: the report says how they were composed. */
  many: boolean
  runs: RunView[]
  refused: Array<{ runId: string; reason: string }>
  identity: string | undefined
}

export function recordView(r: Composed): RecordView {
  return {
    many: r.runs.length > 1,
    runs: r.runs.map((x) => ({
      id: x.id,
      at: when(x.startedAt),
      outcome: x.outcome,
      changed: x.steps
        .filter((s) => s.state === 'completed' && changedIn(r, x.id, s.step))
        .map((s) => s.step),
      simulated: x.simulated,
    })),
    refused: r.refused.map((x) => ({ runId: x.runId, reason: x.reason })),
    identity: r.identity ? formatIdentity(r.identity) : undefined,
  }
}

// A step changed the cluster in a run when that run performed one of its acts.
const changedIn = (r: Composed, runId: string, step: string) =>
  r.origins.some((o) => o.step === step && o.acts.some((a) => a.runId === runId && a.exitCode === 0))

/** One line per step of a section: where its state was observed and where its changes were made. */
export type OriginView = {
  step: string
  observed: { run: string; at: string; completed: boolean; interrupted: boolean } | undefined
  acts: Array<{ run: string; at: string; count: number }>
}

export function originsOf(r: Composed, steps: readonly string[]): OriginView[] {
  return steps.map((step) => {
    const o: StepOrigin | undefined = r.origins.find((x) => x.step === step)
    const byRun = new Map<string, { run: string; at: string; count: number }>()
    for (const a of o?.acts ?? []) {
      const seen = byRun.get(a.runId)
      if (seen) seen.count += 1
      else byRun.set(a.runId, { run: a.runId, at: when(a.at), count: 1 })
    }
    return {
      step,
      observed: o?.observed
        ? {
            run: o.observed.runId,
            at: when(o.observed.endedAt ?? o.observed.startedAt),
            completed: o.observed.state === 'completed',
            interrupted: o.observed.state === 'interrupted',
          }
        : undefined,
      acts: [...byRun.values()],
    }
  })
}

export type Banner = {
  runId: string
  at: string
  /** `failed` (checks), `error` (a step could not finish), `interrupted` (Ctrl-C), `killed` (no end line). */
  outcome: string
  step: string | undefined
  /** The step's error, line by line, without its hint. */
  error: string[]
  hint: string | undefined
  /** The step itself did not finish (so the summary counts it as a failure of its own). */
  stepFailed: boolean
  notReached: string[]
  /** Some section shows evidence from an earlier run than the failed one. */
  earlier: boolean
}

/** The last run of the record, when it did not pass: the step it stopped at, why, and what it did not reach. */
export function bannerOf(r: Composed): Banner | undefined {
  const last = r.runs.at(-1)
  if (!last || last.outcome === 'passed') return undefined
  const stopped = last.steps.filter((s) => s.state !== 'completed').at(-1)
  const failedCheck = stopped
    ? undefined
    : r.origins.find(
        (o) => o.observed?.runId === last.id && verdictsOf(r, o.step).some((v) => v.status !== 'PASS'),
      )
  const step = stopped?.step ?? failedCheck?.step
  const [message = '', hint] = (stopped?.error ?? '').split(/\n\s*hint:\s*/)
  const error = stopped
    ? stopped.state === 'interrupted'
      ? ['interrupted (Ctrl-C or a signal) before the step finished']
      : message.split('\n').filter((l) => l.trim() !== '')
    : failedCheck
      ? [
          `checks did not pass: ${verdictsOf(r, failedCheck.step)
            .filter((v) => v.status !== 'PASS')
            .map((v) => v.check)
            .join(', ')}`,
        ]
      : []
  const tried = new Set(last.steps.map((s) => s.step))
  const after = step ? STEP_ORDER.slice(STEP_ORDER.indexOf(step) + 1) : STEP_ORDER
  return {
    runId: last.id,
    at: when(last.startedAt),
    outcome: last.outcome,
    step,
    error,
    hint: hint?.trim() || undefined,
    stepFailed: stopped !== undefined,
    notReached: after.filter((s) => !tried.has(s)),
    earlier: r.origins.some((o) => o.observed !== undefined && o.observed.runId !== last.id),
  }
}

const verdictsOf = (r: Composed, step: string) =>
  r.entries.filter(
    (e): e is Extract<JournalEntry, { type: 'verdict' }> => e.type === 'verdict' && e.step === step,
  )
