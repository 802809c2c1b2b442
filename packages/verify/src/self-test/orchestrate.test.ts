import { describe, expect, it } from 'vitest'
import {
  defineCheck,
  defineStep,
  fail,
  notGradable,
  pass,
  type LabConfig,
  type Step,
  type Verdict,
} from '@lab4/core'
import type { GradedCheck } from '../grade.ts'
import { isRed, runSelfTest, type GradeOptions, type SelfTestDriver } from './orchestrate.ts'
import { defineMutation, type Flags, type Mutation, type World } from './mutation.ts'
import { printSelfTest } from './print.ts'

// An in-memory world and checks over it: the orchestration is tested without the engine.
type Toy = { replicas: number; dns: boolean; pingSelf: boolean }

const judge: Record<string, (w: Toy) => Verdict> = {
  'app.replicas': (w) =>
    w.replicas === 2
      ? pass({ expected: '2', actual: '2' })
      : fail({ expected: '2', actual: String(w.replicas), hint: 'scale' }),
  'app.ping': (w) =>
    !w.dns
      ? notGradable('missing-evidence', { expected: 'reply', actual: 'bad address', hint: 'dns' })
      : w.pingSelf
        ? fail({ expected: 'neighbour', actual: 'self', hint: 'self' })
        : pass({ expected: 'neighbour', actual: 'neighbour' }),
  'cluster.nodes': () => pass({ expected: '2 nodes', actual: '2 nodes' }),
}

const step = (id: string, checks: string[]): Step =>
  defineStep({
    id,
    pkg: 'app',
    title: id,
    labItems: [],
    plan: () => [],
    run: async () => 'unchanged',
    collect: async () => undefined,
    checks: checks.map((c) =>
      defineCheck({
        id: c,
        step: id,
        title: `title of ${c}`,
        evaluate: () => pass({ expected: '', actual: '' }),
      }),
    ),
  })

const steps = (withNodes = true) => [
  ...(withNodes ? [step('cluster.ready', ['cluster.nodes'])] : []),
  step('app.deploy', ['app.replicas']),
  step('app.network', ['app.ping']),
]

function toyDriver(world: Toy, stepsList: readonly Step[]): SelfTestDriver & { log: string[] } {
  const log: string[] = []
  const toyWorld = { config: {} as LabConfig, toy: world } as unknown as World & { toy: Toy }
  const wrote = new Map<string, boolean>()
  return {
    log,
    wrote: (label) => wrote.get(label),
    grade: async (label: string, flags?: Flags, o?: GradeOptions) => {
      log.push(
        `grade ${label}${flags?.['ping-target'] ? ` ping-target=${String(flags['ping-target'])}` : ''}${o?.mutated ? ' (impatient)' : ''}`,
      )
      const w = { ...world, pingSelf: flags?.['ping-target'] === 'self' }
      return stepsList.flatMap((s) =>
        s.checks.map((c): GradedCheck => ({
          ...(judge[c.id]?.(w) ?? pass({ expected: '', actual: '' })),
          check: c.id,
          step: s.id,
          title: c.title,
          refs: [],
        })),
      )
    },
    act: async <T>(label: string, body: (w: World) => Promise<T>) => {
      log.push(`act ${label}`)
      const before = JSON.stringify(world)
      try {
        return await body(toyWorld)
      } finally {
        wrote.set(label, JSON.stringify(world) !== before)
      }
    },
  }
}

const toy = (w: World) => (w as World & { toy: Toy }).toy

const scale = defineMutation({
  id: 'scale-to-zero',
  description: 'replicas to 0',
  targets: ['app.replicas'],
  apply: async (w) => {
    toy(w).replicas = 0
    return { before: '2' }
  },
  restore: async (w, memo) => void (toy(w).replicas = Number(memo.before)),
})
const dns = defineMutation({
  id: 'dns-broken',
  description: 'coredns to 0',
  targets: ['app.network'],
  apply: async (w) => void (toy(w).dns = false),
  restore: async (w) => void (toy(w).dns = true),
})
const self = defineMutation({
  id: 'ping-self',
  description: 'ping self',
  targets: ['app.ping'],
  collectFlags: { 'ping-target': 'self' },
  apply: async () => undefined,
  restore: async () => undefined,
})

const green = (): Toy => ({ replicas: 2, dns: true, pingSelf: false })

describe('runSelfTest', () => {
  it('applies, grades red, restores and grades green for each mutation, and exits 0 when every check can fail', async () => {
    const driver = toyDriver(green(), steps(false))
    const r = await runSelfTest({ driver, steps: steps(false), mutations: [scale, dns, self] })
    expect(r.exitCode).toBe(0)
    expect(r.defects).toEqual([])
    expect(
      r.mutations.map((m) => [
        m.id,
        m.ok,
        m.red.map((x) => `${x.check}:${x.status}${x.cause ? `:${x.cause}` : ''}`),
      ]),
    ).toEqual([
      ['scale-to-zero', true, ['app.replicas:FAIL']],
      ['dns-broken', true, ['app.ping:NOT-GRADABLE:missing-evidence']],
      ['ping-self', true, ['app.ping:FAIL']],
    ])
    expect(r.coverage.map((c) => [c.check, c.redBy, c.failedBy])).toEqual([
      ['app.replicas', ['scale-to-zero'], ['scale-to-zero']],
      ['app.ping', ['dns-broken', 'ping-self'], ['ping-self']],
    ])
    // Only the mutated grades may give up early; ping-self changed nothing in the world, so it is not re-graded.
    expect(driver.log).toEqual([
      'grade baseline',
      'act scale-to-zero.apply',
      'grade scale-to-zero.mutated (impatient)',
      'act scale-to-zero.restore',
      'grade scale-to-zero.restored',
      'act dns-broken.apply',
      'grade dns-broken.mutated (impatient)',
      'act dns-broken.restore',
      'grade dns-broken.restored',
      'act ping-self.apply',
      'grade ping-self.mutated ping-target=self (impatient)',
      'act ping-self.restore',
    ])
    expect(r.mutations.map((m) => m.untouched)).toEqual([undefined, undefined, true])
    expect(printSelfTest(r)).toContain(
      '✔ ping-self: ping self\n    targets: app.ping\n    turned red: app.ping (FAIL)\n    restored: nothing to restore (no command changed the cluster)\n',
    )
  })

  it('re-grades after a restore whenever the driver cannot tell that nothing changed', async () => {
    const driver = { ...toyDriver(green(), steps(false)), wrote: undefined }
    const r = await runSelfTest({ driver, steps: steps(false), mutations: [self] })
    expect(r.mutations[0]?.untouched).toBeUndefined()
    expect(driver.log.at(-1)).toBe('grade ping-self.restored')
  })

  it('reports a check that no mutation turned red as a defect ("cannot be made to fail") and exits 1', async () => {
    const r = await runSelfTest({
      driver: toyDriver(green(), steps()),
      steps: steps(),
      mutations: [scale, dns, self],
    })
    expect(r.mutations.every((m) => m.ok)).toBe(true)
    expect(r.defects).toEqual(['cluster.nodes'])
    expect(r.exitCode).toBe(1)
    const text = printSelfTest(r)
    expect(text).toMatch(/cluster\.nodes\s+✖ DEFECT: cannot be made to fail \(no mutation turned it red\)/)
    expect(text).toMatch(/app\.ping\s+✔ yes: dns-broken \(N\/G\), ping-self\n/)
    expect(text.trimEnd().split('\n').at(-1)).toBe('3/3 mutations behaved, 2/3 checks can fail, 1 defect')
  })

  it('flags a mutation whose target stayed green, and a target that names no check or step', async () => {
    const blind = defineMutation({ ...scale, id: 'blind', targets: ['app.network', 'app.no-such-check'] })
    const r = await runSelfTest({
      driver: toyDriver(green(), steps(false)),
      steps: steps(false),
      mutations: [blind, dns, self],
    })
    expect(r.mutations[0]).toMatchObject({
      ok: false,
      missed: ['app.network'],
      unknown: ['app.no-such-check'],
    })
    expect(r.exitCode).toBe(1)
    expect(printSelfTest(r)).toContain('stayed green although targeted: app.network')
  })

  it('stops when a mutation does not restore the lab, and says so', async () => {
    const sticky: Mutation = { ...scale, id: 'sticky', restore: async () => undefined }
    const driver = toyDriver(green(), steps(false))
    const r = await runSelfTest({ driver, steps: steps(false), mutations: [sticky, dns] })
    expect(r.mutations).toHaveLength(1)
    expect(r.mutations[0]).toMatchObject({ ok: false, stillRed: ['app.replicas'] })
    expect(r.stopped).toMatch(
      /^sticky did not restore the lab \(still red: app.replicas\); later mutations were not run/,
    )
    expect(driver.log).not.toContain('act dns-broken.apply')
    expect(r.exitCode).toBe(1)
  })

  it('still restores after a failed apply, and records the error', async () => {
    const world = green()
    const half: Mutation = {
      ...scale,
      id: 'half',
      apply: async (w) => {
        toy(w).replicas = 0
        throw new Error('kubectl scale exited 1: forbidden')
      },
      restore: async (w) => void (toy(w).replicas = 2),
    }
    const r = await runSelfTest({
      driver: toyDriver(world, steps(false)),
      steps: steps(false),
      mutations: [half],
    })
    expect(r.mutations[0]).toMatchObject({
      ok: false,
      applyError: 'kubectl scale exited 1: forbidden',
      stillRed: [],
    })
    expect(world.replicas).toBe(2)
  })

  it('refuses to start on a baseline that is not green (exit 2)', async () => {
    const driver = toyDriver({ ...green(), replicas: 1 }, steps(false))
    const r = await runSelfTest({ driver, steps: steps(false), mutations: [scale] })
    expect(r.exitCode).toBe(2)
    expect(r.mutations).toEqual([])
    expect(r.stopped).toMatch(/baseline is not green \(app.replicas FAIL\)/)
    expect(driver.log).toEqual(['grade baseline'])
    expect(printSelfTest(r)).toContain('✖ not run: the baseline is not green')
  })
})

describe('isRed', () => {
  it('counts FAIL and missing evidence, not "no cluster" or "simulated"', () => {
    expect(isRed({ status: 'FAIL' })).toBe(true)
    expect(isRed({ status: 'NOT-GRADABLE', cause: 'missing-evidence' })).toBe(true)
    expect(isRed({ status: 'NOT-GRADABLE', cause: 'no-cluster' })).toBe(false)
    expect(isRed({ status: 'NOT-GRADABLE', cause: 'simulated' })).toBe(false)
    expect(isRed({ status: 'PASS' })).toBe(false)
  })
})
