// How fast `pnpm lab` gives up when minikube is missing (target: well under 5 s). Prints figures only.
import { spawnSync } from 'node:child_process'
import { mkdtempSync, symlinkSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from '../scripts/paths.ts'

const path = mkdtempSync(join(tmpdir(), 'lab4-nominikube-'))
symlinkSync(process.execPath, join(path, 'node'))
const runs: number[] = []
for (let i = 0; i < 5; i++) {
  const t = Date.now()
  const r = spawnSync(join(ROOT, 'node_modules', '.bin', 'tsx'), [join(ROOT, 'scripts', 'lab.ts')], {
    cwd: ROOT,
    env: { ...process.env, PATH: path, LAB_RUNS_DIR: mkdtempSync(join(tmpdir(), 'lab4-runs-')) },
    encoding: 'utf8',
  })
  runs.push(Date.now() - t)
  if (r.status !== 2) throw new Error(`expected exit 2, got ${r.status}: ${r.stderr}`)
}
runs.sort((a, b) => a - b)
const sec = (i: number) => ((runs[i] ?? NaN) / 1000).toFixed(2)
console.log(
  `pnpm lab with no minikube on PATH: exit 2 in median ${sec(2)}s (min ${sec(0)}s, max ${sec(4)}s, 5 runs)`,
)
