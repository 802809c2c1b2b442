import { describe, expect, it } from 'vitest'
import type { PlanItem } from '@lab4/core'
import { ipamSteps } from '../index.ts'
import { runScripted } from '@lab4/core/testing'
import { config, firstRun, misplacedAppRerun } from '../testing/script.ts'
import { poolsStep } from './pools-step.ts'

// A planned `<ns>` or `deployment/<owner>` stands for whatever the run fills in there.
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
const pattern = (argv: readonly string[]) =>
  new RegExp(`^${argv.map((a) => escape(a).replace(/<\w+>/g, '\\S+')).join(' ')}$`)
const planned = ipamSteps.flatMap((s) =>
  s.plan(config).flatMap((i: PlanItem) => (i.kind === 'command' ? [pattern(i.argv)] : [])),
)
const unplanned = (ran: readonly { argv: readonly string[] }[]) =>
  ran.map((c) => c.argv.join(' ')).filter((c) => !planned.some((p) => p.test(c)))

describe('plan versus run', () => {
  it('the plan covers every command a first run on a fresh cluster executes', async () => {
    const { commands, result } = await runScripted(ipamSteps, firstRun(), { assertDone: true })
    expect(result.steps.map((s) => s.status)).toEqual(['changed', 'changed'])
    expect(commands.length).toBeGreaterThan(15)
    expect(unplanned(commands)).toEqual([])
  })

  it('the plan covers a re-run that restarts a misplaced workload and waits for it', async () => {
    const { commands } = await runScripted([poolsStep], misplacedAppRerun(), { assertDone: true })
    expect(commands.map((c) => c.argv.join(' '))).toContain(
      'kubectl --context lab4 -n default rollout restart deployment/frontend',
    )
    expect(unplanned(commands)).toEqual([])
  })

  it('a command the plan does not list is caught', () => {
    expect(unplanned([{ argv: ['kubectl', '--context', 'lab4', 'delete', 'ippool', 'x'] }])).toHaveLength(1)
  })
})
