// Test helper: run this package's steps through core's real engine with a scripted runner, into a temp run dir.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  fakeRunner,
  plainReporter,
  readRun,
  runSteps,
  type EngineOptions,
  type FakeExpectation,
  type LabConfig,
  type Step,
} from '@lab4/core'

export async function runWithFake(
  steps: Step[],
  config: LabConfig,
  script: FakeExpectation[],
  o: Partial<EngineOptions> & { root?: string } = {},
) {
  const root = o.root ?? mkdtempSync(join(tmpdir(), 'app-root-'))
  const runner = fakeRunner(script)
  const lines: string[] = []
  const result = await runSteps({
    steps,
    config,
    configFile: 'lab.config.yaml',
    configHash: 'test',
    root,
    runsDir: join(root, 'runs'),
    reporter: plainReporter((l) => lines.push(l)),
    signal: new AbortController().signal,
    runner,
    keepGoing: true,
    ...o,
  })
  return { result, runner, root, lines, record: readRun(result.runDir) }
}

/** An expectation on exact argv. */
export const expect$ = (
  argv: string[],
  stdout = '',
  o: { exitCode?: number; stderr?: string; stdin?: FakeExpectation['stdin'] } = {},
): FakeExpectation => ({
  argv,
  ...(o.stdin !== undefined ? { stdin: o.stdin } : {}),
  respond: { stdout, stderr: o.stderr ?? '', exitCode: o.exitCode ?? 0 },
})
