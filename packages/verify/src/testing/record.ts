// Test support: record runs of the fake steps through core's real engine, and load real-output fixtures.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  LabConfigSchema,
  plainReporter,
  readRun,
  runSteps,
  type LabConfig,
  type RunRecord,
  type Runner,
  type Step,
} from '@lab4/core'
import type { FakeWorld } from './fake-world.ts'
import { worldRunner } from './fake-kubectl.ts'

export const defaultConfig = (): LabConfig => LabConfigSchema.parse({})

export const tempDir = (): string => mkdtempSync(join(tmpdir(), 'lab4-verify-'))

export const silent = () => plainReporter(() => undefined)

export async function recordRun(o: {
  world: FakeWorld
  steps: readonly Step[]
  runsDir?: string
  simulated?: boolean
  collectOnly?: boolean
  flags?: Record<string, string>
  config?: LabConfig
  /** Wrap the world's runner (e.g. in the read-only guard). */
  runner?: (inner: Runner) => Runner
}): Promise<RunRecord> {
  const r = await runSteps({
    steps: o.steps,
    config: o.config ?? defaultConfig(),
    configFile: 'lab.config.yaml',
    configHash: 'test',
    root: tempDir(),
    runsDir: o.runsDir ?? join(tempDir(), 'runs'),
    reporter: silent(),
    signal: new AbortController().signal,
    mode: o.collectOnly ? 'verify' : 'lab',
    simulated: o.simulated ?? false,
    collectOnly: o.collectOnly ?? true,
    keepGoing: true,
    runner: (o.runner ?? ((r: Runner) => r))(worldRunner(o.world)),
    flags: o.flags ?? {},
  })
  return readRun(r.runDir)
}

/** A file from /work/shared/real-outputs copied into src/fixtures, without its `# source:` line. */
export function fixture(name: string): string {
  const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
  return text.slice(text.indexOf('\n') + 1)
}
