// The PDF's HTML (pure): the print-medium markdown through marked, terminal blocks and images put in, a table of
// contents, identifiers kept on one line.
import { Marked } from 'marked'
import { escapeHtml } from './ansi.ts'
import { STYLESHEET } from './terminal.ts'
import { STRINGS, type Lang } from './i18n/strings.ts'
import { nowrapIdentifiers } from './print.ts'
import type { ReportModel } from '../model/model.ts'

export const SIMULATED_MARK = STRINGS.en.simulated

// Raw HTML in the markdown is only ever our own (the templates escape every value): these bare tags and the
// terminal placeholders. Anything else an html token holds is shown as text, never parsed as markup.
const OWN_TAG =
  /^(<\/?(details|summary|code|div|span|br|b|strong|em|p|sup|sub)(\s+class="[\w -]*")?\s*\/?>|<!--term:[\w.-]+-->)$/i
const asText = (s: string) =>
  s
    .replace(/&(?!(#\d+|#x[\da-f]+|[a-z]+\d*);)/gi, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
export const ownHtmlOnly = (html: string): string =>
  html
    .split(/(<!--[\s\S]*?-->|<[^>]*>)/)
    .map((part) => (OWN_TAG.test(part) ? part : asText(part)))
    .join('')
// Images come from the report's own images/ (inlined below); links point at the web, the page or a relative file.
const LOCAL_IMAGE = /^images\//
const SAFE_LINK = /^(https?:\/\/|mailto:|#|(?![a-z][a-z\d+.-]*:))/i

/** marked with HTML tokens filtered to our own tags, foreign images shown as their text, odd link schemes as text. */
export const safeMarked = (): Marked =>
  new Marked({
    gfm: true,
    renderer: {
      html: (t) => ownHtmlOnly(t.text),
      image(t) {
        return LOCAL_IMAGE.test(t.href) ? false : asText(t.text)
      },
      link(t) {
        return SAFE_LINK.test(t.href) ? false : this.parser.parseInline(t.tokens)
      },
    },
  })

// No script, no frame, no request anywhere: images are data: URLs, styles inline (the browser blocks the rest too).
const CSP =
  "default-src 'none'; img-src data:; style-src 'unsafe-inline'; font-src data:; frame-src 'none'; form-action 'none'; base-uri 'none'"

const mime = (name: string) =>
  name.endsWith('.svg')
    ? 'image/svg+xml'
    : name.endsWith('.jpg') || name.endsWith('.jpeg')
      ? 'image/jpeg'
      : 'image/png'

/**
 * @param images `images/<file>` → bytes; `substitutes` maps a markdown image to the file used in the PDF (topology.svg → topology.png).
 * @param blocks journal entry id → the fitted terminal block that replaces the print markdown's `<!--term:id-->`.
 */
export function pdfHtml(
  markdown: string,
  lang: Lang,
  images: ReadonlyMap<string, Buffer>,
  substitutes: ReadonlyMap<string, string> = new Map(),
  blocks: ReadonlyMap<string, string> = new Map(),
): string {
  let body = safeMarked().parse(markdown, { async: false })
  body = body.replace(/<!--term:([\w.-]+)-->/g, (m, id: string) => blocks.get(id) ?? m)
  body = body.replace(/<details>/g, '<details open>')
  body = body.replace(/src="(images\/[^"]+)"/g, (m, src: string) => {
    const file = substitutes.get(src) ?? src
    const bytes = images.get(file)
    // Screenshots print smaller than the page width: their text is already large.
    const cls = /\/screenshot-/.test(file) ? ' class="img-shot"' : ''
    return bytes ? `src="data:${mime(file)};base64,${bytes.toString('base64')}"${cls}` : m
  })
  const toc: string[] = []
  let n = 0
  body = body.replace(/<h2>([\s\S]*?)<\/h2>/g, (_m, inner: string) => {
    n += 1
    toc.push(`<li><a href="#s${n}">${inner.replace(/<[^>]+>/g, '')}</a></li>`)
    return `<h2 id="s${n}">${inner}</h2>`
  })
  const tocHtml = `<nav class="toc"><div class="toc-title">${STRINGS[lang].toc}</div><ul>${toc.join('')}</ul></nav>`
  // The table of contents goes right after the title (h1), so the course header block stays first.
  body = body.replace(/(<\/h1>)/, `$1\n${tocHtml}`)
  body = nowrapIdentifiers(body)
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${CSP}"><title>lab4_report</title><style>${STYLESHEET}</style></head><body><main class="report">${body}</main></body></html>`
}

/** Header and footer for every PDF page (Chromium renders them outside the page's own CSS, so inline styles). */
export function pageTemplates(
  model: Pick<ReportModel, 'simulated' | 'run' | 'header'>,
  lang: Lang = 'ru',
): {
  headerTemplate: string
  footerTemplate: string
} {
  const s = STRINGS[lang]
  const font = "font-family:'DejaVu Sans',sans-serif;font-size:8px;width:100%;padding:0 14mm;"
  const mark = model.simulated
    ? `<span style="color:#c62828;font-weight:bold">${escapeHtml(s.simulated)}</span>`
    : ''
  return {
    headerTemplate: `<div style="${font}display:flex;justify-content:space-between;color:#57606a"><span>${escapeHtml(s.pageHeader)} · ${escapeHtml(model.header.author)} · ${escapeHtml(model.header.group)}</span>${mark}</div>`,
    footerTemplate: `<div style="${font}display:flex;justify-content:space-between;color:#57606a"><span>${escapeHtml(s.runLabel)} ${escapeHtml(model.run.id)}${model.simulated ? ` · <b style="color:#c62828">${escapeHtml(s.simulated)}</b>` : ''}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>`,
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
