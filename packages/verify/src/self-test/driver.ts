// The self-test driver over core's step engine: every mutation phase and every collect is its own recorded run.
import { join } from 'node:path'
import {
  LabError,
  defineStep,
  readRun,
  runSteps,
  type LabConfig,
  type Reporter,
  type Runner,
  type Spawner,
  type Step,
  type StepContext,
  zxRunner,
} from '@lab4/core'
import { gradeRecord } from '../grade.ts'
import { readOnlyRunner, verifyPhase } from '../phase.ts'
import type { Flags, World } from './mutation.ts'
import type { SelfTestDriver } from './orchestrate.ts'

export type EngineDriverOptions = {
  readonly steps: readonly Step[]
  readonly config: LabConfig
  readonly configFile: string
  readonly configHash: string
  readonly root: string
  /** Runs land in `<baseDir>/runs/`, away from report/runs so `latest` keeps pointing at the lab run. */
  readonly baseDir: string
  readonly simulated: boolean
  readonly signal: AbortSignal
  readonly reporter: Reporter
  readonly env?: NodeJS.ProcessEnv
  readonly runner?: Runner
  readonly spawner?: Spawner
  /** Every CC argv ends with --allow-version-mismatch (the contract's rule when the Calico version is unknown). */
  readonly allowVersionMismatch?: boolean
  /** Longest wait (s) while grading a mutated world. @default 10 on the simulator, 120 live */
  readonly mutatedPatienceS?: number
}

/** The simulator settles within a few seconds; a real cluster may need a minute for what is not broken. */
export const MUTATED_PATIENCE_S = { simulated: 10, live: 120 } as const

/** The simulator answers a kubectl call in about 0.1 s, so a mutation's own waits may poll it often. */
const SIM_POLL_MS = 500

/**
 * Pure: the config a mutated world is graded with, every wait capped at `seconds`. What the mutation broke stays
 * broken however long a wait polls (its apply waited until it was in effect), so waiting out the lab's full
 * timeouts (up to 10 minutes) would only delay the same verdict.
 */
export function withPatience(config: LabConfig, seconds: number): LabConfig {
  const capped = Object.entries(config.timeouts).map(([k, v]) => [k, Math.min(v, seconds)])
  return { ...config, timeouts: Object.fromEntries(capped) as LabConfig['timeouts'] }
}

export function engineDriver(o: EngineDriverOptions): SelfTestDriver {
  const common = {
    config: o.config,
    configFile: o.configFile,
    configHash: o.configHash,
    root: o.root,
    runsDir: join(o.baseDir, 'runs'),
    reporter: o.reporter,
    signal: o.signal,
    mode: 'self-test' as const,
    simulated: o.simulated,
    keepGoing: true,
    ...(o.env ? { env: o.env } : {}),
    ...(o.runner ? { runner: o.runner } : {}),
    ...(o.spawner ? { spawner: o.spawner } : {}),
  }
  // Grading sees the world exactly as live `pnpm verify` would: read-only phase, writes refused.
  const reader = readOnlyRunner(o.runner ?? zxRunner(o.env ? { env: o.env } : {}))
  const phase = verifyPhase(o.steps, o.config)
  const patience = o.mutatedPatienceS ?? MUTATED_PATIENCE_S[o.simulated ? 'simulated' : 'live']
  const wrote = new Map<string, boolean>()
  return {
    wrote: (label) => wrote.get(label),
    grade: async (label, flags, g) => {
      const config = g?.mutated ? withPatience(o.config, patience) : o.config
      const r = await runSteps({
        ...common,
        config,
        runner: reader,
        steps: g?.mutated ? verifyPhase(o.steps, config) : phase,
        collectOnly: true,
        flags: { ...flags },
        argv: ['self-test', label],
      })
      return gradeRecord(readRun(r.runDir), o.steps, config, { allowSimulated: true })
    },
    act: async <T>(label: string, body: (w: World) => Promise<T>): Promise<T> => {
      let value: T | undefined
      const step = defineStep({
        id: `self-test.${label}`,
        pkg: 'cluster',
        title: `self-test: ${label}`,
        labItems: [],
        plan: () => [],
        run: async (ctx) => {
          const poll = o.simulated ? SIM_POLL_MS : undefined
          value = await body(worldOf(ctx, o.steps, o.allowVersionMismatch ?? true, poll))
          return 'changed'
        },
        collect: async () => undefined,
        checks: [],
      })
      const r = await runSteps({ ...common, steps: [step], argv: ['self-test', label] })
      const entries = readRun(r.runDir).entries
      wrote.set(
        label,
        entries.some((e) => e.type === 'command' && e.write),
      )
      if (r.steps[0]?.status === 'failed') {
        const end = entries.find((e) => e.type === 'step-end' && e.step === step.id)
        const why = end?.type === 'step-end' ? end.error : undefined
        throw new LabError(`self-test ${label} failed: ${why ?? 'see the run record'}`, {
          hint: `Run record: ${r.runDir}`,
        })
      }
      return value as T
    },
  }
}

/** A World over one engine step context; re-run steps record their commands into the same run. */
export function worldOf(
  ctx: StepContext,
  steps: readonly Step[],
  allowVersionMismatch: boolean,
  pollMs?: number,
): World {
  return {
    config: ctx.config,
    run: (c) => ctx.run(c),
    must: (c, hint) => ctx.must(c, hint),
    kubectl: (...args) => ctx.kubectl(...args),
    calicoctl: (...args) =>
      ctx.kubectl(
        'exec',
        '-i',
        '-n',
        'kube-system',
        'calicoctl',
        '--',
        'calicoctl',
        ...args,
        ...(allowVersionMismatch ? ['--allow-version-mismatch'] : []),
      ),
    waitFor: (condition, probe, opts) =>
      ctx.waitFor(condition, probe, pollMs && !opts.intervalMs ? { ...opts, intervalMs: pollMs } : opts),
    rerun: async (ids: readonly string[], flags?: Flags) => {
      for (const id of ids) {
        const step = steps.find((s) => s.id === id)
        if (!step)
          throw new LabError(`self-test: no step ${id} to re-run`, {
            hint: `Steps: ${steps.map((s) => s.id).join(', ') || '(none)'}`,
          })
        await step.run({ ...ctx, step: step.id, flags: { ...ctx.flags, ...flags } })
      }
    },
  }
}
