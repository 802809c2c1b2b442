import { describe, expect, it } from 'vitest'
import { LabError } from '../errors.ts'
import { reportError } from '../main.ts'
import { flagError, parseCommandLine, type CliSpec, type FlagSpec } from './args.ts'

const spec = {
  command: 'pnpm demo',
  synopsis: 'pnpm demo [run|lint] [--config <file>] [--yes]',
  flags: {
    config: { type: 'string', value: '<file>' },
    yes: { type: 'boolean', short: 'y' },
    'no-pdf': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
  positionals: { max: 1, name: 'command' },
} as const satisfies CliSpec<Readonly<Record<string, FlagSpec>>>

const printed = (argv: string[]): string => {
  let err: unknown
  try {
    parseCommandLine(spec, argv)
  } catch (e) {
    err = e
  }
  if (!(err instanceof LabError)) throw new Error(`expected a usage error for ${argv.join(' ')}`)
  expect(err.exitCode).toBe(2)
  const lines: string[] = []
  reportError(err, (s) => lines.push(s))
  return lines.join('\n')
}

describe('parseCommandLine', () => {
  it('reads --flag value, --flag=value, short booleans and one positional, skipping a bare --', () => {
    const r = parseCommandLine(spec, ['--', 'lint', '--config', 'a.yaml', '-y', '--no-pdf'])
    expect(r.values).toEqual({ config: 'a.yaml', yes: true, 'no-pdf': true, help: false })
    expect(r.positionals).toEqual(['lint'])
    expect(parseCommandLine(spec, ['--config=b=c.yaml']).values.config).toBe('b=c.yaml')
    expect(parseCommandLine(spec, []).values).toEqual({
      config: undefined,
      yes: false,
      'no-pdf': false,
      help: false,
    })
  })

  it('an unknown flag prints the flag, one usage line and --help, and nothing else', () => {
    expect(printed(['--bogus'])).toBe(
      [
        'error: unknown flag --bogus',
        '  usage: pnpm demo [run|lint] [--config <file>] [--yes]',
        '  hint: `pnpm demo --help` lists every flag',
      ].join('\n'),
    )
  })

  it('suggests the flag a typo most likely meant', () => {
    expect(printed(['--confg', 'x'])).toMatch(/^error: unknown flag --confg \(did you mean --config\?\)\n/)
    expect(printed(['--ye'])).toMatch(/^error: unknown flag --ye \(did you mean --yes\?\)\n/)
    expect(printed(['-x'])).toMatch(/^error: unknown flag -x\n {2}usage: /)
  })

  it.each([
    [['--config'], 'error: --config needs a value: --config <file>'],
    [['--config', '--yes'], 'error: --config needs a value: --config <file>'],
    [['--yes=no'], 'error: --yes takes no value (got "no")'],
    [['run', 'lint'], 'error: unexpected argument "lint" after the command'],
  ])('%j names the flag in the same three-line format', (argv, first) => {
    const lines = printed(argv).split('\n')
    expect(lines).toEqual([first, `  usage: ${spec.synopsis}`, '  hint: `pnpm demo --help` lists every flag'])
  })

  it('a command without positionals calls any word unexpected', () => {
    const none = { ...spec, positionals: undefined }
    expect(() => parseCommandLine(none, ['report/runs/latest'])).toThrow(
      /^unexpected argument "report\/runs\/latest"\n {2}usage:/,
    )
  })

  it('flagError is the same voice for a check a command makes itself', () => {
    const e = flagError(spec, '--lang xx is not supported (ru, en)')
    expect(e.message).toBe(`--lang xx is not supported (ru, en)\n  usage: ${spec.synopsis}`)
    expect(e.hint).toBe('`pnpm demo --help` lists every flag')
  })
})
