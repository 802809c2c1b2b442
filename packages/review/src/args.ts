// `pnpm review` flags, parsed purely. A usage error names the bad flag, gives one usage line and points at --help.
import { ExitCode, LabError } from '@lab4/core'

export type ReviewArgs =
  | { readonly mode: 'help' }
  | {
      readonly mode: 'one'
      readonly path: string
      /** `-` writes the JSON to stdout instead of the list. */
      readonly json?: string
      readonly junit?: string
      readonly color: boolean | undefined
    }
  | {
      readonly mode: 'class'
      readonly dir: string
      readonly out?: string
      readonly color: boolean | undefined
    }

export const USAGE_LINE =
  'usage: pnpm review <report.md|dir> [--json <file|->] [--junit <file>]  |  pnpm review --class <dir> [--out <dir>]'

export const HELP = `${USAGE_LINE}

Checks a hand-made Lab 4 write-up for the mistakes 184 real reports made, item by item (1–10 of the task).

  <report.md|dir>    a report, or a repo/folder holding lab4/…md (else README.md); .yaml files beside it are read too
  --json <file>      also write the review as JSON, schema lab4.review/v1 (docs/review-json.md); "-" prints it instead of the list
  --junit <file>     also write JUnit XML: one testcase per lab item (problem = failure, not checkable = skipped)
  --class <dir>      a folder of student repos: writes gradebook.csv and gradebook.html (one row per student)
  --out <dir>        with --class: where the gradebook goes (default: the class folder)
  --no-color         plain text even on a terminal
  --help             this text

Findings are errors, warnings or notes, each with its file:line, the line itself, the lab item and a hint.
Exit codes: 0 no error (warnings and notes allowed) · 1 at least one error · 2 usage error or no report found.
--class exits 0 once the gradebook is written: the findings are its content.
`

const VALUE = new Set(['json', 'junit', 'class', 'out'])
const BOOL = new Set(['help', 'no-color', 'color'])

/** A usage error in the house format: what is wrong, the usage line, where the full help is. */
export const usageError = (problem: string): LabError =>
  new LabError(`${problem}\n${USAGE_LINE}\nrun \`pnpm review --help\` for every flag`, {
    exitCode: ExitCode.usage,
  })

export function parseReviewArgs(argv: readonly string[]): ReviewArgs {
  const values = new Map<string, string>()
  const bools = new Set<string>()
  const paths: string[] = []
  for (let i = 0; i < argv.length; i += 1) {
    const arg = argv[i] ?? ''
    if (arg === '--') continue // pnpm passes a bare `--` through
    if (arg === '-h') {
      bools.add('help')
      continue
    }
    if (!arg.startsWith('--') || arg === '-') {
      if (arg.startsWith('-') && arg !== '-') throw usageError(`unknown flag ${arg}`)
      paths.push(arg)
      continue
    }
    const [name = '', inline] = arg.slice(2).split(/=(.*)/s, 2)
    if (VALUE.has(name)) {
      const value = inline ?? argv[i + 1]
      if (value === undefined || value === '' || (inline === undefined && value.startsWith('--')))
        throw usageError(`--${name} needs a value`)
      if (inline === undefined) i += 1
      values.set(name, value)
    } else if (BOOL.has(name)) {
      if (inline !== undefined) throw usageError(`--${name} takes no value`)
      bools.add(name)
    } else throw usageError(`unknown flag --${name}`)
  }
  if (bools.has('help')) return { mode: 'help' }
  const color = bools.has('no-color') ? false : bools.has('color') ? true : undefined
  const dir = values.get('class')
  if (dir !== undefined) {
    if (paths.length)
      throw usageError(`--class takes the folder of student repos; "${paths[0]}" is one path too many`)
    for (const f of ['json', 'junit'])
      if (values.has(f)) throw usageError(`--${f} applies to one report, not to --class`)
    const out = values.get('out')
    return { mode: 'class', dir, ...(out ? { out } : {}), color }
  }
  if (values.has('out')) throw usageError('--out applies to --class only')
  if (paths.length === 0) throw usageError('no report given')
  if (paths.length > 1)
    throw usageError(`one report or folder at a time (got ${paths.map((p) => `"${p}"`).join(', ')})`)
  const json = values.get('json')
  const junit = values.get('junit')
  return {
    mode: 'one',
    path: paths[0] as string,
    ...(json ? { json } : {}),
    ...(junit ? { junit } : {}),
    color,
  }
}
