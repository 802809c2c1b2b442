// What the NetworkPolicy experiment (app.policy) costs: measured on a simulated lab, and estimated for a live one
// from the plan (the same argv: wget -T, ping -c/-W). Prints figures, asserts nothing.
// Usage: npx tsx bench/policy.ts
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { loadConfig, readRun } from '@lab4/core'
import { policyBudget } from '@lab4/app'
import { ROOT } from '../scripts/paths.ts'

const base = mkdtempSync(join(tmpdir(), 'lab4-bench-policy-'))
const env = { ...process.env, LAB_RUNS_DIR: join(base, 'runs'), LAB_SIM_DIR: join(base, 'sim'), CI: '1' }
const { config } = loadConfig(join(ROOT, 'lab.config.yaml'), { required: false })
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`

for (const label of ['fresh run (the experiment runs)', 're-run (its record is in the cluster)']) {
  const r = spawnSync(
    join(ROOT, 'node_modules', '.bin', 'tsx'),
    [join(ROOT, 'scripts', 'lab.ts'), '--simulate'],
    {
      cwd: ROOT,
      env,
      encoding: 'utf8',
    },
  )
  if (r.status !== 0) throw new Error(`pnpm lab --simulate exited ${r.status}:\n${r.stdout}\n${r.stderr}`)
  const record = readRun(join(base, 'runs', 'latest'))
  const end = record.entries.find((e) => e.type === 'step-end' && e.step === 'app.policy')
  const cmds = record.entries.filter((e) => e.type === 'command' && e.step === 'app.policy')
  const inCommands = cmds.reduce((n, c) => n + (c.type === 'command' ? c.durationMs : 0), 0)
  if (end?.type !== 'step-end') throw new Error('the run recorded no app.policy step')
  console.log(
    `simulated, ${label}: app.policy took ${s(end.durationMs)}, ${s(end.waitedMs)} of it in named waits (${end.waitedMs === 0 ? 'every phase showed what it should at the first probe' : 'some phase probed again'}), ${cmds.length} kubectl calls (${s(inCommands)} inside them, run in parallel per phase)`,
  )
}
console.log(
  "(the simulator compresses a second of the pods' clocks to 50 ms, so a blocked probe here costs 0.15 s, not 3 s)",
)
const live = policyBudget(config)
console.log(`live, from the plan: ${live.text}`)
console.log(`live figure: ${live.seconds} s ${live.seconds <= 30 ? '≤' : '>'} 30 s`)
