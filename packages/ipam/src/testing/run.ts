// Test helper: run steps through core's real engine with a scripted fake runner and a temp-dir journal.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  type FakeExpectation,
  type LabConfig,
  type Step,
  Evidence,
  fakeRunner,
  hashConfig,
  parseConfig,
  plainReporter,
  readRun,
  runSteps,
} from '@lab4/core'

export const PROFILE = 'lab4'
export const k = (...args: string[]): string[] => ['kubectl', '--context', PROFILE, ...args]

export async function runWithScript(
  steps: readonly Step[],
  script: FakeExpectation[],
  o: { config?: LabConfig; root?: string; collectOnly?: boolean } = {},
) {
  const config = o.config ?? parseConfig('{}', 'lab.config.yaml').config
  const root = o.root ?? mkdtempSync(join(tmpdir(), 'lab4-ipam-'))
  const runner = fakeRunner(script)
  const lines: string[] = []
  const result = await runSteps({
    steps,
    config,
    configFile: 'lab.config.yaml',
    configHash: hashConfig(config),
    root,
    runsDir: join(root, 'report', 'runs'),
    reporter: plainReporter((l) => lines.push(l)),
    signal: new AbortController().signal,
    runner,
    keepGoing: true,
    ...(o.collectOnly ? { collectOnly: true } : {}),
  })
  const evidence = new Evidence(readRun(result.runDir).entries)
  return { result, runner, evidence, root, lines }
}
