import { describe, expect, it } from 'vitest'
import { defineCheck, verdict, withEvidence } from '../check.ts'
import { defineStep, type Step } from '../step.ts'
import { k, labConfig, labNodes, list, runScripted, runStep, say, stepContext } from './index.ts'

const labelStep = (): Step =>
  defineStep({
    id: 'cluster.labels',
    pkg: 'cluster',
    title: 'label nodes',
    labItems: [4],
    plan: () => [],
    run: async (ctx) => {
      await ctx.must({ argv: ctx.kubectl('label', 'node', 'lab4', 'zone=east', '--overwrite') })
      return 'changed'
    },
    collect: async (ctx) => {
      await ctx.run({ argv: ctx.kubectl('get', 'nodes', '-o', 'json'), key: 'cluster.nodes.json' })
    },
    checks: [
      defineCheck({
        id: 'cluster.zone-labels',
        step: 'cluster.labels',
        title: 'zone label',
        evaluate: (ev) =>
          withEvidence(ev, ['cluster.nodes.json'], 'nodes', (c) =>
            verdict(c.stdout.includes('"zone": "east"'), {
              expected: 'east',
              actual: 'no zone',
              hint: 'label the node',
              evidence: [c],
            }),
          ),
      }),
    ],
  })

const script = () => [
  say(k('label', 'node', 'lab4', 'zone=east', '--overwrite'), 'node/lab4 labeled\n'),
  say(k('get', 'nodes', '-o', 'json'), list(labNodes({ lab4: 'east' }))),
]

describe('runScripted', () => {
  it('runs steps through the engine and returns the record read back, verdicts included', async () => {
    const r = await runScripted([labelStep()], script(), { assertDone: true })
    expect(r.result.exitCode).toBe(0)
    expect(r.commands.map((c) => [c.key, c.write])).toEqual([
      [undefined, true],
      ['cluster.nodes.json', false],
    ])
    expect(r.entries.find((e) => e.type === 'verdict')).toMatchObject({
      status: 'PASS',
      evidence: [r.commands[1]?.id],
    })
    expect(r.evidence.header?.profile).toBe('lab4')
    expect(r.output).toContain('cluster.labels')
  })

  it('collect-only runs no write; assertDone names the scripted calls that never ran', async () => {
    const r = await runScripted([labelStep()], script().slice(1), { collectOnly: true })
    expect(r.commands.some((c) => c.write)).toBe(false)
    await expect(
      runScripted([labelStep()], [...script().slice(1), say(k('get', 'pods'))], {
        collectOnly: true,
        assertDone: true,
      }),
    ).rejects.toThrow(/1 expected command\(s\) never ran/)
  })
})

describe('runStep and stepContext', () => {
  it('runStep calls run then collect outside the engine and returns the recorded entries', async () => {
    const r = await runStep(labelStep(), script(), { assertDone: true })
    expect(r.outcome).toBe('changed')
    expect(r.entries.map((e) => e.type)).toEqual(['command', 'command'])
    expect(r.commands.every((c) => c.step === 'cluster.labels')).toBe(true)
    expect(r.evidence.command('cluster.nodes.json')?.exitCode).toBe(0)
    const collected = await runStep(labelStep(), script().slice(1), { phase: 'collect' })
    expect([collected.outcome, collected.commands.length]).toEqual([undefined, 1])
  })

  it('runStep raises what the step raised: a scripted failure of must()', async () => {
    const failing = [
      say(k('label', 'node', 'lab4', 'zone=east', '--overwrite'), '', {
        exitCode: 1,
        stderr: 'Error from server (NotFound): nodes "lab4" not found',
      }),
    ]
    await expect(runStep(labelStep(), failing)).rejects.toThrow(/NotFound/)
  })

  it('stepContext keeps the engine guards: kubectl must carry the lab context; observations are recorded', async () => {
    const h = stepContext([], { config: labConfig('profile: lab4') })
    await expect(h.ctx.run({ argv: ['kubectl', 'get', 'nodes'] })).rejects.toThrow(/context "lab4"/)
    const id = h.ctx.observe('test.value', 42, [])
    expect(h.entries()).toEqual([
      expect.objectContaining({ type: 'observation', id, value: 42, step: 'test.step' }),
    ])
    expect(() => h.ctx.spawn({ argv: k('port-forward', 'service/frontend', '3000:3000') })).toThrow(
      /not scripted/,
    )
  })
})
