// The step engine: runs the selected steps in order against one journal and judges each from its evidence.
import { homedir, platform, arch } from 'node:os'
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Command, Runner } from './command.ts'
import { ExitCode, InterruptedError, LabError } from './errors.ts'
import { redact } from './redact.ts'
import { Journal, newRunId, markLatest } from './journal/writer.ts'
import { JOURNAL_SCHEMA, type StepStatus } from './journal/schema.ts'
import { Evidence } from './evidence.ts'
import { evaluateChecks, type CheckResult } from './check.ts'
import type { LabConfig } from './config/schema.ts'
import type { Step, StepContext } from './step.ts'
import { type LiveProcess, startProcess, zxRunner } from './runner/zx-runner.ts'
import { watchChildren } from './runner/children.ts'
import { createStepContext } from './step-context.ts'
import type { Reporter } from './progress.ts'
import { TOOL } from './tool.ts'

export type Spawner = (command: Command) => LiveProcess

export type EngineOptions = {
  readonly steps: readonly Step[]
  readonly config: LabConfig
  readonly configFile: string
  readonly configHash: string
  readonly root: string
  readonly runsDir: string
  readonly reporter: Reporter
  readonly signal: AbortSignal
  readonly mode?: 'lab' | 'verify' | 'self-test'
  readonly simulated?: boolean
  /** Run only the `collect` phase (read-only), as live `pnpm verify` does. */
  readonly collectOnly?: boolean
  /** Append to this existing run directory instead of starting a new one (turbo per-package runs). */
  readonly appendTo?: string
  /** Keep going after a step whose checks fail. */
  readonly keepGoing?: boolean
  readonly runner?: Runner
  readonly spawner?: Spawner
  readonly argv?: readonly string[]
  readonly env?: NodeJS.ProcessEnv
  readonly flags?: Readonly<Record<string, string | boolean | undefined>>
}

export type EngineResult = {
  readonly exitCode: number
  readonly runDir: string
  readonly results: readonly CheckResult[]
  readonly steps: ReadonlyArray<{ id: string; status: StepStatus }>
}

export async function runSteps(opts: EngineOptions): Promise<EngineResult> {
  const env = opts.env ?? process.env
  const runner = opts.runner ?? zxRunner({ env })
  const spawner = opts.spawner ?? ((c: Command) => startProcess(c, { env }))
  const home = env.HOME ?? homedir()
  const clean = (s: string) => redact(s, { home })

  const runDir = opts.appendTo ?? join(opts.runsDir, newRunId())
  const journal = new Journal(runDir, { append: Boolean(opts.appendTo) })
  if (!opts.appendTo) {
    mkdirSync(opts.runsDir, { recursive: true })
    journal.write({
      type: 'header',
      schema: JOURNAL_SCHEMA,
      runId: runDir.split(/[\\/]/).pop() ?? runDir,
      startedAt: new Date().toISOString(),
      tool: TOOL,
      configHash: opts.configHash,
      configFile: clean(opts.configFile),
      simulated: opts.simulated ?? false,
      mode: opts.mode ?? 'lab',
      profile: opts.config.profile,
      platform: { os: platform(), arch: arch(), node: process.version },
      argv: (opts.argv ?? []).map(clean),
    })
    // The run's own config travels with the record (redacted), so offline checks never depend on today's file.
    journal.writeConfig(opts.config)
    markLatest(opts.runsDir, runDir.split(/[\\/]/).pop() ?? runDir)
  }

  const results: CheckResult[] = []
  const stepStates: Array<{ id: string; status: StepStatus }> = []
  let exitCode: number = ExitCode.ok
  let outcome: 'passed' | 'failed' | 'error' | 'interrupted' = 'passed'
  // Each child's pid and start time goes into the record as it starts (the lock file lets the next run end it).
  let current: string | undefined
  const unwatch = watchChildren((e) => {
    if (e.type === 'start')
      journal.write({
        type: 'process',
        at: new Date().toISOString(),
        ...(current ? { step: current } : {}),
        pid: e.child.pid,
        startTime: e.child.startTime,
        argv: e.child.argv.map(clean),
      })
  })

  for (const step of opts.steps) {
    if (opts.signal.aborted) break
    current = step.id
    const started = Date.now()
    opts.reporter.stepStart(step.id, step.title)
    journal.write({ type: 'step-start', at: new Date().toISOString(), step: step.id, title: step.title })

    const made = createStepContext({ step, journal, runner, spawner, clean, options: opts })
    const { waitedMs } = made
    // A wait that had to look more than once waited for the cluster; the step's end line then says so.
    let polledAgain = false
    const ctx: StepContext = {
      ...made.ctx,
      waitFor: async (condition, probe, wopts) => {
        const r = await made.ctx.waitFor(condition, probe, wopts)
        if (r.attempts > 1) polledAgain = true
        return r
      },
    }

    let status: StepStatus = 'unchanged'
    let error: string | undefined
    let interrupted = false
    try {
      if (!opts.collectOnly) status = await step.run(ctx)
      await step.collect(ctx)
    } catch (err) {
      if (err instanceof InterruptedError || opts.signal.aborted) {
        status = 'failed'
        error = 'interrupted'
        interrupted = true
      } else {
        status = 'failed'
        error = err instanceof Error ? err.message : String(err)
        // CommandError and WaitTimeoutError carry their hint in the message already; LabError keeps it apart.
        if (err instanceof LabError && err.hint) error += `\n  hint: ${err.hint}`
      }
    }

    const ev = new Evidence(journal.entries)
    const judged = evaluateChecks(step.checks, ev, opts.config)
    const verdicts = interrupted ? judged.map(asInterrupted) : judged
    for (const v of verdicts) {
      journal.write({
        type: 'verdict',
        at: new Date().toISOString(),
        step: v.step,
        check: v.check,
        title: v.title,
        status: v.status,
        expected: v.expected,
        actual: v.actual,
        hint: v.hint,
        evidence: [...v.evidence],
        ...(v.cause ? { cause: v.cause } : {}),
      })
      opts.reporter.verdict(
        v.check,
        v.status,
        v.status === 'PASS'
          ? v.actual
          : `expected ${v.expected}; got ${v.actual}${v.hint ? ` — ${v.hint}` : ''}`,
      )
    }
    results.push(...verdicts)
    const durationMs = Date.now() - started
    journal.write({
      type: 'step-end',
      at: new Date().toISOString(),
      step: step.id,
      status,
      durationMs,
      waitedMs: waitedMs(),
      ...(error ? { error: clean(error) } : {}),
    })
    opts.reporter.stepEnd(step.id, status, durationMs, error, polledAgain ? { waitedMs: waitedMs() } : {})
    stepStates.push({ id: step.id, status })

    if (opts.signal.aborted) {
      outcome = 'interrupted'
      exitCode = ExitCode.interrupted
      break
    }
    const failedCheck = verdicts.some((v) => v.status !== 'PASS')
    if (status === 'failed' || failedCheck) {
      exitCode = ExitCode.checkFailed
      outcome = status === 'failed' ? 'error' : 'failed'
      if (!opts.keepGoing) break
    }
  }
  if (opts.signal.aborted && outcome !== 'interrupted') {
    outcome = 'interrupted'
    exitCode = ExitCode.interrupted
  }
  unwatch()
  journal.write({ type: 'end', at: new Date().toISOString(), exitCode, outcome })
  journal.close()
  return { exitCode, runDir, results, steps: stepStates }
}

/**
 * A check of a step cut short by a signal: NOT-GRADABLE, never FAIL (the missing evidence is the interruption's
 * doing, not the student's) and never PASS (partial evidence proves nothing), as the lab record judges it.
 */
export function asInterrupted(r: CheckResult): CheckResult {
  if (r.status === 'NOT-GRADABLE' && r.cause !== 'missing-evidence') return r
  return {
    ...r,
    status: 'NOT-GRADABLE',
    cause: 'interrupted',
    actual: `the step was interrupted before it finished; on what it had recorded: ${r.actual}`,
    hint: 'Re-run `pnpm lab` (it resumes where it stopped) to judge this check.',
  }
}

/** Select steps by `--only` / `--from` (ids or package names). */
export function selectSteps(
  all: readonly Step[],
  sel: { only?: string; from?: string; pkg?: string },
): Step[] {
  const known = all.map((s) => s.id)
  const find = (flag: string, name: string) => {
    const i = all.findIndex((s) => s.id === name || s.pkg === name)
    if (i < 0)
      throw new LabError(`--${flag} ${name}: no such step`, {
        hint: `Steps: ${known.join(', ')} (or a package: cluster, ipam, app)`,
        exitCode: 2,
      })
    return i
  }
  if (sel.pkg) return all.filter((s) => s.pkg === sel.pkg)
  if (sel.only) {
    find('only', sel.only)
    return all.filter((s) => s.id === sel.only || s.pkg === sel.only)
  }
  if (sel.from) return all.slice(find('from', sel.from))
  return [...all]
}
