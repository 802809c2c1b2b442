// Runs cluster steps through core's real engine with a scripted fake runner and a temp-dir journal.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  CommandError,
  Evidence,
  Journal,
  fakeRunner,
  hashConfig,
  kubectlArgv,
  parseConfig,
  plainReporter,
  readRun,
  runSteps,
  waitFor,
} from '@lab4/core'
import type { CommandEntry, FakeExpectation, LabConfig, Runner, Step, StepContext } from '@lab4/core'

export const labConfig = (yaml = '{}'): LabConfig => parseConfig(yaml, 'lab.config.yaml').config

export type RunOptions = {
  config?: LabConfig
  flags?: Record<string, string | boolean | undefined>
  collectOnly?: boolean
  /** Use this runner instead of a fake runner built from the script. */
  runner?: Runner
}

export async function runScripted(steps: readonly Step[], script: FakeExpectation[], o: RunOptions = {}) {
  const config = o.config ?? labConfig()
  const runsDir = mkdtempSync(join(tmpdir(), 'lab4-cluster-'))
  const lines: string[] = []
  const runner = fakeRunner(script)
  const result = await runSteps({
    steps,
    config,
    configFile: 'lab.config.yaml',
    configHash: hashConfig(config),
    root: runsDir,
    runsDir,
    reporter: plainReporter((l) => lines.push(l)),
    signal: new AbortController().signal,
    runner: o.runner ?? runner,
    flags: o.flags ?? {},
    collectOnly: o.collectOnly ?? false,
    keepGoing: true,
  })
  const record = readRun(result.runDir)
  const commands = record.entries.filter((e): e is CommandEntry => e.type === 'command')
  return {
    result,
    record,
    evidence: new Evidence(record.entries),
    commands,
    runner,
    output: lines.join('\n'),
  }
}

/** Evidence holding one recorded command per `[key, stdout, exitCode]`, for pure check tests. */
export function evidenceOf(
  records: ReadonlyArray<readonly [key: string, stdout: string, exitCode?: number]>,
): Evidence {
  return new Evidence(
    records.map(([key, stdout, exitCode = 0], i): CommandEntry => ({
      type: 'command',
      id: `e${String(i + 1).padStart(4, '0')}`,
      step: key.split('.').slice(0, 2).join('.'),
      key,
      argv: ['kubectl', '--context', 'lab4', 'get', key],
      stdout,
      stderr: exitCode === 0 ? '' : "error: the server doesn't have a resource type",
      exitCode,
      startedAt: '2025-01-14T01:30:00.000Z',
      durationMs: 5,
      write: false,
    })),
  )
}

/** A bare StepContext over `runner` for calling one step function directly (no recording beyond a temp journal). */
export function makeContext(runner: Runner, o: RunOptions = {}): StepContext {
  const config = o.config ?? labConfig()
  const dir = mkdtempSync(join(tmpdir(), 'lab4-cluster-ctx-'))
  const signal = new AbortController().signal
  const ctx: StepContext = {
    config,
    step: 'test',
    signal,
    root: dir,
    journal: new Journal(dir),
    flags: o.flags ?? {},
    run: (command) => runner(command),
    must: async (command, hint) => {
      const r = await runner(command)
      if (r.exitCode !== 0) throw new CommandError(command, r, hint)
      return r
    },
    kubectl: (...args) => kubectlArgv(config.profile, ...args),
    spawn: () => {
      throw new Error('spawn is not used by the cluster steps')
    },
    observe: () => 'e0000',
    artifact: () => 'e0000',
    versions: () => undefined,
    note: () => undefined,
    progress: () => undefined,
    waitFor: (condition, probe, opts) => waitFor(condition, probe, { signal, ...opts }),
    lastEntryId: () => undefined,
  }
  return ctx
}
