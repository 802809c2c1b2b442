// Flags of `pnpm lab`, parsed with node:util; every mistake is a usage error (exit 2) naming the flag.
import { parseArgs } from 'node:util'
import { ExitCode, LabError } from '@lab4/core'

export const USAGE = `Usage: pnpm lab [run|down|lint] [options]

  pnpm lab                     run every step (idempotent: a finished lab reports each step unchanged)
  pnpm lab --plan              print every step, command (argv) and manifest; needs no cluster
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
  verb: 'run' | 'down' | 'lint'
}

export function parseFlags(argv: string[]): Flags {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', default: 'lab.config.yaml' },
        only: { type: 'string' },
        from: { type: 'string' },
        plan: { type: 'boolean', default: false },
        recreate: { type: 'boolean', default: false },
        'keep-going': { type: 'boolean', default: false },
        simulate: { type: 'boolean', default: false },
        seed: { type: 'string', default: '1' },
        faults: { type: 'string', default: '' },
        'sim-reset': { type: 'boolean', default: false },
        yes: { type: 'boolean', short: 'y', default: false },
        down: { type: 'boolean', default: false },
        'only-package': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    })
  } catch (e) {
    throw new LabError((e as Error).message, { hint: USAGE, exitCode: ExitCode.usage })
  }
  const { values: v, positionals } = parsed
  if (v.help) throw new LabError('help', { hint: USAGE, exitCode: ExitCode.ok })
  const verb = v.down ? 'down' : (positionals[0] ?? 'run')
  if (!['run', 'down', 'lint'].includes(verb) || positionals.length > 1) {
    throw new LabError(`unknown command: ${positionals.join(' ')}`, { hint: USAGE, exitCode: ExitCode.usage })
  }
  const seed = Number(v.seed)
  if (!Number.isInteger(seed) || seed < 0)
    throw new LabError(`--seed ${v.seed}: not a whole number`, {
      hint: 'e.g. --seed 7',
      exitCode: ExitCode.usage,
    })
  if (v.only && v.from)
    throw new LabError('--only and --from do not go together', { hint: 'pick one', exitCode: ExitCode.usage })
  if ((v.faults || v.seed !== '1' || v['sim-reset']) && !v.simulate) {
    throw new LabError('--faults, --seed and --sim-reset only apply with --simulate', {
      hint: 'add --simulate',
      exitCode: ExitCode.usage,
    })
  }
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
