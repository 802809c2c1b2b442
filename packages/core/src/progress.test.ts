import { describe, expect, it } from 'vitest'
import { plainReporter } from './progress.ts'
import { defineStep, type Step } from './step.ts'
import { runScripted } from './testing/run.ts'

// A wait step like cluster.ready: it changes nothing, it waits until the cluster says yes.
const waitStep = (looksUntilReady: number): Step => {
  let looks = 0
  return defineStep({
    id: 'test.ready',
    pkg: 'cluster',
    title: 'nodes Ready',
    labItems: [],
    plan: () => [],
    run: async (ctx) => {
      await ctx.waitFor(
        '2 nodes Ready',
        async () => {
          looks += 1
          return {
            done: looks >= looksUntilReady,
            observed: looks >= looksUntilReady ? '2/2 Ready' : '0/2 Ready',
          }
        },
        { timeoutMs: 5000, intervalMs: 1 },
      )
      return 'unchanged'
    },
    collect: async () => undefined,
    checks: [],
  })
}

describe('step end lines', () => {
  it('a step that had to wait for the cluster says it waited, not unchanged', async () => {
    const { output } = await runScripted([waitStep(3)], [])
    expect(output).toMatch(/^✔ test\.ready waited \d+\.\ds \(\d+\.\ds\)$/m)
    expect(output).not.toMatch(/test\.ready unchanged/)
  })

  it('a step whose wait was satisfied at the first look is unchanged', async () => {
    const { output, result } = await runScripted([waitStep(1)], [])
    expect(output).toMatch(/^✔ test\.ready unchanged \(\d+\.\ds\)$/m)
    expect(result.steps).toEqual([{ id: 'test.ready', status: 'unchanged' }])
  })

  it('the journal keeps the step unchanged either way: the wording is only progress', async () => {
    const { result } = await runScripted([waitStep(3)], [])
    expect(result.steps).toEqual([{ id: 'test.ready', status: 'unchanged' }])
  })
})

describe('plainReporter', () => {
  it('never prints an identical line twice in a row, but does print it again after another line', () => {
    const lines: string[] = []
    const r = plainReporter((l) => lines.push(l))
    r.stepProgress('app.browser', 'the page: waiting for the app to render')
    r.stepProgress('app.browser', 'the page: waiting for the app to render')
    r.stepProgress('app.browser', 'the page: rendered')
    r.stepProgress('app.browser', 'the page: waiting for the app to render')
    r.info('note')
    r.info('note')
    expect(lines).toEqual([
      '  app.browser: the page: waiting for the app to render',
      '  app.browser: the page: rendered',
      '  app.browser: the page: waiting for the app to render',
      'note',
    ])
  })
})
