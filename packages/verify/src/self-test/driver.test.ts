import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { defineCheck, defineStep, parseItems, readRun, verdict, withEvidence, type Step } from '@lab4/core'
import { labConfig } from '@lab4/core/testing'
import { engineDriver } from './driver.ts'
import { relabelZone } from './catalogue.ts'
import { runSelfTest } from './orchestrate.ts'
import { printSelfTest } from './print.ts'
import { runNegativeControls } from './run.ts'
import { driverOptions, silent, tempDir } from '../testing/record.ts'
import { fork, labStep, runLab, simulator, writes, type SimLab } from '../testing/sim.ts'

// The lab's real steps and mutations through core's engine, against the simulator. Each test breaks a copy of a
// world that `pnpm lab` brought up; the whole catalogue (all nine mutations, every step) is `pnpm verify --self-test`.
const labels = [labStep('cluster.labels')]
let started: SimLab // after cluster.profile: two nodes, no zone labels
let labelled: SimLab // and after cluster.labels
beforeAll(async () => {
  started = await simulator()
  await runLab(started, ['cluster.profile'])
  labelled = await fork(started)
  await runLab(labelled, ['cluster.labels'])
}, 180_000)

function driverOn(sim: SimLab, steps: readonly Step[] = labels) {
  const baseDir = tempDir()
  const driver = engineDriver(driverOptions(steps, sim.runner, { baseDir, env: sim.env }))
  return { driver, baseDir }
}

/** A check no mutation can reach: the self-test must report it as a defect. */
const unbreakable = defineStep({
  id: 'cluster.nodes',
  pkg: 'cluster',
  title: 'Two nodes',
  labItems: [1, 2],
  plan: () => [],
  run: async () => 'unchanged',
  collect: async (ctx) =>
    void (await ctx.run({ argv: ctx.kubectl('get', 'nodes', '-o', 'json'), key: 'test.nodes.json' })),
  checks: [
    defineCheck({
      id: 'cluster.two-nodes',
      step: 'cluster.nodes',
      title: 'The cluster has two nodes',
      evaluate: (ev) =>
        withEvidence(ev, ['test.nodes.json'], '2 nodes', (c) =>
          verdict(parseItems(c.stdout).length === 2, {
            expected: '2 nodes',
            actual: `${parseItems(c.stdout).length} nodes`,
            hint: 'Start with --nodes 2.',
            evidence: [c],
          }),
        ),
    }),
  ],
})

describe('engineDriver with the lab mutation catalogue', () => {
  it('turns the targeted step red through the commands a person would type, and the lab step puts the world back', async () => {
    const sim = await fork(labelled)
    const { driver } = driverOn(sim)
    const r = await runSelfTest({ driver, steps: labels, mutations: [relabelZone] })
    expect(r.stopped).toBeUndefined()
    expect(r.mutations.map((m) => [m.id, m.ok, m.missed, m.stillRed, m.applyError, m.restoreError])).toEqual([
      ['zone-relabel', true, [], [], undefined, undefined],
    ])
    expect(r.defects).toEqual([])
    expect(r.exitCode).toBe(0)
    expect(r.mutations[0]?.red.map((x) => x.check)).toEqual(['cluster.zone-labels', 'cluster.zone-unique'])
    expect(writes(sim.runner.calls)).toEqual([
      'kubectl --context lab4 label node lab4 zone=not-a-zone --overwrite',
      'kubectl --context lab4 label node lab4 zone=east --overwrite',
    ])
    // The world ends as it started: the control plane east, the worker west.
    expect(sim.cluster().nodes.map((n) => [n.meta.name, n.meta.labels.zone])).toEqual([
      ['lab4', 'east'],
      ['lab4-m02', 'west'],
    ])
  })

  it('records every phase as its own run under the self-test directory, not under report/runs', async () => {
    const { driver, baseDir } = driverOn(await fork(labelled))
    await runSelfTest({ driver, steps: labels, mutations: [relabelZone] })
    const runs = readdirSync(join(baseDir, 'runs')).filter((d) => d !== 'latest')
    expect(runs).toHaveLength(5) // baseline, apply, mutated, restore, restored
    const modes = runs.map((d) => readRun(join(baseDir, 'runs', d)).header.mode)
    expect(new Set(modes)).toEqual(new Set(['self-test']))
    const apply = runs
      .map((d) => readRun(join(baseDir, 'runs', d)))
      .find((run) =>
        run.entries.some((e) => e.type === 'step-start' && e.step === 'self-test.zone-relabel.apply'),
      )
    expect(
      apply?.entries
        .filter((e) => e.type === 'command')
        .map((e) => (e.type === 'command' ? e.argv.slice(3).join(' ') : '')),
    ).toEqual(['get nodes -o json', 'label node lab4 zone=not-a-zone --overwrite'])
    expect(existsSync(join(baseDir, 'runs', 'latest'))).toBe(true)
  })

  it('reports the catalogue cannot reach a check of an extra step, as a defect', async () => {
    const steps = [unbreakable, ...labels]
    const { driver } = driverOn(await fork(labelled), steps)
    const r = await runSelfTest({ driver, steps, mutations: [relabelZone] })
    expect(r.defects).toEqual(['cluster.two-nodes'])
    expect(r.exitCode).toBe(1)
    expect(printSelfTest(r)).toMatch(/cluster\.two-nodes +✖ DEFECT: cannot be made to fail/)
  })

  it('fails a phase with the step error when a mutation command fails', async () => {
    const { driver } = driverOn(await fork(started)) // no app yet, so no Service to delete
    const act = driver.act('service-deleted.apply', (w) =>
      w.must({ argv: w.kubectl('-n', 'default', 'delete', 'service', 'frontend', '--wait=true') }),
    )
    await expect(act).rejects.toThrow(
      /self-test service-deleted.apply failed: `kubectl --context lab4 -n default delete service frontend --wait=true` exited 1: Error from server \(NotFound\)/,
    )
  })
})

describe('runNegativeControls', () => {
  const steps = [labStep('cluster.profile'), ...labels]
  const options = (sim: SimLab, simulated: boolean) => ({
    steps,
    mutations: [relabelZone],
    config: labConfig(),
    configFile: 'lab.config.yaml',
    configHash: 'test',
    root: tempDir(),
    baseDir: tempDir(),
    env: sim.env,
    runner: sim.runner,
    reporter: silent(),
    signal: new AbortController().signal,
    simulated,
  })

  it('on the simulator, runs the whole lab first so the baseline is green', async () => {
    const o = options(await simulator(), true) // an empty world: no cluster at all
    const r = await runNegativeControls(o)
    expect(r.stopped).toBeUndefined()
    expect(r.exitCode).toBe(0)
    expect(readdirSync(join(o.baseDir, 'lab')).filter((d) => d !== 'latest')).toHaveLength(1)
  })

  it('on a live cluster, takes the lab as it stands and refuses a red baseline (exit 2)', async () => {
    const sim = await fork(started) // nodes without zone labels
    const r = await runNegativeControls(options(sim, false))
    expect(r.exitCode).toBe(2)
    expect(r.stopped).toMatch(/baseline is not green \(cluster.zone-labels FAIL, cluster.zone-unique \S+\)/)
    expect(writes(sim.runner.calls)).toEqual([])
  })
})
