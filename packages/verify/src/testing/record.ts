// Test helper: record a run of steps through core's real engine over scripted answers, and read copied real outputs.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { plainReporter, type LabConfig, type RunRecord, type Runner, type Step } from '@lab4/core'
import { fixtureReader, labConfig, runScripted } from '@lab4/core/testing'
import type { EngineDriverOptions } from '../self-test/driver.ts'
import { answering, labAnswers, type Lab } from './answers.ts'

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'lab4-verify-'))

export const silent = () => plainReporter(() => undefined)

/** A file from /work/shared/real-outputs copied into src/fixtures, without its `# source:` line. */
export const fixture = fixtureReader(join(import.meta.dirname, '..', 'fixtures'))

/** The steps' collect (or their whole run) over the answers for `lab`, read back from the journal on disk. */
export async function recordRun(o: {
  steps: readonly Step[]
  lab?: Lab
  simulated?: boolean
  collectOnly?: boolean
  config?: LabConfig
  /** Answer with this runner instead (e.g. the answers wrapped in the read-only guard). */
  runner?: Runner
}): Promise<RunRecord> {
  const run = await runScripted(o.steps, [], {
    runner: o.runner ?? answering(labAnswers(o.lab)),
    collectOnly: o.collectOnly ?? true,
    simulated: o.simulated ?? false,
    ...(o.config ? { config: o.config } : {}),
  })
  return run.record
}

/** The self-test engine driver's options in a test: simulated, silent, its runs under a fresh `baseDir`. */
export const driverOptions = (
  steps: readonly Step[],
  runner: Runner,
  more: Partial<EngineDriverOptions> = {},
): EngineDriverOptions => ({
  steps,
  config: labConfig(),
  configFile: 'lab.config.yaml',
  configHash: 'test',
  root: tempDir(),
  baseDir: tempDir(),
  simulated: true,
  signal: new AbortController().signal,
  reporter: silent(),
  runner,
  ...more,
})
