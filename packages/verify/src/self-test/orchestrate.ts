// The self-test loop: green baseline → for each mutation: apply, grade, expect red, restore, grade, expect green.
// A check that no mutation ever turned red is a defect: nothing shows it can tell a broken lab from a good one.
import { ExitCode, type NotGradableCause, type Status, type Step } from '@lab4/core'
import type { GradedCheck } from '../grade.ts'
import type { Flags, Memo, Mutation, World } from './mutation.ts'

export type GradeOptions = {
  /**
   * The world is broken on purpose and the mutation's apply already waited until the breakage is in effect:
   * the grader's waits for what is broken need not run their full timeouts.
   */
  readonly mutated?: boolean
}

export type SelfTestDriver = {
  /** Run every step's read-only collect phase and grade the evidence as if real. */
  grade(label: string, flags?: Flags, o?: GradeOptions): Promise<readonly GradedCheck[]>
  /** Run one phase of a mutation against the world; commands are recorded. Throws when the phase fails. */
  act<T>(label: string, body: (w: World) => Promise<T>): Promise<T>
  /** Whether the named act phase ran a command that changes the cluster (undefined: not known). */
  wrote?(label: string): boolean | undefined
}

export type Red = { readonly check: string; readonly status: Status; readonly cause?: NotGradableCause }

export type MutationOutcome = {
  readonly id: string
  readonly description: string
  readonly targets: readonly string[]
  /** Set when the apply phase (or the grading after it) threw. */
  readonly applyError?: string
  /** Set when the restore phase (or the grading after it) threw: the world may still be broken. */
  readonly restoreError?: string
  /** Checks that turned red while the mutation was in effect. */
  readonly red: readonly Red[]
  /** Targets that stayed green (the check, or every check of the step, missed the breakage). */
  readonly missed: readonly string[]
  /** Targets that name no known check or step (a typo, or a renamed check). */
  readonly unknown: readonly string[]
  /** Checks still red after restore: the world was not put back. */
  readonly stillRed: readonly string[]
  /**
   * Neither apply nor restore ran a command that changes the cluster (the mutation only changed how it is
   * collected), so the world is the green one graded before and was not graded again.
   */
  readonly untouched?: true
  readonly ok: boolean
}

export type CheckCoverage = {
  readonly check: string
  readonly step: string
  readonly title: string
  /** Mutations that turned the check red (FAIL or NOT-GRADABLE for missing evidence). */
  readonly redBy: readonly string[]
  /** The subset under which the check said FAIL, not only "could not judge". */
  readonly failedBy: readonly string[]
}

export type SelfTestResult = {
  readonly baseline: readonly GradedCheck[]
  /** Why the self-test could not start or stopped early, if it did. */
  readonly stopped?: string
  readonly mutations: readonly MutationOutcome[]
  readonly coverage: readonly CheckCoverage[]
  /** Checks no mutation turned red: reported as "cannot be made to fail". */
  readonly defects: readonly string[]
  readonly exitCode: number
}

/** Red for the right reason: the lab is wrong (FAIL) or its evidence is gone; not "no cluster" or "simulated". */
export const isRed = (r: Pick<GradedCheck, 'status' | 'cause'>): boolean =>
  r.status === 'FAIL' || (r.status === 'NOT-GRADABLE' && r.cause !== 'no-cluster' && r.cause !== 'simulated')

export type SelfTestOptions = {
  readonly driver: SelfTestDriver
  readonly steps: readonly Step[]
  readonly mutations: readonly Mutation[]
  readonly onProgress?: (line: string) => void
}

export async function runSelfTest(o: SelfTestOptions): Promise<SelfTestResult> {
  const say = o.onProgress ?? (() => undefined)
  const checks = o.steps.flatMap((s) => s.checks.map((c) => ({ check: c.id, step: c.step, title: c.title })))
  const redBy = new Map<string, string[]>(checks.map((c) => [c.check, []]))
  const failedBy = new Map<string, string[]>(checks.map((c) => [c.check, []]))
  const coverage = () =>
    checks.map((c) => ({ ...c, redBy: redBy.get(c.check) ?? [], failedBy: failedBy.get(c.check) ?? [] }))

  say('baseline: collecting and grading the unmodified lab')
  const baseline = await o.driver.grade('baseline')
  const notGreen = baseline.filter((r) => r.status !== 'PASS')
  if (checks.length === 0 || notGreen.length > 0) {
    const stopped =
      checks.length === 0
        ? 'the step catalogue has no checks to test'
        : `the baseline is not green (${notGreen.map((r) => `${r.check} ${r.status}`).join(', ')}); negative controls need a passing lab — run \`pnpm lab\` first`
    return { baseline, stopped, mutations: [], coverage: coverage(), defects: [], exitCode: ExitCode.usage }
  }

  const outcomes: MutationOutcome[] = []
  let stopped: string | undefined
  for (const m of o.mutations) {
    say(`${m.id}: ${m.description}`)
    const outcome = await exercise(o.driver, m, checks)
    outcomes.push(outcome)
    for (const r of outcome.red) {
      redBy.get(r.check)?.push(m.id)
      if (r.status === 'FAIL') failedBy.get(r.check)?.push(m.id)
    }
    say(
      `${m.id}: ${outcome.ok ? 'ok' : 'PROBLEM'} (red: ${outcome.red.map((r) => r.check).join(', ') || 'none'})`,
    )
    if (outcome.stillRed.length > 0 || outcome.restoreError) {
      stopped = `${m.id} did not restore the lab (${outcome.restoreError ?? `still red: ${outcome.stillRed.join(', ')}`}); later mutations were not run`
      break
    }
  }
  const cov = coverage()
  const defects = cov.filter((c) => c.redBy.length === 0).map((c) => c.check)
  const clean = !stopped && outcomes.every((m) => m.ok) && defects.length === 0
  return {
    baseline,
    ...(stopped ? { stopped } : {}),
    mutations: outcomes,
    coverage: cov,
    defects,
    exitCode: clean ? ExitCode.ok : ExitCode.checkFailed,
  }
}

async function exercise(
  driver: SelfTestDriver,
  m: Mutation,
  checks: ReadonlyArray<{ check: string; step: string }>,
): Promise<MutationOutcome> {
  let applyError: string | undefined
  let restoreError: string | undefined
  let memo: Memo = {}
  let red: Red[] = []
  try {
    memo = (await driver.act(`${m.id}.apply`, (w) => m.apply(w))) ?? {}
    const graded = await driver.grade(`${m.id}.mutated`, m.collectFlags, { mutated: true })
    red = graded
      .filter(isRed)
      .map((r) => ({ check: r.check, status: r.status, ...(r.cause ? { cause: r.cause } : {}) }))
  } catch (err) {
    applyError = message(err)
  }
  let stillRed: string[] = []
  let untouched = false
  try {
    await driver.act(`${m.id}.restore`, (w) => m.restore(w, memo))
    untouched =
      !applyError && driver.wrote?.(`${m.id}.apply`) === false && driver.wrote?.(`${m.id}.restore`) === false
    if (!untouched)
      stillRed = (await driver.grade(`${m.id}.restored`))
        .filter((r) => r.status !== 'PASS')
        .map((r) => r.check)
  } catch (err) {
    restoreError = message(err)
  }
  const redIds = new Set(red.map((r) => r.check))
  const unknown = m.targets.filter((t) => !checks.some((c) => c.check === t || c.step === t))
  const missed = m.targets.filter(
    (t) =>
      !unknown.includes(t) && !checks.some((c) => (c.check === t || c.step === t) && redIds.has(c.check)),
  )
  const ok =
    !applyError && !restoreError && missed.length === 0 && unknown.length === 0 && stillRed.length === 0
  return {
    id: m.id,
    description: m.description,
    targets: m.targets,
    ...(applyError ? { applyError } : {}),
    ...(restoreError ? { restoreError } : {}),
    red,
    missed,
    unknown,
    stillRed,
    ...(untouched ? { untouched: true as const } : {}),
    ok,
  }
}

const message = (err: unknown): string =>
  err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)
