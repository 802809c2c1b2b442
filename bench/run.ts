// pnpm bench: every benchmark in bench/, one after the other; each prints its own figures.
import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ROOT } from '../scripts/paths.ts'

const tsx = join(ROOT, 'node_modules', '.bin', 'tsx')
let failed = 0
const BENCHES = [
  'preflight.ts',
  'startup.ts',
  'orchestration.ts',
  'critical-path.ts',
  'pdf-vs-md-to-pdf.ts',
  'review.ts',
  'policy.ts',
]
for (const name of BENCHES) {
  const file = join(ROOT, 'bench', name)
  if (!existsSync(file)) continue
  console.log(`\n=== bench/${name}`)
  const r = spawnSync(tsx, [file], { cwd: ROOT, stdio: 'inherit' })
  if (r.status !== 0) failed++
}
process.exitCode = failed ? 1 : 0
