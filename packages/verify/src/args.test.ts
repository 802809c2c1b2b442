import { describe, expect, it } from 'vitest'
import { LabError } from '@lab4/core'
import { VERIFY_CLI, parseVerifyArgs } from './args.ts'

function usageError(argv: string[]): LabError {
  try {
    parseVerifyArgs(argv)
  } catch (err) {
    if (err instanceof LabError) return err
    throw err
  }
  throw new Error(`expected a usage error for ${argv.join(' ')}`)
}

describe('parseVerifyArgs', () => {
  it('reads every flag, in both --flag value and --flag=value forms, and skips the -- pnpm passes', () => {
    expect(
      parseVerifyArgs([
        '--',
        '--run',
        'report/runs/latest',
        '--json=out.json',
        '--junit',
        'j.xml',
        '--allow-simulated',
        '--config',
        'c.yaml',
      ]),
    ).toEqual({
      help: false,
      run: 'report/runs/latest',
      json: 'out.json',
      junit: 'j.xml',
      config: 'c.yaml',
      allowSimulated: true,
      selfTest: false,
      live: false,
      yes: false,
      simulate: false,
    })
    expect(parseVerifyArgs([])).toMatchObject({ selfTest: false, simulate: false, allowSimulated: false })
    expect(parseVerifyArgs(['--simulate', '--faults', 'dns-failure', '--seed', '7'])).toMatchObject({
      simulate: true,
      faults: 'dns-failure',
      seed: 7,
    })
    expect(parseVerifyArgs(['--self-test', '--live', '--yes'])).toMatchObject({
      selfTest: true,
      live: true,
      yes: true,
    })
  })

  it.each([
    [['--jsn', 'x'], /unknown flag --jsn/],
    [['--json'], /--json needs a value/],
    [['--junit', '--json', 'x'], /--junit needs a value/],
    [['--allow-simulated=yes'], /--allow-simulated takes no value/],
    [['report/runs/latest'], /unexpected argument "report\/runs\/latest"/],
    [['--run', 'x', '--simulate'], /--run and --simulate do not go together/],
    [['--run', 'x', '--self-test'], /--run and --self-test do not go together/],
    [['--live'], /--live only applies to --self-test/],
    [['--self-test', '--junit', 'j.xml'], /--junit applies to grading, not to --self-test/],
    [['--self-test', '--yes'], /--yes only applies to `--self-test --live`/],
    [['--seed', 'abc', '--simulate'], /--seed must be an integer/],
    [['--faults', 'dns-failure'], /--faults only applies to the simulator/],
  ])('%j is a usage error naming the flag, exit 2', (argv, message) => {
    const err = usageError(argv)
    expect(err.message).toMatch(message)
    expect(err.exitCode).toBe(2)
  })

  it('an unknown flag speaks like lab and report: the flag, one usage line, and --help', () => {
    const err = usageError(['--bogus'])
    expect(err.message).toBe(`unknown flag --bogus\n  usage: ${VERIFY_CLI.synopsis}`)
    expect(err.hint).toBe('`pnpm verify --help` lists every flag')
    expect(usageError(['--jsn', 'x']).message).toMatch(/^unknown flag --jsn \(did you mean --json\?\)/)
  })

  it('refuses the live self-test without --yes, and says how to confirm', () => {
    const err = usageError(['--self-test', '--live'])
    expect(err.message).toMatch(/^refusing: --self-test --live changes the live cluster/)
    expect(err.hint).toMatch(/Add --yes to confirm/)
    expect(err.exitCode).toBe(2)
  })
})
