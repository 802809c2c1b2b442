// How far each step got in a list of entries, and what that means for its verdicts: a step that never
// completed has partial evidence, so none of its checks may PASS on it.
import type { JournalEntry, NotGradableCause, Status } from '../journal/schema.ts'

/** `interrupted`: a signal or a kill cut the step short (step-end error `interrupted`, or no step-end at all). */
export type StepState = 'completed' | 'failed' | 'interrupted'

export type StepAttempt = {
  readonly step: string
  readonly state: StepState
  readonly startedAt: string
  readonly endedAt: string | undefined
  readonly error: string | undefined
}

/** The last attempt of each step in these entries, in the order the steps first started. */
export function stepAttempts(entries: readonly JournalEntry[]): Map<string, StepAttempt> {
  const out = new Map<string, StepAttempt>()
  for (const e of entries) {
    if (e.type === 'step-start')
      out.set(e.step, {
        step: e.step,
        state: 'interrupted',
        startedAt: e.at,
        endedAt: undefined,
        error: undefined,
      })
    if (e.type !== 'step-end') continue
    const started = out.get(e.step)
    const state: StepState =
      e.status === 'changed' || e.status === 'unchanged'
        ? 'completed'
        : e.error === 'interrupted'
          ? 'interrupted'
          : 'failed'
    out.set(e.step, {
      step: e.step,
      state,
      startedAt: started?.startedAt ?? e.at,
      endedAt: e.at,
      error: e.error,
    })
  }
  return out
}

type Judged = {
  readonly status: Status
  readonly cause?: NotGradableCause | undefined
  readonly actual: string
  readonly hint: string
}

/**
 * A verdict of a step that did not complete: PASS becomes NOT-GRADABLE (`missing-evidence`); so does FAIL
 * when the step was cut short (its evidence is missing, not wrong). A FAIL of a step that failed stays.
 * `strict: false` (one fresh run, as live verify grades) lets a failed step's PASS stand: a step that fails
 * in a wait still records the state it saw, and that evidence is whole.
 */
export function judgeUnfinished<V extends Judged>(
  v: V,
  attempt: StepAttempt | undefined,
  o: { strict?: boolean } = {},
): V {
  if (attempt?.state === 'completed') return v
  if (v.status === 'NOT-GRADABLE') return v
  if (attempt?.state === 'failed' && (v.status === 'FAIL' || o.strict === false)) return v
  const why = !attempt
    ? 'the step never ran in this record'
    : attempt.state === 'interrupted'
      ? 'the step was interrupted before it completed'
      : 'the step failed before it completed'
  return {
    ...v,
    status: 'NOT-GRADABLE',
    cause: 'missing-evidence',
    actual: `${why}; on what it had recorded: ${v.actual}`,
    hint: 'Re-run `pnpm lab` (it resumes where it stopped) so the step completes, then judge again.',
  }
}
