// Live `pnpm verify`: probe the cluster, run the steps' read-only phase (see phase.ts) into a new run, grade it.
import { existsSync, lstatSync, readlinkSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { InterruptedError, markLatest, readRun, runSteps, type EngineOptions, type Runner } from '@lab4/core'
import { gradeNoCluster, gradeRecord, readRunConfig } from './grade.ts'
import { probeCluster } from './live.ts'
import { readOnlyRunner, verifyPhase } from './phase.ts'
import { buildVerification, sourceOfRun, type Verification } from './verification.ts'

// The run's own fields are the engine's: verify starts a run as `pnpm lab` does.
type RunFields = 'steps' | 'config' | 'configFile' | 'configHash' | 'root' | 'runsDir' | 'reporter' | 'signal'

export type LiveVerifyOptions = Pick<EngineOptions, RunFields> & {
  readonly env: NodeJS.ProcessEnv
  readonly runner: Runner
  readonly simulated: boolean
  readonly allowSimulated: boolean
  readonly argv?: readonly string[]
  /** Called once the cluster answered, before any collect (the kubeconfig context guard). */
  readonly beforeCollect?: () => void | Promise<void>
}

export async function verifyLive(o: LiveVerifyOptions): Promise<Verification> {
  const reach = await probeCluster(o.runner, o.config.profile, o.env.PATH ?? '')
  if (!reach.reachable) {
    const results = gradeNoCluster(o.steps, reach.detail)
    return buildVerification({
      source: { kind: 'live', profile: o.config.profile, simulated: o.simulated },
      steps: o.steps,
      results,
    })
  }
  await o.beforeCollect?.()
  // A verify run holds no browser evidence; `latest` keeps pointing at the lab run the report is written from.
  const before = latestTarget(o.runsDir)
  const result = await runSteps({
    steps: verifyPhase(o.steps, o.config),
    config: o.config,
    configFile: o.configFile,
    configHash: o.configHash,
    root: o.root,
    runsDir: o.runsDir,
    reporter: o.reporter,
    signal: o.signal,
    mode: 'verify',
    collectOnly: true,
    keepGoing: true,
    simulated: o.simulated,
    runner: readOnlyRunner(o.runner),
    env: o.env,
    argv: [...(o.argv ?? [])],
    flags: {},
  })
  restoreLatest(o.runsDir, before)
  if (o.signal.aborted) throw new InterruptedError()
  const run = readRun(result.runDir)
  const results = gradeRecord(run, o.steps, readRunConfig(run.dir), { allowSimulated: o.allowSimulated })
  return buildVerification({
    source: sourceOfRun(run, 'live'),
    steps: o.steps,
    results,
    run,
    allowSimulated: o.allowSimulated,
  })
}

/** The run id `<runsDir>/latest` points at, if any. */
export function latestTarget(runsDir: string): string | undefined {
  const link = join(runsDir, 'latest')
  try {
    return lstatSync(link).isSymbolicLink() ? readlinkSync(link) : undefined
  } catch {
    return undefined
  }
}

export function restoreLatest(runsDir: string, target: string | undefined): void {
  if (target && existsSync(join(runsDir, target))) markLatest(runsDir, target)
  else if (!target) rmSync(join(runsDir, 'latest'), { force: true })
}
