// The StepContext a step sees: a recording runner bound to the lab context, plus the journal verbs.
import { type Command, type Result, type Runner, isWriteCommand } from './command.ts'
import { CommandError, InterruptedError } from './errors.ts'
import type { Journal } from './journal/writer.ts'
import type { CommandEntry } from './journal/schema.ts'
import { kubectlArgv, assertLabContext } from './kube.ts'
import type { LiveProcess } from './runner/zx-runner.ts'
import type { Step, StepContext } from './step.ts'
import type { LabConfig } from './config/schema.ts'
import type { Reporter } from './progress.ts'
import { waitFor } from './wait.ts'

export type ContextOptions = {
  readonly step: Step
  readonly journal: Journal
  readonly runner: Runner
  readonly spawner: (command: Command) => LiveProcess
  /** Unused: the journal writer redacts every entry it writes (kept so existing callers still compile). */
  readonly clean?: (text: string) => string
  readonly options: {
    readonly config: LabConfig
    readonly signal: AbortSignal
    readonly root: string
    readonly reporter: Reporter
    readonly flags?: Readonly<Record<string, string | boolean | undefined>>
  }
}

export function createStepContext(o: ContextOptions): { ctx: StepContext; waitedMs: () => number } {
  const { step, journal, runner, spawner, options: opts } = o
  let waitedMs = 0
  let lastId: string | undefined
  const record = (command: Command, r: Result, long = false): string => {
    const id = journal.nextId()
    const entry: CommandEntry = {
      type: 'command',
      id,
      step: step.id,
      ...(command.key ? { key: command.key } : {}),
      argv: [...command.argv],
      ...(command.stdin !== undefined ? { stdin: command.stdin } : {}),
      stdout: r.stdout,
      stderr: r.stderr,
      exitCode: r.exitCode,
      ...(r.signal ? { signal: r.signal } : {}),
      ...(r.timedOut ? { timedOut: true } : {}),
      startedAt: r.startedAt,
      durationMs: r.durationMs,
      write: isWriteCommand(command.argv),
      ...(long ? { long: true } : {}),
    }
    journal.write(entry)
    lastId = id
    return id
  }

  const ctx: StepContext = {
    config: opts.config,
    step: step.id,
    signal: opts.signal,
    root: opts.root,
    journal,
    flags: opts.flags ?? {},
    run: async (command) => {
      assertLabContext(command.argv, opts.config.profile)
      if (opts.signal.aborted) throw new InterruptedError()
      const r = await runner({ ...command, signal: command.signal ?? opts.signal })
      record(command, r)
      if (opts.signal.aborted) throw new InterruptedError()
      return r
    },
    must: async (command, hint) => {
      const r = await ctx.run(command)
      if (r.exitCode !== 0) throw new CommandError(command, r, hint)
      return r
    },
    kubectl: (...args) => kubectlArgv(opts.config.profile, ...args),
    spawn: (command) => {
      assertLabContext(command.argv, opts.config.profile)
      const p = spawner(command)
      void p.done.then((r) => record(command, r, true))
      return p
    },
    observe: (key, value, evidence) => {
      const id = journal.nextId()
      journal.write({
        type: 'observation',
        id,
        step: step.id,
        key,
        at: new Date().toISOString(),
        value,
        evidence: [...evidence],
      })
      return id
    },
    artifact: (key, name, bytes, o) => {
      const id = journal.nextId()
      const saved = journal.saveArtifact(name, bytes, o.mediaType)
      journal.write({
        type: 'artifact',
        id,
        step: step.id,
        key,
        ...saved,
        mediaType: o.mediaType,
        description: o.description,
        evidence: [...(o.evidence ?? [])],
      })
      return id
    },
    versions: (v) => journal.write({ type: 'versions', at: new Date().toISOString(), ...v }),
    note: (message, level = 'info') =>
      journal.write({
        type: 'note',
        at: new Date().toISOString(),
        step: step.id,
        level,
        message,
      }),
    progress: (m) => opts.reporter.stepProgress(step.id, m),
    waitFor: async (condition, probe, wopts) => {
      const t = Date.now()
      try {
        return await waitFor(condition, probe, {
          signal: opts.signal,
          onObserve: (o) => opts.reporter.stepProgress(step.id, `${condition}: ${o}`),
          ...wopts,
        })
      } finally {
        waitedMs += Date.now() - t
      }
    },
    lastEntryId: () => lastId,
  }
  return { ctx, waitedMs: () => waitedMs }
}
