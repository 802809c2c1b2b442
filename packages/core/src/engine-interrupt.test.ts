import { describe, expect, it } from 'vitest'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runSteps } from './engine.ts'
import { defineCheck, fail, pass } from './check.ts'
import { defineStep } from './step.ts'
import { plainReporter } from './progress.ts'
import { readRun } from './journal/reader.ts'
import { fakeRunner } from './runner/fake-runner.ts'
import { labConfig } from './testing/run.ts'
import type { VerdictEntry } from './journal/schema.ts'

const failing = defineCheck({
  id: 'test.needs-both-nodes',
  step: 'test.wait',
  title: 'fails on what an interrupted step recorded',
  evaluate: () => fail({ expected: '2 nodes', actual: '1 node', hint: 'add a node' }),
})
const passing = defineCheck({
  id: 'test.already-true',
  step: 'test.wait',
  title: 'already judged true',
  evaluate: () => pass({ expected: 'x', actual: 'x' }),
})

describe('a step cut short by a signal', () => {
  it('is NOT-GRADABLE (interrupted): never FAIL, and never PASS on partial evidence', async () => {
    const runsDir = mkdtempSync(join(tmpdir(), 'lab4-int-'))
    const ac = new AbortController()
    const step = defineStep({
      id: 'test.wait',
      pkg: 'cluster',
      title: 'waits until interrupted',
      labItems: [1],
      plan: () => [],
      run: async (ctx) => {
        setTimeout(() => ac.abort(), 50)
        await ctx.waitFor('a node that never comes', async () => ({ done: false, observed: '1 node' }), {
          timeoutMs: 60_000,
          intervalMs: 20,
        })
        return 'changed'
      },
      collect: async () => undefined,
      checks: [failing, passing],
    })
    const result = await runSteps({
      steps: [step],
      config: labConfig(),
      configFile: 'lab.config.yaml',
      configHash: 'x',
      root: runsDir,
      runsDir,
      reporter: plainReporter(() => undefined),
      signal: ac.signal,
      runner: fakeRunner([]),
    })
    expect(result.exitCode).toBe(130)
    const entries = readRun(result.runDir).entries
    const verdicts = entries.filter((e): e is VerdictEntry => e.type === 'verdict')
    expect(verdicts.map((v) => [v.check, v.status, v.cause])).toEqual([
      ['test.needs-both-nodes', 'NOT-GRADABLE', 'interrupted'],
      ['test.already-true', 'NOT-GRADABLE', 'interrupted'],
    ])
    expect(verdicts[0]?.actual).toBe(
      'the step was interrupted before it finished; on what it had recorded: 1 node',
    )
    expect(entries.at(-1)).toMatchObject({ type: 'end', outcome: 'interrupted' })
  })
})
