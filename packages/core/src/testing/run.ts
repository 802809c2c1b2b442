// Run steps against the scripted fake runner with a recording journal in a temp dir, and hand back what was recorded.
import { mkdtempSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Command, Runner } from '../command.ts'
import { parseConfig, hashConfig } from '../config/load.ts'
import type { LabConfig } from '../config/schema.ts'
import { runSteps, type EngineResult, type Spawner } from '../engine.ts'
import { Evidence } from '../evidence.ts'
import type { CommandEntry, JournalEntry } from '../journal/schema.ts'
import { readRun, type RunRecord } from '../journal/reader.ts'
import { Journal } from '../journal/writer.ts'
import { plainReporter } from '../progress.ts'
import { redact } from '../redact.ts'
import { fakeRunner, type FakeExpectation, type FakeResponse } from '../runner/fake-runner.ts'
import { createStepContext } from '../step-context.ts'
import type { Step, StepContext, StepOutcome } from '../step.ts'

/** The config a lab.config.yaml with this text gives (`{}`: every default). */
export const labConfig = (yaml = '{}'): LabConfig => parseConfig(yaml, 'lab.config.yaml').config

/** kubectl argv against the lab's context, as `ctx.kubectl` builds it. */
export const k = (...args: string[]): string[] => ['kubectl', '--context', 'lab4', ...args]

/** One scripted call: exact argv and what it prints. */
export const say = (
  argv: readonly string[],
  stdout = '',
  o: Omit<FakeResponse, 'stdout'> & { stdin?: FakeExpectation['stdin'] } = {},
): FakeExpectation => ({
  argv,
  ...(o.stdin !== undefined ? { stdin: o.stdin } : {}),
  respond: { stdout, stderr: o.stderr ?? '', exitCode: o.exitCode ?? 0 },
})

const noSpawn: Spawner = (c: Command) => {
  throw new Error(`spawn of ${c.argv.join(' ')} is not scripted: pass a spawner to the test harness`)
}

export type HarnessOptions = {
  config?: LabConfig
  flags?: Record<string, string | boolean | undefined>
  /** Answer with this runner instead of a fake built from the script. */
  runner?: Runner
  spawner?: Spawner
  /** Repo root the steps see (manifests go under it); a fresh temp dir by default. */
  root?: string
  /** Fail unless every scripted call ran. */
  assertDone?: boolean
}

const tempRoot = (): string => mkdtempSync(join(tmpdir(), 'lab4-test-'))
const commandsOf = (entries: readonly JournalEntry[]): CommandEntry[] =>
  entries.filter((e): e is CommandEntry => e.type === 'command')

export type ScriptedRun = {
  result: EngineResult
  record: RunRecord
  entries: readonly JournalEntry[]
  evidence: Evidence
  commands: CommandEntry[]
  runner: Runner & { calls?: Command[] }
  /** What the plain reporter printed. */
  output: string
  root: string
}

/**
 * Steps through core's real engine (checks judged, verdicts recorded), keeping on after failed checks.
 * The record is read back from disk, so it is exactly what `pnpm report` and `pnpm verify --run` would read.
 */
export async function runScripted(
  steps: readonly Step[],
  script: FakeExpectation[],
  o: HarnessOptions & { collectOnly?: boolean; keepGoing?: boolean; simulated?: boolean } = {},
): Promise<ScriptedRun> {
  const config = o.config ?? labConfig()
  const root = o.root ?? tempRoot()
  const fake = fakeRunner(script)
  const runner = o.runner ?? fake
  const lines: string[] = []
  const result = await runSteps({
    steps,
    config,
    configFile: 'lab.config.yaml',
    configHash: hashConfig(config),
    root,
    runsDir: join(root, 'runs'),
    reporter: plainReporter((l) => lines.push(l)),
    signal: new AbortController().signal,
    runner,
    spawner: o.spawner ?? noSpawn,
    flags: o.flags ?? {},
    collectOnly: o.collectOnly ?? false,
    keepGoing: o.keepGoing ?? true,
    simulated: o.simulated ?? false,
  })
  if (o.assertDone) fake.assertDone()
  const record = readRun(result.runDir)
  return {
    result,
    record,
    entries: record.entries,
    evidence: new Evidence(record.entries),
    commands: commandsOf(record.entries),
    runner,
    output: lines.join('\n'),
    root,
  }
}

export type StepHarness = {
  ctx: StepContext
  journal: Journal
  runner: Runner
  /** Every entry recorded so far. */
  entries(): readonly JournalEntry[]
  commands(): CommandEntry[]
  evidence(): Evidence
  /** Abort the context's signal, as Ctrl-C does. */
  abort(): void
  root: string
}

/**
 * The recording StepContext the engine gives a step (lab-context guard, redaction, journal verbs), over the
 * script, for calling one step function directly.
 */
export function stepContext(
  script: FakeExpectation[] = [],
  o: HarnessOptions & { step?: string | Step } = {},
): StepHarness {
  const config = o.config ?? labConfig()
  const root = o.root ?? tempRoot()
  const journal = new Journal(join(root, 'run'))
  const fake = fakeRunner(script)
  const runner = o.runner ?? fake
  const controller = new AbortController()
  const step: Step =
    typeof o.step === 'object'
      ? o.step
      : {
          id: o.step ?? 'test.step',
          pkg: 'cluster',
          title: 'test',
          labItems: [],
          plan: () => [],
          run: async () => 'unchanged',
          collect: async () => undefined,
          checks: [],
        }
  const { ctx } = createStepContext({
    step,
    journal,
    runner,
    spawner: o.spawner ?? noSpawn,
    clean: (s) => redact(s, { home: process.env.HOME ?? homedir() }),
    options: {
      config,
      signal: controller.signal,
      root,
      reporter: plainReporter(() => undefined),
      flags: o.flags ?? {},
    },
  })
  return {
    ctx,
    journal,
    runner,
    entries: () => journal.entries,
    commands: () => commandsOf(journal.entries),
    evidence: () => new Evidence(journal.entries),
    abort: () => controller.abort(),
    root,
  }
}

export type StepRun = {
  /** What `run` returned; undefined for a collect-only call. */
  outcome: StepOutcome | undefined
  entries: readonly JournalEntry[]
  commands: CommandEntry[]
  evidence: Evidence
  runner: Runner
}

/**
 * One step's `run` then `collect` (or only `collect`), outside the engine: no header, no verdicts, errors
 * thrown as the step raised them.
 */
export async function runStep(
  step: Step,
  script: FakeExpectation[],
  o: HarnessOptions & { phase?: 'run' | 'collect' | 'run+collect' } = {},
): Promise<StepRun> {
  const fake = fakeRunner(script)
  const h = stepContext([], { ...o, step, runner: o.runner ?? fake })
  const phase = o.phase ?? 'run+collect'
  const outcome = phase === 'collect' ? undefined : await step.run(h.ctx)
  if (phase !== 'run') await step.collect(h.ctx)
  if (o.assertDone) fake.assertDone()
  return { outcome, entries: h.entries(), commands: h.commands(), evidence: h.evidence(), runner: h.runner }
}
