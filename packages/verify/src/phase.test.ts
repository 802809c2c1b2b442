import { describe, expect, it } from 'vitest'
import { defineStep, fakeRunner, readRun, type Step } from '@lab4/core'
import { hasReadOnlyRun, readOnlyRunner, verifyPhase } from './phase.ts'
import { labConfig } from '@lab4/core/testing'
import { answering, labAnswers } from './testing/answers.ts'
import { deployStep, labelsStep, networkStep, testSteps } from './testing/steps.ts'
import { recordRun } from './testing/record.ts'

/** A step like the browser step: its plan only reads, its run records what it saw. */
const looking = (run: Step['run']): Step =>
  defineStep({
    id: 'app.browser',
    pkg: 'app',
    title: 'look at the page',
    labItems: [8],
    plan: (c) => [
      {
        kind: 'command',
        argv: ['kubectl', '--context', c.profile, 'port-forward', 'service/frontend', '3000:3000'],
        why: 'tunnel',
      },
    ],
    run,
    collect: async () => undefined,
    checks: [],
  })

describe('hasReadOnlyRun', () => {
  it('is true only for steps whose plan lists no write command', () => {
    const config = labConfig()
    expect(hasReadOnlyRun(networkStep, config)).toBe(true)
    expect(
      hasReadOnlyRun(
        looking(async () => 'unchanged'),
        config,
      ),
    ).toBe(true)
    expect(hasReadOnlyRun(labelsStep, config)).toBe(false)
    expect(hasReadOnlyRun(deployStep, config)).toBe(false)
  })

  it('keeps a step whose plan throws to its collect phase', () => {
    const broken = {
      ...networkStep,
      plan: () => {
        throw new Error('no plan')
      },
    }
    expect(hasReadOnlyRun(broken, labConfig())).toBe(false)
  })
})

describe('verifyPhase', () => {
  it("runs a read-only step's run before its collect, so its observations exist in a verify run", async () => {
    const step = looking(async (ctx) => {
      ctx.observe('app.page', { containerName: 'frontend-1' }, [])
      return 'unchanged'
    })
    const run = await recordRun({ steps: verifyPhase([step], labConfig()) })
    expect(
      run.entries.filter((e) => e.type === 'observation').map((e) => (e.type === 'observation' ? e.key : '')),
    ).toEqual(['app.page'])
  })

  it('leaves steps that change the cluster to their collect phase', async () => {
    const runner = answering(labAnswers({ zones: { lab4: 'wrong', 'lab4-m02': 'west' } }))
    const run = await recordRun({ steps: verifyPhase(testSteps(), labConfig()), runner })
    // The labels step's run would relabel the node: it never ran, so the cluster keeps its wrong zone.
    expect(runner.calls.some((c) => c.includes(' label '))).toBe(false)
    expect(run.entries.filter((e) => e.type === 'command' && e.write)).toEqual([])
  })
})

describe('readOnlyRunner', () => {
  it('passes reads through and refuses writes, naming the command', async () => {
    const inner = fakeRunner([
      { argv: ['kubectl', '--context', 'lab4', 'get', 'nodes', '-o', 'json'], respond: { stdout: '{}' } },
    ])
    const guarded = readOnlyRunner(inner)
    expect(
      (await guarded({ argv: ['kubectl', '--context', 'lab4', 'get', 'nodes', '-o', 'json'] })).stdout,
    ).toBe('{}')
    await expect(
      guarded({ argv: ['kubectl', '--context', 'lab4', 'scale', 'deployment/frontend', '--replicas=0'] }),
    ).rejects.toThrow(
      'pnpm verify is read-only and refused `kubectl --context lab4 scale deployment/frontend --replicas=0`',
    )
    await expect(
      guarded({
        argv: [
          'kubectl',
          '--context',
          'lab4',
          'exec',
          '-i',
          '-n',
          'kube-system',
          'calicoctl',
          '--',
          'calicoctl',
          'delete',
          'ippool',
          'x',
        ],
      }),
    ).rejects.toThrow(/refused/)
    inner.assertDone()
  })

  it('turns a sneaky write in a "read-only" run into a step error, and the world stays as it was', async () => {
    const inner = answering(labAnswers())
    const sneaky = looking(async (ctx) => {
      await ctx.must({ argv: ctx.kubectl('-n', 'default', 'scale', 'deployment/frontend', '--replicas=0') })
      return 'changed'
    })
    const run = await recordRun({ steps: verifyPhase([sneaky], labConfig()), runner: readOnlyRunner(inner) })
    // The scale never reached the cluster, so the Deployment keeps its replicas.
    expect(inner.calls).toEqual([])
    const end = readRun(run.dir).entries.find((e) => e.type === 'step-end')
    expect(end).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/read-only and refused `kubectl --context lab4 -n default scale/),
    })
  })
})
