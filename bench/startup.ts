// How fast the CLIs start: the prebuilt bundle (scripts/build-cli.ts) against tsx compiling TypeScript at start,
// beside `node -e 0` measured in the same run, on the commands that need no cluster. Target: the bundle's
// `--plan` in at most 0.4 s. Usage: npx tsx bench/startup.ts [--runs 5]   (prints; asserts nothing)
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { ROOT } from '../scripts/paths.ts'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } })
const runs = Number(values.runs)
const node = process.execPath
const bundle = join(ROOT, '.cache', 'cli', 'lab.mjs')
const tsx = join(ROOT, 'node_modules', '.bin', 'tsx')
// No minikube, docker or kubectl anywhere: the preflight refuses (exit 2) before anything runs.
const emptyPath = mkdtempSync(join(tmpdir(), 'lab4-bench-startup-'))

// Build (or confirm) the bundles first; that cost is install time, not start-up.
const build = spawnSync(node, [join(ROOT, 'scripts', 'cli.mjs'), 'lab', '--plan'], {
  cwd: ROOT,
  encoding: 'utf8',
})
if (build.status !== 0) throw new Error(`the launcher could not run the plan:\n${build.stderr}`)

type Case = { label: string; argv: string[]; env?: NodeJS.ProcessEnv; exit: number }
const cases: Case[] = [
  { label: 'node -e 0', argv: [node, '-e', '0'], exit: 0 },
  { label: 'node <bundle> --plan', argv: [node, bundle, '--plan'], exit: 0 },
  {
    label: 'pnpm lab --plan (launcher + bundle)',
    argv: [node, join(ROOT, 'scripts', 'cli.mjs'), 'lab', '--plan'],
    exit: 0,
  },
  { label: 'node <bundle> lint', argv: [node, bundle, 'lint'], exit: 0 },
  { label: 'node <bundle>, no minikube (exit 2)', argv: [node, bundle], env: { PATH: emptyPath }, exit: 2 },
  { label: 'tsx scripts/lab.ts --plan', argv: [tsx, join(ROOT, 'scripts', 'lab.ts'), '--plan'], exit: 0 },
]

const times = new Map<string, number[]>(cases.map((c) => [c.label, []]))
// Interleaved rounds, so a busy moment of the machine hits every case alike.
for (let i = 0; i < runs; i++)
  for (const c of cases) {
    const t = process.hrtime.bigint()
    const r = spawnSync(c.argv[0] ?? node, c.argv.slice(1), {
      cwd: ROOT,
      env: { ...process.env, CI: '1', ...c.env },
      encoding: 'utf8',
    })
    const ms = Number(process.hrtime.bigint() - t) / 1e6
    if (r.status !== c.exit)
      throw new Error(`${c.label} exited ${r.status}, expected ${c.exit}:\n${r.stderr}`)
    times.get(c.label)?.push(ms)
  }

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0
const s = (ms: number) => `${(ms / 1000).toFixed(3)} s`
const base = median(times.get('node -e 0') ?? [])
console.log(`start-up, median of ${runs} interleaved runs (min–max), and above \`node -e 0\`:`)
for (const c of cases) {
  const xs = times.get(c.label) ?? []
  const m = median(xs)
  console.log(
    `  ${c.label.padEnd(38)}${s(m).padEnd(10)}(${s(Math.min(...xs))}–${s(Math.max(...xs))})` +
      (c.label === 'node -e 0' ? '' : `   +${s(m - base)}`),
  )
}
const plan = median(times.get('node <bundle> --plan') ?? [])
console.log(
  `target: node <bundle> --plan ≤ 0.400 s: ${s(plan)} (${plan <= 400 ? 'met' : 'not met'} on this machine now)`,
)
