// A fresh simulated lab against its critical path. The steps run one after another (the engine judges each before
// the next), so their times add up; the one wait that depends on nothing but the nodes is the frontend image's
// pull, so the critical path is the longer of (the steps up to cluster.prepull) and (the pull), plus the rest.
// Usage: npx tsx bench/critical-path.ts [--speedup 30] [--mibps 33.69] [--seed 1]   (prints; asserts nothing)
//   --speedup 1 plays the lab at laptop speed (minutes); --mibps 2 is a slow network, where the pull is the path.
import { spawnSync } from 'node:child_process'
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { readRun, type RunRecord } from '@lab4/core'
import { DEFAULT_TIMING, FRONTEND_REPOSITORY, readWorld, setupSimulation, type World } from '@lab4/sim'
import { ROOT } from '../scripts/paths.ts'

const { values } = parseArgs({
  options: {
    speedup: { type: 'string', default: String(DEFAULT_TIMING.speedup) },
    mibps: { type: 'string', default: String(DEFAULT_TIMING.downloadMiBps) },
    seed: { type: 'string', default: '1' },
  },
})
const timing = { speedup: Number(values.speedup), downloadMiBps: Number(values.mibps) }
const base = mkdtempSync(join(tmpdir(), 'lab4-bench-critical-'))
const stateDir = join(base, 'sim', 'lab4')
const env = { ...process.env, LAB_RUNS_DIR: join(base, 'runs'), LAB_SIM_DIR: join(base, 'sim'), CI: '1' }

// The world is made first with this timing; `pnpm lab --simulate` keeps it (it only replaces the faults).
await setupSimulation({ stateDir, seed: Number(values.seed), timing })
const r = spawnSync(
  join(ROOT, 'node_modules', '.bin', 'tsx'),
  [join(ROOT, 'scripts', 'lab.ts'), '--simulate', '--seed', values.seed],
  { cwd: ROOT, env, encoding: 'utf8' },
)
if (r.status !== 0) throw new Error(`pnpm lab --simulate exited ${r.status}:\n${r.stdout}\n${r.stderr}`)
const record = readRun(join(base, 'runs', 'latest'))
const world = readWorld(stateDir)
if (!world) throw new Error(`no simulated world in ${stateDir}`)
print(measure(record, world))

type Step = { id: string; start: number; end: number; waited: number }
type Figures = {
  steps: Step[]
  pull: { from: number; to: number; nodes: string[] } | undefined
  wall: number
  critical: number
  sequential: number
}

/** Seconds since the run's start: the journal's own clock, and the world's for the pulls (the same machine). */
function measure(rec: RunRecord, w: World): Figures {
  const t0 = Date.parse(rec.header.startedAt)
  const s = (iso: string | number) => ((typeof iso === 'number' ? iso : Date.parse(iso)) - t0) / 1000
  const starts = new Map<string, number>()
  const steps: Step[] = []
  let end = 0
  for (const e of rec.entries) {
    if (e.type === 'step-start') starts.set(e.step, s(e.at))
    if (e.type === 'step-end')
      steps.push({
        id: e.step,
        start: starts.get(e.step) ?? s(e.at),
        end: s(e.at),
        waited: e.waitedMs / 1000,
      })
    if (e.type === 'end') end = s(e.at)
  }
  // The pulls as the simulated kubelets made them (started, on the node), for the frontend image only.
  const pulls = Object.values(w.clusters)
    .flatMap((c) => c.nodes)
    .flatMap((n) =>
      Object.entries(n.images ?? {})
        .filter(([image, p]) => image.includes(FRONTEND_REPOSITORY) && p.at !== null)
        .map(([, p]) => ({ node: n.name, from: s(p.from), to: s(p.at ?? p.from) })),
    )
  const pull = pulls.length
    ? {
        from: Math.min(...pulls.map((p) => p.from)),
        to: Math.max(...pulls.map((p) => p.to)),
        nodes: pulls.map((p) => p.node),
      }
    : undefined
  const prepull = steps.find((x) => x.id === 'cluster.prepull')
  if (!prepull || !pull) return { steps, pull, wall: end, critical: end, sequential: end }
  // Without its wait, cluster.prepull starts when the steps before it end or when the pull ends, whichever is later.
  const rest = prepull.end - prepull.start - prepull.waited + (end - prepull.end)
  const critical = Math.max(prepull.start, pull.to) + rest
  // Strictly sequential: the pull where it was before, inside app.deploy after the IPAM steps, nothing overlapping.
  const sequential = end - prepull.waited + (pull.to - pull.from)
  return { steps, pull, wall: end, critical, sequential }
}

function print(f: Figures): void {
  const sec = (x: number) => `${x.toFixed(1)} s`
  const pad = (x: string, n: number) => x.padEnd(n)
  console.log(
    `fresh simulated lab: seed ${values.seed}, played ${timing.speedup}× faster than a laptop, ${timing.downloadMiBps} MiB/s, ` +
      `frontend image ${DEFAULT_TIMING.imageMiB[FRONTEND_REPOSITORY]} MiB`,
  )
  console.log(`  ${pad('step', 22)}${pad('from', 9)}${pad('to', 9)}${pad('took', 9)}waits`)
  for (const x of f.steps)
    console.log(
      `  ${pad(x.id, 22)}${pad(sec(x.start), 9)}${pad(sec(x.end), 9)}${pad(sec(x.end - x.start), 9)}${sec(x.waited)}`,
    )
  const p = f.pull
  if (p) {
    const during = f.steps.filter((x) => x.end > p.from && x.start < p.to).map((x) => x.id)
    console.log(
      `  ${pad('frontend image pull', 22)}${pad(sec(p.from), 9)}${pad(sec(p.to), 9)}${pad(sec(p.to - p.from), 9)}` +
        `on ${p.nodes.join(', ')}, during ${during.join(', ') || 'no step'} (${sec((p.to - p.from) * timing.speedup)} on a laptop)`,
    )
  } else
    console.log('  frontend image pull: none seen (no cluster.prepull step, or every node had the image)')
  console.log('')
  console.log(`wall time                      ${sec(f.wall)}`)
  console.log(
    `critical path                  ${sec(f.critical)}   (the steps in order; the pull needs only the nodes)`,
  )
  console.log(`ratio wall / critical path     ${(f.wall / f.critical).toFixed(3)}   (goal ≤ 1.10)`)
  console.log(
    `strictly sequential            ${sec(f.sequential)}   (the pull after the IPAM steps, as app.deploy did it)`,
  )
  console.log(`saved against sequential       ${sec(f.sequential - f.wall)}`)
}
