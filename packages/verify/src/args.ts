// `pnpm verify` flags, read by the shared parser so every usage error names its flag and exits 2.
import { LabError, flagError, parseCommandLine, type CliSpec, type FlagSpec } from '@lab4/core'

export type VerifyArgs = {
  readonly help: boolean
  /** Grade this recorded run offline instead of collecting from the cluster. */
  readonly run?: string
  readonly json?: string
  readonly junit?: string
  readonly allowSimulated: boolean
  readonly config?: string
  readonly selfTest: boolean
  /** With --self-test: mutate the live cluster instead of the simulator. */
  readonly live: boolean
  readonly yes: boolean
  /** Live verify against the simulator. */
  readonly simulate: boolean
  readonly faults?: string
  readonly seed?: number
}

export const VERIFY_CLI = {
  command: 'pnpm verify',
  synopsis:
    'pnpm verify [--run <dir>] [--json <file>] [--junit <file>] [--self-test [--live --yes]] [--simulate]',
  flags: {
    run: { type: 'string', value: '<dir>' },
    json: { type: 'string', value: '<file>' },
    junit: { type: 'string', value: '<file>' },
    config: { type: 'string', value: '<file>' },
    faults: { type: 'string', value: '<a,b>' },
    seed: { type: 'string', value: '<n>' },
    help: { type: 'boolean', short: 'h' },
    'allow-simulated': { type: 'boolean' },
    'self-test': { type: 'boolean' },
    live: { type: 'boolean' },
    yes: { type: 'boolean' },
    simulate: { type: 'boolean' },
  },
} as const satisfies CliSpec<Readonly<Record<string, FlagSpec>>>

export const USAGE = `Usage: pnpm verify [options]

Grades the lab: every check of every step, PASS / FAIL / NOT-GRADABLE, with expected vs actual.

  (no options)         collect evidence from the live cluster (read-only) into report/runs/ and grade it
  --run <dir>          grade a recorded run offline (e.g. report/runs/latest)
  --config <file>      lab config (default lab.config.yaml; with --run the run's own config.json is used unless given)
  --json <file>        also write the result as JSON (docs/verify-json.md)
  --junit <file>       also write the result as JUnit XML (one testsuite per step, one testcase per check)
  --allow-simulated    grade a simulated run as if real (tests the grader; output carries a SIMULATED banner)
  --simulate           live verify against the simulator instead of minikube
  --faults <a,b>       with --simulate: simulator faults to inject
  --self-test          negative controls on the simulator: break the lab on purpose, expect checks to turn red
  --live --yes         with --self-test: run the negative controls on the live cluster (it changes the cluster)
  -h, --help           show this help

Exit codes: 0 all checks PASS · 1 any check FAILs · 2 incomplete grade (a check NOT-GRADABLE, no checks) or usage/config error.
`

// Flag combinations that make no sense: the same voice, with a hint of their own where one helps.
const usage = (message: string, hint?: string) =>
  hint ? new LabError(message, { hint, exitCode: 2 }) : flagError(VERIFY_CLI, message)

export function parseVerifyArgs(argv: readonly string[]): VerifyArgs {
  const { values: v } = parseCommandLine(VERIFY_CLI, argv)
  const seed = v.seed === undefined ? undefined : Number(v.seed)
  if (seed !== undefined && !Number.isInteger(seed))
    throw usage(`--seed must be an integer (got "${v.seed}")`)
  const a: VerifyArgs = {
    help: v.help,
    ...(v.run ? { run: v.run } : {}),
    ...(v.json ? { json: v.json } : {}),
    ...(v.junit ? { junit: v.junit } : {}),
    ...(v.config ? { config: v.config } : {}),
    ...(v.faults ? { faults: v.faults } : {}),
    ...(seed !== undefined ? { seed } : {}),
    allowSimulated: v['allow-simulated'],
    selfTest: v['self-test'],
    live: v.live,
    yes: v.yes,
    simulate: v.simulate,
  }
  if (a.run && a.simulate)
    throw usage(
      '--run and --simulate do not go together: --run grades a recorded run, --simulate collects from the simulator',
    )
  if (a.run && a.selfTest)
    throw usage(
      '--run and --self-test do not go together: the self-test changes a world, a recorded run cannot change',
    )
  if (a.selfTest && (a.json || a.junit))
    throw usage(
      `--${a.json ? 'json' : 'junit'} applies to grading, not to --self-test (which prints its own report)`,
    )
  if (a.live && !a.selfTest)
    throw usage('--live only applies to --self-test (plain `pnpm verify` is already live)')
  if (a.live && a.simulate) throw usage('--live and --simulate do not go together')
  if (a.live && !a.yes) {
    throw usage(
      'refusing: --self-test --live changes the live cluster (scales the app to 0, relabels a node, deletes the Service and pools, stops CoreDNS, then restores each)',
      'Add --yes to confirm, or drop --live to run the negative controls on the simulator.',
    )
  }
  if (a.yes && !a.live)
    throw usage(
      '--yes only applies to `--self-test --live`',
      'The simulator self-test needs no confirmation; for the live cluster write `pnpm verify --self-test --live --yes`.',
    )
  if ((a.faults || seed !== undefined) && !a.simulate && !(a.selfTest && !a.live))
    throw usage(`--${a.faults ? 'faults' : 'seed'} only applies to the simulator (--simulate or --self-test)`)
  return a
}
