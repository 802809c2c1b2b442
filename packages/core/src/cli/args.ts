// One voice for `pnpm lab`, `pnpm report` and `pnpm verify`: the same flag syntax, and every flag mistake
// names the flag, shows one usage line and points at `--help` (never Node's parseArgs text, never the whole help).
import { ExitCode, LabError } from '../errors.ts'

export type FlagSpec =
  | { readonly type: 'boolean'; readonly short?: string }
  /** `value` is the placeholder the messages show, e.g. `<file>`. */
  | { readonly type: 'string'; readonly value: string; readonly short?: string }

export type CliSpec<F extends Readonly<Record<string, FlagSpec>>> = {
  /** How the user types the command, e.g. `pnpm lab`. */
  readonly command: string
  /** One line: the command with its main flags. */
  readonly synopsis: string
  readonly flags: F
  /** The positional words allowed (e.g. a verb); none when absent. */
  readonly positionals?: { readonly max: number; readonly name: string }
}

export type FlagValues<F extends Readonly<Record<string, FlagSpec>>> = {
  -readonly [K in keyof F]: F[K] extends { type: 'string' } ? string | undefined : boolean
}

export type Parsed<F extends Readonly<Record<string, FlagSpec>>> = {
  readonly values: FlagValues<F>
  readonly positionals: readonly string[]
}

/** A flag mistake: the problem, the usage line, and where the full list is. Exit 2. */
export function flagError(spec: CliSpec<Readonly<Record<string, FlagSpec>>>, problem: string): LabError {
  return new LabError(`${problem}\n  usage: ${spec.synopsis}`, {
    hint: `\`${spec.command} --help\` lists every flag`,
    exitCode: ExitCode.usage,
  })
}

export function parseCommandLine<F extends Readonly<Record<string, FlagSpec>>>(
  spec: CliSpec<F>,
  argv: readonly string[],
): Parsed<F> {
  const values: Record<string, string | boolean | undefined> = {}
  for (const [name, f] of Object.entries(spec.flags)) values[name] = f.type === 'boolean' ? false : undefined
  const positionals: string[] = []
  const byShort = new Map(
    Object.entries(spec.flags).flatMap(([name, f]) => (f.short ? [[f.short, name] as const] : [])),
  )
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? ''
    if (arg === '--') continue // pnpm and npm habits pass a bare `--` through
    if (!arg.startsWith('-') || arg === '-') {
      positionals.push(arg)
      continue
    }
    const long = arg.startsWith('--')
    const [rawName = '', inline] = (long ? arg.slice(2) : arg.slice(1)).split(/=(.*)/s, 2)
    const name = long ? rawName : byShort.get(rawName)
    const f = name === undefined ? undefined : spec.flags[name]
    if (name === undefined || f === undefined) throw flagError(spec, unknown(arg.split('=')[0] ?? arg, spec))
    const shown = long ? `--${name}` : `-${rawName}`
    if (f.type === 'boolean') {
      if (inline !== undefined) throw flagError(spec, `${shown} takes no value (got "${inline}")`)
      values[name] = true
      continue
    }
    const value = inline ?? argv[i + 1]
    if (value === undefined || value === '' || (inline === undefined && value.startsWith('--')))
      throw flagError(spec, `${shown} needs a value: ${shown} ${f.value}`)
    if (inline === undefined) i += 1
    values[name] = value
  }
  const max = spec.positionals?.max ?? 0
  if (positionals.length > max) {
    const extra = positionals[max] ?? ''
    throw flagError(
      spec,
      max === 0
        ? `unexpected argument "${extra}"`
        : `unexpected argument "${extra}" after the ${spec.positionals?.name ?? 'command'}`,
    )
  }
  return { values: values as FlagValues<F>, positionals }
}

function unknown(flag: string, spec: CliSpec<Readonly<Record<string, FlagSpec>>>): string {
  const near = closest(flag.replace(/^-+/, ''), Object.keys(spec.flags))
  return `unknown flag ${flag}${near ? ` (did you mean --${near}?)` : ''}`
}

/** The known flag a typo most likely meant: edit distance ≤ 2, or the typed text as a prefix. */
function closest(typed: string, names: readonly string[]): string | undefined {
  if (typed.length < 2) return undefined
  let best: { name: string; d: number } | undefined
  for (const name of names) {
    const d = name.startsWith(typed) ? 1 : distance(typed, name)
    if (d <= 2 && (!best || d < best.d)) best = { name, d }
  }
  return best?.name
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i += 1) {
    const row = [i]
    for (let j = 1; j <= b.length; j += 1)
      row[j] = Math.min(
        (prev[j] ?? 0) + 1,
        (row[j - 1] ?? 0) + 1,
        (prev[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1),
      )
    prev = row
  }
  return prev[b.length] ?? Infinity
}
