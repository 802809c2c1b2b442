import { describe, expect, it } from 'vitest'
import { defineStep, fakeRunner, readRun, type Step } from '@lab4/core'
import { hasReadOnlyRun, readOnlyRunner, verifyPhase } from './phase.ts'
import { fakeWorld } from './testing/fake-world.ts'
import { deployStep, fakeSteps, labelsStep, networkStep } from './testing/fake-steps.ts'
import { defaultConfig, recordRun } from './testing/record.ts'

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
    const config = defaultConfig()
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
    expect(hasReadOnlyRun(broken, defaultConfig())).toBe(false)
  })
})

describe('verifyPhase', () => {
  it("runs a read-only step's run before its collect, so its observations exist in a verify run", async () => {
    const step = looking(async (ctx) => {
      ctx.observe('app.page', { containerName: 'frontend-1' }, [])
      return 'unchanged'
    })
    const run = await recordRun({ world: fakeWorld(), steps: verifyPhase([step], defaultConfig()) })
    expect(
      run.entries.filter((e) => e.type === 'observation').map((e) => (e.type === 'observation' ? e.key : '')),
    ).toEqual(['app.page'])
  })

  it('leaves steps that change the cluster to their collect phase', async () => {
    const world = fakeWorld()
    world.nodes[0] = { name: 'lab4', zone: 'wrong' }
    await recordRun({ world, steps: verifyPhase(fakeSteps(), defaultConfig()) })
    expect(world.nodes[0]?.zone).toBe('wrong')
    expect(world.calls.some((c) => c.includes(' label '))).toBe(false)
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
    const world = fakeWorld()
    const sneaky = looking(async (ctx) => {
      await ctx.must({ argv: ctx.kubectl('-n', 'default', 'scale', 'deployment/frontend', '--replicas=0') })
      return 'changed'
    })
    const run = await recordRun({
      world,
      steps: verifyPhase([sneaky], defaultConfig()),
      runner: readOnlyRunner,
    })
    expect(world.replicas).toBe(2)
    const end = readRun(run.dir).entries.find((e) => e.type === 'step-end')
    expect(end).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/read-only and refused `kubectl --context lab4 -n default scale/),
    })
  })
})
