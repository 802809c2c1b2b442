// Test helper: the lab's real steps (@lab4/lab) on the simulator (@lab4/sim: fake minikube and kubectl on PATH
// over a world on disk), for what needs the lab itself: the self-test driver and the mutations.
import { cpSync } from 'node:fs'
import { join } from 'node:path'
import { runSteps, zxRunner, type LabConfig, type Runner, type Step } from '@lab4/core'
import { labConfig } from '@lab4/core/testing'
import { labSteps } from '@lab4/lab'
import { readWorld, setupSimulation, type Cluster } from '@lab4/sim'
import { silent, tempDir } from './record.ts'

/** One of the lab's steps, by id. */
export function labStep(id: string): Step {
  const step = labSteps().find((s) => s.id === id)
  if (!step)
    throw new Error(
      `@lab4/lab has no step ${id}; its steps: ${labSteps()
        .map((s) => s.id)
        .join(', ')}`,
    )
  return step
}

export type Recording = Runner & { readonly calls: string[] }

export type SimLab = {
  readonly stateDir: string
  readonly env: NodeJS.ProcessEnv
  /** Runs the fakes; every argv it ran is in `calls`, space-joined, in order. */
  readonly runner: Recording
  /** The lab4 cluster as the world file holds it now. */
  cluster(): Cluster
}

/** A simulator over `stateDir`: an empty world, or the one already there. */
export async function simulator(stateDir = join(tempDir(), 'sim')): Promise<SimLab> {
  const sim = await setupSimulation({ stateDir })
  const env = { ...process.env, ...sim.env }
  const inner = zxRunner({ env })
  const calls: string[] = []
  const runner = Object.assign(async (c: Parameters<Runner>[0]) => (calls.push(c.argv.join(' ')), inner(c)), {
    calls,
  })
  return {
    stateDir,
    env,
    runner,
    cluster: () => {
      const c = readWorld(stateDir)?.clusters.lab4
      if (!c) throw new Error(`the simulated world in ${stateDir} has no lab4 cluster`)
      return c
    },
  }
}

/** A copy of the world with fakes of its own, so a test can break it without touching the others. */
export async function fork(sim: SimLab): Promise<SimLab> {
  const stateDir = join(tempDir(), 'sim')
  cpSync(sim.stateDir, stateDir, {
    recursive: true,
    filter: (src) => !src.startsWith(join(sim.stateDir, 'bin')),
  })
  return simulator(stateDir)
}

/** Run the named lab steps (run, collect and checks, as `pnpm lab` does); throws naming what did not pass. */
export async function runLab(
  sim: SimLab,
  ids: readonly string[],
  config: LabConfig = labConfig(),
): Promise<void> {
  const root = tempDir()
  const r = await runSteps({
    steps: ids.map(labStep),
    config,
    configFile: 'lab.config.yaml',
    configHash: 'test',
    root,
    runsDir: join(root, 'runs'),
    reporter: silent(),
    signal: new AbortController().signal,
    runner: sim.runner,
    env: sim.env,
    simulated: true,
    flags: {},
  })
  const bad = r.results.filter((x) => x.status !== 'PASS').map((x) => `${x.check} ${x.status}`)
  if (r.exitCode !== 0 || bad.length > 0)
    throw new Error(
      `the lab steps ${ids.join(', ')} did not pass on the simulator (${bad.join(', ') || `exit ${r.exitCode}`}); run record ${r.runDir}`,
    )
}

/** The calls that changed the world (what a person would have typed to break or mend it). */
export const writes = (calls: readonly string[]): string[] =>
  calls.filter((c) => / (scale|label|delete|create|apply|rollout restart|node stop|node start) /.test(c))
