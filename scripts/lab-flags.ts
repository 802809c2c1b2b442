// Flags of `pnpm lab`, read by the shared parser: every mistake is a usage error (exit 2) naming the flag.
import { ExitCode, LabError, flagError, parseCommandLine, type CliSpec, type FlagSpec } from '@lab4/core'

export const USAGE = `Usage: pnpm lab [run|preflight|down|lint] [options]

  pnpm lab                     run every step (idempotent: a finished lab reports each step unchanged)
  pnpm lab --plan              print every step, command (argv) and manifest; needs no cluster
  pnpm lab preflight           check this machine (driver, minikube, kubectl, memory, disk); changes nothing
  pnpm lab lint                run every config rule and print all findings
  pnpm lab down [--yes]        delete the lab's minikube profile (asks first)

Options:
  --config <file>      config file (default lab.config.yaml; missing = all defaults)
  --only <step|pkg>    run one step (e.g. ipam.pools) or one package (cluster, ipam, app)
  --from <step|pkg>    run from this step on
  --recreate           delete and recreate a profile that does not match the config
  --keep-going         continue after a step whose checks fail
  --simulate           run against the built-in simulated cluster (output is watermarked, never graded)
  --seed <n>           simulator seed (default 1)
  --faults <a,b>       simulator faults, e.g. pods-one-node,dns-failure (see docs/simulator.md)
  --sim-reset          start the simulated world from scratch
  --yes                do not ask for confirmation
  -h, --help           this text`

export const LAB_CLI = {
  command: 'pnpm lab',
  synopsis:
    'pnpm lab [run|preflight|down|lint] [--plan] [--config <file>] [--only|--from <step>] [--simulate] [--yes]',
  flags: {
    config: { type: 'string', value: '<file>' },
    only: { type: 'string', value: '<step|pkg>' },
    from: { type: 'string', value: '<step|pkg>' },
    plan: { type: 'boolean' },
    recreate: { type: 'boolean' },
    'keep-going': { type: 'boolean' },
    simulate: { type: 'boolean' },
    seed: { type: 'string', value: '<n>' },
    faults: { type: 'string', value: '<a,b>' },
    'sim-reset': { type: 'boolean' },
    yes: { type: 'boolean', short: 'y' },
    down: { type: 'boolean' },
    'only-package': { type: 'string', value: '<pkg>' },
    help: { type: 'boolean', short: 'h' },
  },
  positionals: { max: 1, name: 'command' },
} as const satisfies CliSpec<Readonly<Record<string, FlagSpec>>>

export type Flags = {
  config: string
  only?: string
  from?: string
  plan: boolean
  recreate: boolean
  keepGoing: boolean
  simulate: boolean
  seed: number
  faults: string[]
  simReset: boolean
  yes: boolean
  onlyPackage?: string
  verb: 'run' | 'preflight' | 'down' | 'lint'
}

export function parseFlags(argv: string[]): Flags {
  const { values: v, positionals } = parseCommandLine(LAB_CLI, argv)
  if (v.help) throw new LabError('help', { hint: USAGE, exitCode: ExitCode.ok })
  const verb = v.down ? 'down' : (positionals[0] ?? 'run')
  if (!['run', 'preflight', 'down', 'lint'].includes(verb))
    throw flagError(LAB_CLI, `unknown command "${verb}" (run, preflight, down or lint)`)
  v.seed ??= '1'
  v.faults ??= ''
  const seed = Number(v.seed)
  if (!Number.isInteger(seed) || seed < 0)
    throw flagError(LAB_CLI, `--seed ${v.seed} is not a whole number (e.g. --seed 7)`)
  if (v.only && v.from) throw flagError(LAB_CLI, '--only and --from do not go together: pick one')
  if ((v.faults || v.seed !== '1' || v['sim-reset']) && !v.simulate)
    throw flagError(LAB_CLI, '--faults, --seed and --sim-reset only apply with --simulate: add --simulate')
  return {
    config: v.config ?? 'lab.config.yaml',
    only: v.only,
    from: v.from,
    plan: v.plan ?? false,
    recreate: v.recreate ?? false,
    keepGoing: v['keep-going'] ?? false,
    simulate: v.simulate ?? false,
    seed,
    faults: (v.faults ?? '')
      .split(',')
      .map((f) => f.trim())
      .filter(Boolean),
    simReset: v['sim-reset'] ?? false,
    yes: v.yes ?? false,
    onlyPackage: v['only-package'],
    verb: verb as Flags['verb'],
  }
}
