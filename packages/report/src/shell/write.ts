// writeReport: the imperative shell. Reads a run record, renders markdown/SVG (pure), then PNGs and the PDF with one browser.
// The output folder is the one a student commits as `lab4/`: lab4_report.md, images/, manifests/*.yaml (and the PDF).
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { Evidence, type CommandEntry } from '@lab4/core'
import { artifactPath, loadRun } from './load.ts'
import { buildReportModel, type ReportModel } from '../model/model.ts'
import { commandLabel, renderMarkdown, type Lang } from '../render/markdown.ts'
import { topologySvg } from '../render/topology.ts'
import { TERMINAL_WIDTH, page, terminalHtml } from '../render/terminal.ts'
import { frameHtml } from '../render/frame.ts'
import { terminalBlock } from '../render/print.ts'
import { imagePath, isImageOf, reportMd, reportPdf } from '../render/files.ts'
import { STRINGS } from '../render/i18n/strings.ts'
import { pageTemplates, pdfHtml, pinPdfDates } from '../render/pdf.ts'
import type { CommandView } from '../model/sections.ts'
import { openRenderer, type Renderer } from './browser.ts'
import { hasEmojiFont } from './fonts.ts'

/** The Russian report's file name (the course's `lab4/lab4_report.md`); English is `lab4_report.en.md`. */
export const REPORT_MD = reportMd('ru')
export const REPORT_PDF = reportPdf('ru')
export const TOPOLOGY_WIDTH = 1000

export type WriteOptions = {
  runDir: string
  outDir: string
  lang?: Lang
  pdf?: boolean
  log?: (line: string) => void
  renderer?: Renderer
  /** Draw emoji with the installed font; by default, only when fontconfig has a colour emoji font. */
  emoji?: boolean
}
export type Written = {
  model: ReportModel
  markdown: string
  lang: Lang
  files: string[]
  /** Pages of the PDF, when one was written. */
  pages: number | undefined
  timings: Record<string, number>
}

/** Every image the markdown links to, as `images/<file>` (this language's names) → bytes. */
async function renderImages(
  model: ReportModel,
  lang: Lang,
  runDir: string,
  ev: Evidence,
  svg: string,
  r: Renderer,
  emoji: boolean,
): Promise<Map<string, Buffer>> {
  const s = STRINGS[lang]
  const simulated = model.simulated ? s.simulated : undefined
  const images = new Map<string, Buffer>()
  for (const t of model.terminals) {
    const entry = ev.byId(t.entryId) as CommandEntry
    const title = `${model.lab.profile} — ${commandLabel({ key: entry.key ?? '', argv: entry.argv }, lang)}`
    images.set(
      imagePath(t.file, lang),
      await r.png(terminalHtml(entry, { title, simulated, emoji, strings: s }), TERMINAL_WIDTH),
    )
  }
  for (const shot of model.screenshots) {
    const png = readFileSync(artifactPath(runDir, shot.source))
    const html = frameHtml(png, { ...shot, status: s.shotStatus(shot) }, simulated)
    images.set(imagePath(shot.file, lang), await r.png(html, TERMINAL_WIDTH))
  }
  images.set(imagePath('topology.svg', lang), Buffer.from(svg))
  images.set(
    imagePath('topology.png', lang),
    await r.png(page(`<div class="figure">${svg}</div>`), TOPOLOGY_WIDTH),
  )
  return images
}

/** The print medium's terminal blocks, by journal entry id (every command the print markdown shows). */
function printBlocks(model: ReportModel, lang: Lang): Map<string, string> {
  const views: CommandView[] = [
    ...Object.values(model.sections).flatMap((sec) => sec.commands),
    ...(model.corefile ? [model.corefile] : []),
  ]
  const s = STRINGS[lang]
  return new Map(
    views.map((c) => [c.id, terminalBlock({ ...c, output: c.output }, s, commandLabel(c, lang)).html]),
  )
}

/** Page objects in a PDF Chromium wrote (it writes no object streams, so each page is a plain `/Type /Page`). */
export const pdfPageCount = (pdf: Buffer): number =>
  (pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length

export async function writeReport(o: WriteOptions): Promise<Written> {
  const log = o.log ?? (() => {})
  const timings: Record<string, number> = {}
  const t0 = performance.now()
  const { run, config, texts } = loadRun(o.runDir)
  const lang = o.lang ?? config.report.lang
  const model = buildReportModel(run, config, texts)
  const markdown = renderMarkdown(model, lang)
  const svg = topologySvg(model, lang)
  timings.model = performance.now() - t0

  const renderer = o.renderer ?? (await openRenderer())
  const files: string[] = []
  let pages: number | undefined
  try {
    const t1 = performance.now()
    const ev = new Evidence(run.entries)
    const images = await renderImages(model, lang, run.dir, ev, svg, renderer, o.emoji ?? hasEmojiFont())
    timings.images = performance.now() - t1
    // images/ holds only generated files: this language's are replaced, the other language's are kept.
    const imagesDir = join(o.outDir, 'images')
    mkdirSync(imagesDir, { recursive: true })
    for (const f of readdirSync(imagesDir))
      if (isImageOf(f, lang)) rmSync(join(imagesDir, f), { force: true })
    for (const [rel, bytes] of images) {
      writeFileSync(join(o.outDir, rel), bytes)
      files.push(rel)
    }
    // The manifests as the course wants them in the folder: plain .yaml files the report links to.
    if (model.manifests.length > 0) mkdirSync(join(o.outDir, 'manifests'), { recursive: true })
    for (const m of model.manifests) {
      writeFileSync(join(o.outDir, m.file), `${m.yaml}\n`)
      files.push(m.file)
    }
    writeFileSync(join(o.outDir, reportMd(lang)), markdown)
    files.push(reportMd(lang))
    log(`wrote ${reportMd(lang)} (${lang}), ${images.size} images, ${model.manifests.length} manifests`)
    if (o.pdf !== false) {
      const t2 = performance.now()
      const html = pdfHtml(
        renderMarkdown(model, lang, 'print'),
        lang,
        images,
        new Map([[imagePath('topology.svg', lang), imagePath('topology.png', lang)]]),
        printBlocks(model, lang),
      )
      const pdf = pinPdfDates(await renderer.pdf(html, pageTemplates(model, lang)), run.header.startedAt)
      writeFileSync(join(o.outDir, reportPdf(lang)), pdf)
      files.push(reportPdf(lang))
      pages = pdfPageCount(pdf)
      timings.pdf = performance.now() - t2
      log(`wrote ${reportPdf(lang)} (${pages} pages, ${Math.round(pdf.length / 1024)} KiB)`)
    } else if (existsSync(join(o.outDir, reportPdf(lang)))) {
      // An older PDF beside the new markdown would contradict it.
      rmSync(join(o.outDir, reportPdf(lang)))
      log(`removed the older ${reportPdf(lang)} (--no-pdf)`)
    }
  } finally {
    if (!o.renderer) await renderer.close()
  }
  return { model, markdown, lang, files, pages, timings }
}
