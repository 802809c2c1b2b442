// pnpm verify: the grader's checklist, live or from a recorded run, plus negative controls (--self-test).
//  1. parse flags (usage errors exit 2 naming the flag)
//  2. --run <dir>: re-grade recorded evidence with its own config.json: a run directory pins that run, a
//     directory of runs (report/runs) is the composed lab record; the record's own checks join the grade
//     otherwise: probe the cluster, run only the steps' read-only collect phase, grade that run
//  3. print the checklist (problems first), write --json / --junit, exit 0 / 1 / 2
//  --self-test: break the lab on purpose (simulator, or live with --live --yes) and expect checks to turn red
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import {
  ExitCode,
  acquireLock,
  assertMinikubeContext,
  endLeftovers,
  formatLeftovers,
  loadValidConfig,
  lockDir,
  defaultReporter,
  loadConfig,
  newRunId,
  readLabRecord,
  runMain,
  zxRunner,
  type LabConfig,
  type Reporter,
} from '@lab4/core'
import {
  RECORD_GROUP,
  USAGE,
  buildVerification,
  gradeLabRecord,
  probeReaders,
  gradeRecord,
  labMutations,
  parseVerifyArgs,
  printSelfTest,
  printVerification,
  probeCluster,
  readRunConfig,
  runNegativeControls,
  sourceOfRun,
  stringifyVerifyJson,
  toJunit,
  verifyLive,
  type PodReaders,
  type Verification,
  type VerifyArgs,
} from '@lab4/verify'
import { labRules, labSteps } from '@lab4/lab'
import { appKeys, ipFromDashedName, parseNslookup, parsePings } from '@lab4/app'
import { clusterKeys } from '@lab4/cluster'
import { ROOT, RUNS_DIR, SIM_DIR } from './paths.ts'

const color = Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && !process.env.CI
const say = (line: string) => process.stderr.write(`${line}\n`)
// Paths inside the repo are shown relative to it; anything else (LAB_RUNS_DIR in tests) stays absolute.
const fromRoot = (p: string) => (relative(ROOT, p).startsWith('..') ? p : relative(ROOT, p) || '.')

async function main(signal: AbortSignal): Promise<number> {
  const args = parseVerifyArgs(process.argv.slice(2))
  if (args.help) {
    process.stdout.write(USAGE)
    return ExitCode.ok
  }
  // What a killed run left (a port-forward on 3000, a browser) is ended before we start our own.
  for (const l of await endLeftovers(lockDir(RUNS_DIR))) say(`note: ${formatLeftovers(l)}`)
  if (args.selfTest) return selfTest(args, signal)

  const v = args.run ? offline(args) : withRecordChecks(await live(args, signal), args)
  process.stdout.write(printVerification(v, { color }))
  if (v.source.runDir) say(`run record: ${fromRoot(v.source.runDir)}`)
  if (args.json) save(args.json, stringifyVerifyJson(v))
  if (args.junit) save(args.junit, toJunit(v))
  return v.exitCode
}

function offline(args: VerifyArgs): Verification {
  const run = readLabRecord(resolve(args.run ?? ''), { order: labSteps().map((s) => s.id) })
  if (run.kind === 'record') say(`lab record: ${run.runs.map((r) => r.id).join(', ')}`)
  for (const r of run.refused) say(`note: ${r.reason}`)
  let config = readRunConfig(run.configDir)
  if (args.config) {
    config = loadConfig(resolve(args.config), { required: true }).config
    say(`note: graded against ${args.config}, not the run's own config.json`)
  }
  const graded = gradeRecord(run, labSteps(), config, { allowSimulated: args.allowSimulated, strict: true })
  return buildVerification({
    source: sourceOfRun(run, 'recorded'),
    steps: [...labSteps(), RECORD_GROUP],
    results: gradeLabRecord(run, { allowSimulated: args.allowSimulated, pods: podReaders(), graded }),
    run,
    allowSimulated: args.allowSimulated,
  })
}

/** The live run just collected answers the record's checks too (its chain, its clock, the same pod everywhere). */
function withRecordChecks(v: Verification, args: VerifyArgs): Verification {
  if (!v.source.runDir) return v
  const run = readLabRecord(v.source.runDir)
  const results = gradeLabRecord(run, {
    allowSimulated: args.allowSimulated,
    pods: podReaders(),
    graded: v.results,
  })
  return buildVerification({
    source: v.source,
    steps: [...labSteps(), RECORD_GROUP],
    results,
    run,
    allowSimulated: args.allowSimulated,
  })
}

/** Where the record shows pods, and app's readers of the probes (verify knows no domain package). */
const podReaders = (): PodReaders => ({
  wide: [appKeys.podsWide, clusterKeys.calicoPodsWide],
  json: [appKeys.pods, appKeys.networkPods, appKeys.browserPods, clusterKeys.kubeSystemJson],
  probes: probeReaders({
    pings: [appKeys.pingEndpoint, appKeys.pingPod],
    lookups: [appKeys.dnsEndpoint],
    parsePings,
    parseNslookup,
  }),
  ipOfName: ipFromDashedName,
})

async function live(args: VerifyArgs, signal: AbortSignal): Promise<Verification> {
  const { config, hash, file } = configOf(args)
  acquireLock({ dir: lockDir(RUNS_DIR), profile: config.profile, command: 'pnpm verify' })
  const env = args.simulate ? await simulatorEnv(config, args, false) : process.env
  const reporter = progressOnly(defaultReporter())
  try {
    return await verifyLive({
      steps: labSteps(),
      config,
      configFile: fromRoot(file),
      configHash: hash,
      root: ROOT,
      runsDir: RUNS_DIR,
      env,
      runner: zxRunner({ env, cwd: ROOT }),
      reporter,
      signal,
      simulated: args.simulate,
      allowSimulated: args.allowSimulated,
      argv: process.argv.slice(2),
      // The guard reads the cluster's address before any kubectl: no context or a foreign one stops here, at once.
      beforeCollect: async () =>
        void (await assertMinikubeContext(config.profile, env, { requireContext: true })),
    })
  } finally {
    reporter.close()
  }
}

async function selfTest(args: VerifyArgs, signal: AbortSignal): Promise<number> {
  const { config, hash, file } = configOf(args)
  // On the live cluster the self-test changes the lab: never while a `pnpm lab` runs on it.
  if (args.live) acquireLock({ dir: lockDir(RUNS_DIR), profile: config.profile, command: 'pnpm verify' })
  const env = args.live ? process.env : await simulatorEnv(config, args, true)
  const runner = zxRunner({ env, cwd: ROOT })
  if (args.live) {
    const reach = await probeCluster(runner, config.profile, env.PATH ?? '')
    if (!reach.reachable) {
      say(
        `error: --self-test --live needs the lab cluster: ${reach.detail}\n  hint: run \`pnpm lab\` first, or drop --live to use the simulator`,
      )
      return ExitCode.usage
    }
    await assertMinikubeContext(config.profile, env, { requireContext: true, runner })
  }
  // Every phase is its own run, kept away from report/runs so `latest` stays the lab run.
  const baseDir = join(dirname(RUNS_DIR), 'self-test', newRunId())
  const reporter = progressOnly(defaultReporter())
  try {
    const result = await runNegativeControls({
      steps: labSteps(),
      mutations: labMutations(),
      config,
      configFile: fromRoot(file),
      configHash: hash,
      root: ROOT,
      baseDir,
      env,
      runner,
      reporter,
      signal,
      simulated: !args.live,
      onProgress: (line) => reporter.info(`self-test: ${line}`),
    })
    reporter.close() // before printing, so a TTY spinner line cannot overwrite the report
    process.stdout.write(
      printSelfTest(result, { color, where: args.live ? `live cluster "${config.profile}"` : 'simulator' }),
    )
    say(`self-test records: ${fromRoot(baseDir)}`)
    return result.exitCode
  } finally {
    reporter.close()
  }
}

function configOf(args: VerifyArgs): { config: LabConfig; hash: string; file: string } {
  const file = resolve(ROOT, args.config ?? 'lab.config.yaml')
  const { config, hash } = loadValidConfig(file, labRules(), { required: Boolean(args.config) })
  return { config, hash, file }
}

/** The simulator's environment: its fake minikube/kubectl first on PATH. The self-test gets a fresh world of its own. */
async function simulatorEnv(config: LabConfig, args: VerifyArgs, fresh: boolean): Promise<NodeJS.ProcessEnv> {
  const sim = await import('@lab4/sim')
  const stateDir = join(SIM_DIR, fresh ? `${config.profile}-self-test` : config.profile)
  if (fresh) sim.resetSimulation(stateDir)
  const faults = (args.faults ?? '').split(',').filter(Boolean)
  const { env } = await sim.setupSimulation({ stateDir, seed: args.seed ?? 1, faults })
  return { ...process.env, ...env }
}

// The checklist is printed once at the end; the live progress shows steps, not every verdict twice.
const progressOnly = (r: Reporter): Reporter => ({ ...r, verdict: () => undefined })

function save(file: string, text: string): void {
  const path = resolve(file)
  mkdirSync(dirname(path), { recursive: true })
  writeFileSync(path, text)
  say(`wrote ${file}`)
}

runMain(main)
