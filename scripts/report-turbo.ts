// `pnpm report` hands the work to turbo's cached `report` task and shows only the report's own lines: turbo's
// banner, task prefixes, pnpm's command echo and the "run failed" summary stay out of the user's terminal.
import { existsSync } from 'node:fs'
import { isAbsolute, join, relative } from 'node:path'
import { startProcess, which } from '@lab4/core'
import { ROOT } from './paths.ts'

const TURBO = join(ROOT, 'node_modules', '.bin', 'turbo')
const HASHED_RUNS = join(ROOT, 'report', 'runs')

/** This process is the turbo task itself (pnpm runs the package's `report` script): do the work here. */
export const insideReportTask = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env.npm_package_name === '@lab4/report' && env.npm_lifecycle_event === 'report'

/**
 * turbo may serve a record only when its inputs cover it (report/runs/ in the repo), and it needs its binary
 * and pnpm, the package manager it runs tasks with. Anything else is written directly, uncached.
 */
export function turboCanServe(runDir: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const rel = relative(HASHED_RUNS, runDir)
  const hashed = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel)
  return hashed && !insideReportTask(env) && existsSync(TURBO) && which('pnpm', env.PATH) !== undefined
}

type Event = { source?: string; level?: string; text?: string }

// Lines turbo and pnpm add around the task's own output (as `turbo --json` reports them).
const NOISE = [
  /^cache miss, executing \w+$/,
  /^(\$ )?tsx \.\.\/\.\.\/scripts\/report\.ts/,
  /^\$ ?$/,
  /^\[ELIFECYCLE\]/,
]
const CACHE_HIT = /^cache hit, replaying logs \w+$/

/** Run the task through turbo with machine-readable output, print the task's lines, return its exit code. */
export async function reportViaTurbo(args: readonly string[]): Promise<number> {
  // Paths in args are absolute: pnpm gives the task its own INIT_CWD, and a cache hit replays old logs anywhere.
  const p = startProcess(
    { argv: [TURBO, 'run', 'report', '--filter=@lab4/report', '--json', '--', ...args] },
    { env: process.env, cwd: ROOT },
  )
  let pending = ''
  let said = false
  const turboErrors: string[] = []
  const onLine = (line: string) => {
    let e: Event
    try {
      e = JSON.parse(line) as Event
    } catch {
      return // not an event (turbo's own stray text): nothing for the user
    }
    const text = e.text ?? ''
    if (e.source === 'turbo') {
      if (e.level === 'error') turboErrors.push(text)
      return
    }
    if (CACHE_HIT.test(text)) {
      process.stdout.write(
        'report: nothing changed since the last report: turbo restored it from its cache\n',
      )
      return
    }
    if (NOISE.some((re) => re.test(text))) return
    said = true
    const toErr = e.level === 'stderr' || /^(error|internal error|\s+hint):?/.test(text)
    ;(toErr ? process.stderr : process.stdout).write(`${text}\n`)
  }
  p.onStdout((chunk) => {
    pending += chunk
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    lines.filter(Boolean).forEach(onLine)
  })
  const r = await p.done
  if (pending) onLine(pending)
  // Only when turbo itself failed before the task could say anything is its own message worth showing.
  if (r.exitCode !== 0 && !said) {
    const why = turboErrors.find((t) => !/ exited \(\d+\)$/.test(t)) ?? r.stderr.trim().split('\n').at(-1)
    process.stderr.write(`error: turbo could not run the report task: ${why || `exit ${r.exitCode}`}\n`)
  }
  return r.exitCode ?? 1
}
