// `pnpm verify --self-test`: on the simulator, first run the whole lab to get a green world; on a live
// cluster, use the lab as it stands. Then the negative controls, each phase recorded under <baseDir>/runs.
import { join } from 'node:path'
import { runSteps, type LabConfig, type Reporter, type Runner, type Step } from '@lab4/core'
import { engineDriver } from './driver.ts'
import type { Mutation } from './mutation.ts'
import { runSelfTest, type SelfTestResult } from './orchestrate.ts'

export type NegativeControlsOptions = {
  readonly steps: readonly Step[]
  readonly mutations: readonly Mutation[]
  readonly config: LabConfig
  readonly configFile: string
  readonly configHash: string
  readonly root: string
  readonly baseDir: string
  readonly env: NodeJS.ProcessEnv
  readonly runner: Runner
  readonly reporter: Reporter
  readonly signal: AbortSignal
  /** The world is the simulator: run the whole lab first so the baseline can be green. */
  readonly simulated: boolean
  readonly onProgress?: (line: string) => void
}

export async function runNegativeControls(o: NegativeControlsOptions): Promise<SelfTestResult> {
  const common = {
    config: o.config,
    configFile: o.configFile,
    configHash: o.configHash,
    root: o.root,
    reporter: o.reporter,
    signal: o.signal,
    env: o.env,
    runner: o.runner,
    simulated: o.simulated,
  }
  if (o.simulated) {
    o.onProgress?.('simulator: running the whole lab to get a green world')
    await runSteps({
      ...common,
      steps: o.steps,
      runsDir: join(o.baseDir, 'lab'),
      mode: 'self-test',
      argv: ['self-test', 'lab'],
      flags: {},
    })
  }
  const driver = engineDriver({ ...common, steps: o.steps, baseDir: o.baseDir })
  return runSelfTest({
    driver,
    steps: o.steps,
    mutations: o.mutations,
    ...(o.onProgress ? { onProgress: o.onProgress } : {}),
  })
}
