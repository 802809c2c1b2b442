// writeReport: the imperative shell. Reads a run record, renders markdown/SVG (pure), then PNGs and the PDF with one browser.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Evidence, type CommandEntry } from '@lab4/core'
import { artifactPath, loadRun } from './load.ts'
import { buildReportModel, type ReportModel } from '../model/model.ts'
import { renderMarkdown, type Lang } from '../render/markdown.ts'
import { topologySvg } from '../render/topology.ts'
import { TERMINAL_WIDTH, terminalHtml, STYLESHEET } from '../render/terminal.ts'
import { pageTemplates, pdfHtml, pinPdfDates } from '../render/pdf.ts'
import { openRenderer, type Renderer } from './browser.ts'

export const REPORT_MD = 'lab4_report.md'
export const REPORT_PDF = 'lab4_report.pdf'
export const TOPOLOGY_WIDTH = 1000

export type WriteOptions = {
  runDir: string
  outDir: string
  lang?: Lang
  pdf?: boolean
  log?: (line: string) => void
  renderer?: Renderer
}
export type Written = {
  model: ReportModel
  markdown: string
  files: string[]
  timings: Record<string, number>
}

/** Every image the markdown links to, as `images/<file>` → bytes. */
async function renderImages(
  model: ReportModel,
  runDir: string,
  ev: Evidence,
  svg: string,
  r: Renderer,
): Promise<Map<string, Buffer>> {
  const images = new Map<string, Buffer>()
  for (const t of model.terminals) {
    const entry = ev.byId(t.entryId) as CommandEntry
    images.set(`images/${t.file}`, await r.png(terminalHtml(entry, entry.key ?? 'terminal'), TERMINAL_WIDTH))
  }
  for (const s of model.screenshots)
    images.set(`images/${s.file}`, readFileSync(artifactPath(runDir, s.source)))
  images.set('images/topology.svg', Buffer.from(svg))
  const figure = `<!doctype html><html><head><meta charset="utf-8"><style>${STYLESHEET}</style></head><body><div class="figure">${svg}</div></body></html>`
  images.set('images/topology.png', await r.png(figure, TOPOLOGY_WIDTH))
  return images
}

export async function writeReport(o: WriteOptions): Promise<Written> {
  const log = o.log ?? (() => {})
  const timings: Record<string, number> = {}
  const t0 = performance.now()
  const { run, config, texts } = loadRun(o.runDir)
  const lang = o.lang ?? config.report.lang
  const model = buildReportModel(run, config, texts)
  const markdown = renderMarkdown(model, lang)
  const svg = topologySvg(model)
  timings.model = performance.now() - t0

  const renderer = o.renderer ?? (await openRenderer())
  const files: string[] = []
  try {
    const t1 = performance.now()
    const images = await renderImages(model, run.dir, new Evidence(run.entries), svg, renderer)
    timings.images = performance.now() - t1
    // Only images/ is wiped: it holds nothing but this report's generated files.
    rmSync(join(o.outDir, 'images'), { recursive: true, force: true })
    mkdirSync(join(o.outDir, 'images'), { recursive: true })
    for (const [rel, bytes] of images) {
      writeFileSync(join(o.outDir, rel), bytes)
      files.push(rel)
    }
    writeFileSync(join(o.outDir, REPORT_MD), markdown)
    files.push(REPORT_MD)
    log(`wrote ${REPORT_MD} (${lang}) and ${images.size} images`)
    if (o.pdf !== false) {
      const t2 = performance.now()
      const html = pdfHtml(markdown, lang, images, new Map([['images/topology.svg', 'images/topology.png']]))
      const pdf = pinPdfDates(await renderer.pdf(html, pageTemplates(model)), run.header.startedAt)
      writeFileSync(join(o.outDir, REPORT_PDF), pdf)
      files.push(REPORT_PDF)
      timings.pdf = performance.now() - t2
      log(`wrote ${REPORT_PDF} (${Math.round(pdf.length / 1024)} KiB)`)
    }
  } finally {
    if (!o.renderer) await renderer.close()
  }
  return { model, markdown, files, timings }
}
