// Bench: our PDF path (one browser, markdown → HTML with inlined images → page.pdf) against md-to-pdf on the
// same markdown and images, with the same browser, page size, margins, header/footer and stylesheet.
// Run: tsx bench/pdf-vs-md-to-pdf.ts [--run <dir>] [--rounds N]   (default run: the good fixture run)
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { BROWSER_ARGS, resolveBrowser } from '@lab4/core'
import {
  loadRun,
  buildReportModel,
  openRenderer,
  pageTemplates,
  pdfHtml,
  pinPdfDates,
  writeReport,
  REPORT_MD,
} from '@lab4/report'

const root = fileURLToPath(new URL('../', import.meta.url))
const { values } = parseArgs({ options: { run: { type: 'string' }, rounds: { type: 'string' } } })
// A recorded run is data handed over like --run, not code: the report's good fixture run is read by its path.
const runDir = values.run ?? join(root, 'packages/report/src/fixtures/run-good')
const rounds = Number(values.rounds ?? 5)
const out = join(root, 'bench/out/pdf-vs-md-to-pdf')
mkdirSync(out, { recursive: true })

// md-to-pdf is a devDependency of @lab4/report, so resolve it from there.
const req = createRequire(join(root, 'packages/report/package.json'))
// Only the call we make, typed here: the root package cannot see md-to-pdf's own types.
type MdToPdf = (input: { content: string }, config: Record<string, unknown>) => Promise<{ content: Buffer }>
const { mdToPdf } = (await import(pathToFileURL(req.resolve('md-to-pdf')).href)) as { mdToPdf: MdToPdf }

// The same inputs for both: the report markdown and its images on disk (written once, not timed).
await writeReport({ runDir, outDir: out, pdf: false })
const markdown = readFileSync(join(out, REPORT_MD), 'utf8')
const { run, config, texts } = loadRun(runDir)
const model = buildReportModel(run, config, texts)
const templates = pageTemplates(model)
// An asset read as a file; once @lab4/report exports its STYLESHEET (render/terminal.ts), take it from there.
const stylesheet = readFileSync(join(root, 'packages/report/src/style.css'), 'utf8')
const browser = resolveBrowser().path
const margin = { top: '18mm', bottom: '18mm', left: '14mm', right: '14mm' }

async function ours(): Promise<number> {
  const t = performance.now()
  const r = await openRenderer()
  const images = new Map(
    readdirSync(join(out, 'images')).map((f) => [`images/${f}`, readFileSync(join(out, 'images', f))]),
  )
  const html = pdfHtml(
    markdown,
    config.report.lang,
    images,
    new Map([['images/topology.svg', 'images/topology.png']]),
  )
  const pdf = pinPdfDates(await r.pdf(html, templates), run.header.startedAt)
  await r.close()
  writeFileSync(join(out, 'ours.pdf'), pdf)
  return performance.now() - t
}

async function theirs(): Promise<number> {
  const t = performance.now()
  const res = await mdToPdf(
    { content: markdown },
    {
      basedir: out,
      css: stylesheet,
      body_class: ['report'],
      launch_options: { executablePath: browser, args: [...BROWSER_ARGS] },
      pdf_options: { format: 'A4', printBackground: true, displayHeaderFooter: true, ...templates, margin },
    },
  )
  writeFileSync(join(out, 'md-to-pdf.pdf'), res.content)
  return performance.now() - t
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN
await ours() // warm-up (disk cache, font cache), not counted
await theirs()
const a: number[] = []
const b: number[] = []
for (let i = 0; i < rounds; i++) {
  a.push(await ours())
  b.push(await theirs())
}
const fmt = (xs: number[]) =>
  `median ${median(xs).toFixed(0)} ms (runs: ${xs.map((x) => x.toFixed(0)).join(', ')})`
console.log(`markdown: ${Buffer.byteLength(markdown)} bytes, ${rounds} rounds, browser ${browser}`)
console.log(`ours      : ${fmt(a)}`)
console.log(`md-to-pdf : ${fmt(b)}`)
console.log(`ratio md-to-pdf / ours = ${(median(b) / median(a)).toFixed(2)}`)
