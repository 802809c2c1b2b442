// pnpm lab: the whole lab on the lab's own minikube profile (or on the simulator with --simulate).
//  1. parse flags and validate ALL input (config schema + package rules) before any command runs
//  2. --plan / lint answer from the config alone
//  3. preflight (driver answers, minikube version, kubectl, memory, CPUs, disk, arm64) and the kubeconfig context guard
//  4. run the selected steps through the engine, recording report/runs/<id>/journal.ndjson
import { existsSync, readlinkSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { createInterface } from 'node:readline/promises'
import {
  type LabConfig,
  ExitCode,
  LabConfigSchema,
  LabError,
  assertMinikubeContext,
  acquireLock,
  endLeftovers,
  formatLeftovers,
  lintConfig,
  loadValidConfig,
  lockDir,
  defaultReporter,
  formatFinding,
  checkEnvironment,
  formatPreflightPass,
  preflightError,
  recordDown,
  runMain,
  runSteps,
  selectSteps,
  zxRunner,
  summarize,
} from '@lab4/core'
// The rules entry alone: lint and the preflight failure must not load the step catalogue.
import { labRules } from '@lab4/lab/rules'
import { renderPlan } from './plan.ts'
import { parseFlags, type Flags } from './lab-flags.ts'
import { ROOT, RUNS_DIR, SIM_DIR } from './paths.ts'

async function main(signal: AbortSignal): Promise<number> {
  const flags = parseFlags(process.argv.slice(2))
  const configFile = resolve(ROOT, flags.config)
  const required = flags.config !== 'lab.config.yaml'
  if (flags.verb === 'lint') return lint(configFile, required)
  const { config, hash } = loadValidConfig(configFile, labRules(), { required })

  if (flags.plan) {
    const steps = await catalogue(flags)
    process.stdout.write(renderPlan(steps, config))
    return ExitCode.ok
  }

  // One run per profile: the second one stops here, before it touches the simulated world or the cluster.
  const locks = lockDir(RUNS_DIR)
  for (const l of await endLeftovers(locks)) process.stderr.write(`note: ${formatLeftovers(l)}\n`)
  if (flags.verb !== 'preflight') acquireLock({ dir: locks, profile: config.profile, command: 'pnpm lab' })
  const env = await environment(flags, config)
  const purpose = flags.verb === 'down' ? 'down' : 'run'
  const check = await checkEnvironment(config, { env, simulated: flags.simulate, purpose })
  if (check.result.problems.length > 0) throw preflightError(check.result)
  if (purpose === 'run') process.stdout.write(`${formatPreflightPass(check.result, check.ms)}\n`)
  if (flags.verb === 'preflight') return ExitCode.ok
  await assertMinikubeContext(config.profile, env)
  const steps = await catalogue(flags)

  if (flags.verb === 'down') return down(config, flags, env, hash)

  const reporter = defaultReporter()
  const result = await runSteps({
    steps,
    config,
    configFile: flags.config,
    configHash: hash,
    root: ROOT,
    runsDir: RUNS_DIR,
    reporter,
    signal,
    simulated: flags.simulate,
    keepGoing: flags.keepGoing,
    appendTo: flags.onlyPackage && flags.onlyPackage !== 'cluster' ? latestRun() : undefined,
    runner: zxRunner({ env, cwd: ROOT }),
    env,
    argv: process.argv.slice(2),
    flags: { recreate: flags.recreate, yes: flags.yes },
  })
  reporter.close()
  const s = summarize(result.results)
  const count = (status: string) => result.steps.filter((x) => x.status === status).length
  const changed = count('changed')
  // A step that could not finish is a failed step, never an unchanged one.
  const failed = count('failed')
  process.stdout.write(
    `\n${s.line} · ${changed} step${changed === 1 ? '' : 's'} changed, ${count('unchanged')} unchanged${failed ? `, ${failed} failed` : ''}\n` +
      `run record: ${result.runDir.replace(ROOT + '/', '')}\n` +
      (flags.simulate ? 'SIMULATED run: fine for trying the tool, never evidence for grading.\n' : '') +
      (result.exitCode === 0
        ? 'next: pnpm report   (the write-up)   ·   pnpm verify   (the grader’s checklist)\n'
        : ''),
  )
  return result.exitCode
}

/** The process environment, or the simulator's (fake minikube/kubectl first on PATH, its own KUBECONFIG). */
async function environment(flags: Flags, config: LabConfig): Promise<NodeJS.ProcessEnv> {
  if (!flags.simulate) return process.env
  const sim = await import('@lab4/sim')
  const stateDir = join(SIM_DIR, config.profile)
  if (flags.simReset) await sim.resetSimulation(stateDir)
  try {
    sim.parseFaults(flags.faults)
  } catch (e) {
    throw new LabError(`--faults: ${(e as Error).message}`, {
      hint: 'see docs/simulator.md',
      exitCode: ExitCode.usage,
    })
  }
  const { env } = await sim.setupSimulation({ stateDir, seed: flags.seed, faults: flags.faults })
  return { ...process.env, ...env }
}

// The step catalogue pulls in puppeteer and friends: load it only once the input is known to be good.
async function catalogue(flags: Flags) {
  const { labSteps } = await import('@lab4/lab')
  return selectSteps(labSteps(), { only: flags.only, from: flags.from, pkg: flags.onlyPackage })
}

/** Header fields still at the schema's placeholder defaults: the write-up would go out as `Student Name`, `K0000`. */
function placeholderWarnings(config: LabConfig | undefined): string[] {
  const defaults = LabConfigSchema.parse({}).student
  return (['author', 'group'] as const)
    .filter((f) => config !== undefined && config.student[f].trim() === defaults[f])
    .map(
      (f) => `warning: student.${f} is still the default "${defaults[f]}"; the report's header would show it`,
    )
}

function lint(configFile: string, required: boolean): number {
  const { findings, config } = lintConfig(configFile, labRules(), { required })
  const name = flags0(configFile)
  if (!existsSync(configFile))
    process.stdout.write(
      `${name} does not exist: linted the defaults (copy lab.config.example.yaml to set yours)\n`,
    )
  const warnings = placeholderWarnings(config)
  if (warnings.length > 0) process.stdout.write(`${warnings.map((w) => `${name}: ${w}`).join('\n')}\n`)
  if (findings.length === 0) {
    process.stdout.write(
      `${name}: no problems${warnings.length ? ` (${warnings.length} warning${warnings.length === 1 ? '' : 's'})` : ''}\n`,
    )
    return ExitCode.ok
  }
  process.stdout.write(
    `${flags0(configFile)}: ${findings.length} problem${findings.length === 1 ? '' : 's'}\n${findings.map(formatFinding).join('\n')}\n`,
  )
  return ExitCode.usage
}

const flags0 = (f: string) => f.replace(ROOT + '/', '')

async function down(config: LabConfig, flags: Flags, env: NodeJS.ProcessEnv, hash: string): Promise<number> {
  if (!flags.yes) {
    if (!process.stdin.isTTY)
      throw new LabError(`refusing to delete profile ${config.profile} without confirmation`, {
        hint: 'add --yes',
        exitCode: ExitCode.usage,
      })
    const rl = createInterface({ input: process.stdin, output: process.stdout })
    const answer = await rl.question(
      `Delete minikube profile "${config.profile}" and everything in it? [y/N] `,
    )
    rl.close()
    if (!/^y(es)?$/i.test(answer.trim())) {
      process.stdout.write('kept\n')
      return ExitCode.ok
    }
  }
  const command = { argv: ['minikube', 'delete', '-p', config.profile] }
  const r = await zxRunner({ env })(command)
  process.stdout.write(r.stdout + r.stderr)
  // The delete is recorded like any command: the lab record ends here, the next `pnpm lab` starts a new one.
  const dir = recordDown({
    runsDir: RUNS_DIR,
    profile: config.profile,
    configFile: flags.config,
    configHash: hash,
    simulated: flags.simulate,
    argv: process.argv.slice(2),
    command,
    result: r,
  })
  process.stdout.write(
    `run record: ${dir.replace(ROOT + '/', '')}${r.exitCode === 0 ? ' (the next `pnpm lab` starts a new lab record)' : ''}\n`,
  )
  return r.exitCode === 0 ? ExitCode.ok : ExitCode.checkFailed
}

function latestRun(): string | undefined {
  const link = join(RUNS_DIR, 'latest')
  return existsSync(link) ? join(RUNS_DIR, readlinkSync(link)) : undefined
}

runMain(async (signal) => {
  try {
    return await main(signal)
  } catch (e) {
    if (e instanceof LabError && e.exitCode === ExitCode.ok) {
      process.stdout.write(`${e.hint}\n`)
      return ExitCode.ok
    }
    throw e
  }
})
