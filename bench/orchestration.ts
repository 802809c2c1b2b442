// Orchestration overhead on the simulator: wall time per step minus time spent inside named waits.
// Usage: pnpm bench:orchestration [--runs N]   (prints a table; no assertion, no timing in tests)
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { readRun } from '@lab4/core'
import { ROOT } from '../scripts/paths.ts'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '2' } } })
const runs = Number(values.runs)
const base = mkdtempSync(join(tmpdir(), 'lab4-bench-'))
const env = { ...process.env, LAB_RUNS_DIR: join(base, 'runs'), LAB_SIM_DIR: join(base, 'sim'), CI: '1' }

type Row = { step: string; wallMs: number; waitMs: number; commands: number; commandMs: number }
const table = new Map<string, Row[]>()

for (let i = 0; i < runs; i++) {
  const label = i === 0 ? 'fresh' : `re-run ${i}`
  const t = Date.now()
  const r = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(ROOT, 'scripts', 'lab.ts'), '--simulate'],
    { cwd: ROOT, env, encoding: 'utf8' },
  )
  if (r.status !== 0) throw new Error(`pnpm lab --simulate exited ${r.status}:\n${r.stdout}\n${r.stderr}`)
  const record = readRun(join(base, 'runs', 'latest'))
  const rows: Row[] = []
  for (const e of record.entries) {
    if (e.type !== 'step-end') continue
    const cmds = record.entries.filter((c) => c.type === 'command' && c.step === e.step && !c.long)
    rows.push({
      step: e.step,
      wallMs: e.durationMs,
      waitMs: e.waitedMs,
      commands: cmds.length,
      commandMs: cmds.reduce((n, c) => n + (c.type === 'command' ? c.durationMs : 0), 0),
    })
  }
  rows.push({
    step: `total (process ${((Date.now() - t) / 1000).toFixed(1)}s)`,
    wallMs: sum(rows, 'wallMs'),
    waitMs: sum(rows, 'waitMs'),
    commands: sum(rows, 'commands'),
    commandMs: sum(rows, 'commandMs'),
  })
  table.set(label, rows)
}

for (const [label, rows] of table) {
  console.log(`\n${label}`)
  console.log(
    pad('step', 34) +
      pad('wall', 10) +
      pad('waits', 10) +
      pad('overhead', 10) +
      pad('commands', 10) +
      pad('in commands', 13) +
      'tool itself',
  )
  for (const r of rows) {
    console.log(
      pad(r.step, 34) +
        pad(s(r.wallMs), 10) +
        pad(s(r.waitMs), 10) +
        pad(s(r.wallMs - r.waitMs), 10) +
        pad(String(r.commands), 10) +
        pad(s(r.commandMs), 13) +
        s(r.wallMs - r.waitMs - r.commandMs),
    )
  }
}
console.log(
  '\noverhead = wall time minus time inside named waits (simulated readiness delays); "in commands" = time inside the fake minikube/kubectl processes, which includes their start-up; "tool itself" = overhead minus time in commands (engine, journal, parsing, browser driving).',
)

function sum(rows: Row[], k: 'wallMs' | 'waitMs' | 'commands' | 'commandMs'): number {
  return rows.reduce((n, r) => n + r[k], 0)
}
function s(ms: number): string {
  return `${(ms / 1000).toFixed(2)}s`
}
function pad(x: string, n: number): string {
  return x.padEnd(n)
}
