// Grading re-judges every check over the recorded evidence; verdict lines in the journal are never trusted.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  Evidence,
  LabConfigSchema,
  LabError,
  evaluateChecks,
  judgeUnfinished,
  stepAttempts,
  type CheckResult,
  type JournalEntry,
  type LabConfig,
  type RunRecord,
  type Status,
  type Step,
  simulatedReason,
} from '@lab4/core'
import { INTEGRITY_CHECK, runsOnDisk, withArtifactIntegrity } from './trust/artifacts.ts'

/** What a verdict was judged on, resolved from the journal so printers never need the record again. */
export type EvidenceRef =
  | {
      readonly id: string
      readonly kind: 'command'
      readonly key?: string
      readonly argv: readonly string[]
      readonly exitCode: number | null
    }
  | { readonly id: string; readonly kind: 'observation'; readonly key: string }
  | { readonly id: string; readonly kind: 'artifact'; readonly key: string; readonly path: string }
  | { readonly id: string; readonly kind: 'unknown' }

export type GradedCheck = CheckResult & {
  /** Set when a simulated run is graded without --allow-simulated: the verdict real evidence would have given. */
  readonly wouldBe?: Status
  /** The verdict the journal recorded at run time, set only when it differs from the re-graded one. */
  readonly recorded?: Status
  readonly refs: readonly EvidenceRef[]
}

export type GradeOptions = {
  /** Grade a simulated run as if it were real (CI tests of the grader itself). */
  readonly allowSimulated?: boolean
  /** A lab record: a step that failed in its latest attempt and never completed cannot PASS (default: only an interrupted step cannot). */
  readonly strict?: boolean
}

/** `run` is one run or the composed view of a lab record (what `readLabRecord` returns); both grade alike. */
export function gradeRecord(
  run: Pick<RunRecord, 'header' | 'entries'>,
  steps: readonly Step[],
  config: LabConfig,
  opts: GradeOptions = {},
): GradedCheck[] {
  const ev = new Evidence(run.entries)
  const recorded = recordedVerdicts(run.entries)
  // Simulated by its header or by the simulator's fingerprints in its outputs (a header is easily edited).
  const why = opts.allowSimulated ? undefined : simulatedReason(run)
  // A step that never completed has partial evidence: none of its checks may PASS on it.
  const attempts = stepAttempts(run.entries)
  const graded = steps.flatMap((step) =>
    evaluateChecks(step.checks, ev, config).map((judged): GradedCheck => {
      const r = judgeUnfinished(judged, attempts.get(step.id), { strict: opts.strict ?? false })
      const before = recorded.get(r.check)
      const base: GradedCheck = {
        ...r,
        refs: r.evidence.map((id) => refOf(ev, id)),
        ...(before && before !== r.status ? { recorded: before } : {}),
      }
      return why ? simulatedAs(base, why) : base
    }),
  )
  // A record on disk answers for its files too: each artifact must be the one its journal entry hashed.
  const runs = runsOnDisk(run)
  if (runs.length === 0) return graded
  return withArtifactIntegrity(graded, runs).map((r) =>
    why && r.check === INTEGRITY_CHECK && r.status === 'PASS' ? simulatedAs(r, why) : r,
  )
}

const simulatedAs = (r: GradedCheck, why: { readonly hint?: string }): GradedCheck => ({
  ...asSimulated(r),
  ...(why.hint ? { hint: why.hint } : {}),
})

// A simulated run never counts as evidence: the verdict stays visible, but only as what it would be.
export function asSimulated(r: GradedCheck): GradedCheck {
  return {
    ...r,
    status: 'NOT-GRADABLE',
    cause: 'simulated',
    wouldBe: r.status,
    hint: 'This run was recorded against the simulator, not a cluster; run `pnpm lab` on minikube and verify that run.',
  }
}

/** The last verdict line per check, as the run printed it. */
function recordedVerdicts(entries: readonly JournalEntry[]): Map<string, Status> {
  const out = new Map<string, Status>()
  for (const e of entries) if (e.type === 'verdict') out.set(e.check, e.status)
  return out
}

export function refOf(ev: Evidence, id: string): EvidenceRef {
  const e = ev.byId(id)
  if (e?.type === 'command')
    return { id, kind: 'command', ...(e.key ? { key: e.key } : {}), argv: e.argv, exitCode: e.exitCode }
  if (e?.type === 'observation') return { id, kind: 'observation', key: e.key }
  if (e?.type === 'artifact') return { id, kind: 'artifact', key: e.key, path: e.path }
  return { id, kind: 'unknown' }
}

/** Every check NOT-GRADABLE with cause `no-cluster`: live mode found nothing to look at. */
export function gradeNoCluster(steps: readonly Step[], detail: string): GradedCheck[] {
  return steps.flatMap((step) =>
    step.checks.map((c): GradedCheck => ({
      check: c.id,
      step: c.step,
      title: c.title,
      status: 'NOT-GRADABLE',
      cause: 'no-cluster',
      expected: c.title,
      actual: detail,
      hint: 'Start the lab cluster (`pnpm lab`) or grade a recorded run with `pnpm verify --run <dir>`.',
      evidence: [],
      refs: [],
    })),
  )
}

export const RUN_CONFIG_FILE = 'config.json'

/** The config the run was made with travels beside its journal; offline grading never reads today's file. */
export function readRunConfig(runDir: string): LabConfig {
  const file = join(runDir, RUN_CONFIG_FILE)
  if (!existsSync(file)) {
    throw new LabError(`No ${RUN_CONFIG_FILE} beside the journal in ${runDir}`, {
      hint: 'Every run writes its config there; the record is incomplete. Re-run `pnpm lab`, or pass --config <file> to grade against a config file.',
      exitCode: 2,
    })
  }
  let raw: unknown
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'))
  } catch (err) {
    throw new LabError(`${file} is not JSON: ${err instanceof Error ? err.message : String(err)}`, {
      hint: 'The run record is damaged; re-run the lab.',
      exitCode: 2,
    })
  }
  const parsed = LabConfigSchema.safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    throw new LabError(
      `${file} does not match the config schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
      {
        hint: 'The record may come from another tool version; pass --config <file> to grade against a config file.',
        exitCode: 2,
      },
    )
  }
  return parsed.data
}
