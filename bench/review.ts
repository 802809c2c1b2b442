// How long `pnpm review` takes per report (goal: at most 200 ms). Prints figures only; never fails on time.
// Reports: the seed write-up, our own generated ones, and a long one made of every real output in the fixtures.
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { performance } from 'node:perf_hooks'
import { locateReport, readReport, review, type ReviewInput } from '@lab4/review'
import { ROOT } from '../scripts/paths.ts'

const FIXTURES = join(ROOT, 'packages', 'review', 'src', 'fixtures')
const GOLDEN = join(ROOT, 'packages', 'report', 'src', '__golden__')
const RUNS = 20
const GOAL_MS = 200

const dropSource = (t: string) => (t.startsWith('# source:') ? t.slice(t.indexOf('\n') + 1) : t)
const read = (dir: string, f: string) => dropSource(readFileSync(join(dir, f), 'utf8'))
const outputs = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.txt') && !f.startsWith('manifest__'))
  .sort()
const manifests = readdirSync(FIXTURES).filter((f) => f.startsWith('manifest__'))

const reports: Array<{ name: string; input: ReviewInput }> = [
  {
    name: 'seed write-up',
    input: { file: 'lab4_report.md', text: read(FIXTURES, 'seed__lab4-report-seed.md'), manifests: [] },
  },
  {
    name: 'generated (ru)',
    input: { file: 'lab4_report.md', text: read(GOLDEN, 'lab4_report.ru.golden.md'), manifests: [] },
  },
  {
    name: 'generated (en)',
    input: { file: 'lab4_report.md', text: read(GOLDEN, 'lab4_report.en.golden.md'), manifests: [] },
  },
  {
    name: `every real output (${outputs.length} blocks, ${manifests.length} manifests)`,
    input: {
      file: 'lab4_report.md',
      text: outputs
        .map((f) => `### ${f}\n\n\`\`\`console\n${read(FIXTURES, f).trimEnd()}\n\`\`\`\n`)
        .join('\n'),
      manifests: manifests.map((f) => ({ file: `${f}.yaml`, text: read(FIXTURES, f) })),
    },
  },
]

function time(fn: () => void): { median: number; max: number } {
  for (let i = 0; i < 3; i += 1) fn() // warm-up: module load and JIT are not per-report costs
  const ms: number[] = []
  for (let i = 0; i < RUNS; i += 1) {
    const t = performance.now()
    fn()
    ms.push(performance.now() - t)
  }
  ms.sort((a, b) => a - b)
  return { median: ms[Math.floor(RUNS / 2)] ?? NaN, max: ms[RUNS - 1] ?? NaN }
}

let worst = 0
for (const r of reports) {
  let findings = 0
  const t = time(() => {
    findings = review(r.input).findings.length
  })
  worst = Math.max(worst, t.median)
  const lines = r.input.text.split('\n').length
  console.log(
    `review: ${r.name}, ${lines} lines, ${findings} findings: median ${t.median.toFixed(1)} ms, max ${t.max.toFixed(1)} ms (${RUNS} runs)`,
  )
}

// With the files: find the report in a repo, read it and its manifests, review it.
const repo = mkdtempSync(join(tmpdir(), 'lab4-review-bench-'))
mkdirSync(join(repo, 'lab4', 'k8s'), { recursive: true })
writeFileSync(join(repo, 'lab4', 'lab4_report.md'), reports[3]?.input.text ?? '')
for (const m of reports[3]?.input.manifests ?? []) writeFileSync(join(repo, 'lab4', 'k8s', m.file), m.text)
const disk = time(() => review(readReport(locateReport(repo))))
rmSync(repo, { recursive: true, force: true })
worst = Math.max(worst, disk.median)
console.log(
  `review: the long report from a repo on disk (locate + read + review): median ${disk.median.toFixed(1)} ms, max ${disk.max.toFixed(1)} ms`,
)
console.log(
  `goal ≤ ${GOAL_MS} ms per report: ${worst <= GOAL_MS ? 'met' : 'NOT met'} (worst median ${worst.toFixed(1)} ms)`,
)
