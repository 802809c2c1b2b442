// The PDF's HTML (pure): the report markdown through marked, images inlined, a table of contents, details opened.
import { Marked } from 'marked'
import { escapeHtml } from './ansi.ts'
import { STYLESHEET } from './terminal.ts'
import type { Lang } from './markdown.ts'
import type { ReportModel } from '../model/model.ts'

export const SIMULATED_MARK = 'SIMULATED — not evidence from a real cluster'

const TOC_TITLE: Record<Lang, string> = { ru: 'Содержание', en: 'Contents' }

const mime = (name: string) =>
  name.endsWith('.svg')
    ? 'image/svg+xml'
    : name.endsWith('.jpg') || name.endsWith('.jpeg')
      ? 'image/jpeg'
      : 'image/png'

/**
 * @param images `images/<file>` → bytes; `substitutes` maps a markdown image to the file used in the PDF (topology.svg → topology.png).
 */
export function pdfHtml(
  markdown: string,
  lang: Lang,
  images: ReadonlyMap<string, Buffer>,
  substitutes: ReadonlyMap<string, string> = new Map(),
): string {
  let body = new Marked({ gfm: true }).parse(markdown, { async: false })
  body = body.replace(/<details>/g, '<details open>')
  body = body.replace(/src="(images\/[^"]+)"/g, (m, src: string) => {
    const file = substitutes.get(src) ?? src
    const bytes = images.get(file)
    return bytes ? `src="data:${mime(file)};base64,${bytes.toString('base64')}"` : m
  })
  const toc: string[] = []
  let n = 0
  body = body.replace(/<h2>([\s\S]*?)<\/h2>/g, (_m, inner: string) => {
    n += 1
    toc.push(`<li><a href="#s${n}">${inner.replace(/<[^>]+>/g, '')}</a></li>`)
    return `<h2 id="s${n}">${inner}</h2>`
  })
  const tocHtml = `<nav class="toc"><div class="toc-title">${TOC_TITLE[lang]}</div><ul>${toc.join('')}</ul></nav>`
  // The table of contents goes right after the title (h1), so the course header block stays first.
  body = body.replace(/(<\/h1>)/, `$1\n${tocHtml}`)
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>lab4_report</title><style>${STYLESHEET}</style></head><body><main class="report">${body}</main></body></html>`
}

/** Header and footer for every PDF page (Chromium renders them outside the page's own CSS, so inline styles). */
export function pageTemplates(model: Pick<ReportModel, 'simulated' | 'run' | 'header'>): {
  headerTemplate: string
  footerTemplate: string
} {
  const font = "font-family:'DejaVu Sans',sans-serif;font-size:8px;width:100%;padding:0 14mm;"
  const mark = model.simulated ? `<span style="color:#c62828;font-weight:bold">${SIMULATED_MARK}</span>` : ''
  return {
    headerTemplate: `<div style="${font}display:flex;justify-content:space-between;color:#57606a"><span>Lab4 · ${escapeHtml(model.header.author)} · ${escapeHtml(model.header.group)}</span>${mark}</div>`,
    footerTemplate: `<div style="${font}display:flex;justify-content:space-between;color:#57606a"><span>run ${escapeHtml(model.run.id)}${model.simulated ? ` · <b style="color:#c62828">${SIMULATED_MARK}</b>` : ''}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
  }
}

/** `2025-11-20T10:00:00.000Z` → `D:20251120100000+00'00'` (the form Chromium writes). */
export const pdfDate = (iso: string): string => {
  const d = new Date(iso)
  const p = (v: number, w = 2) => String(v).padStart(w, '0')
  return `D:${p(d.getUTCFullYear(), 4)}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}+00'00'`
}

/**
 * Pin /CreationDate and /ModDate to the run's start. Each value is replaced by one of the same byte length,
 * so every xref offset stays valid; an unexpected length is an error rather than a broken file.
 */
export function pinPdfDates(pdf: Buffer, iso: string): Buffer {
  const text = pdf.toString('latin1')
  const want = pdfDate(iso)
  const forms = [want, want.slice(0, 16) + 'Z', want.slice(0, 16)]
  let replaced = 0
  const out = text.replace(/\/(CreationDate|ModDate) ?\((D:[^)]*)\)/g, (m, field: string, old: string) => {
    const same = forms.find((f) => f.length === old.length)
    if (!same)
      throw new Error(`PDF /${field} has an unexpected form ${old}; cannot pin it without rewriting offsets`)
    replaced += 1
    return m.replace(old, same)
  })
  if (replaced === 0) return pdf
  return Buffer.from(out, 'latin1')
}
