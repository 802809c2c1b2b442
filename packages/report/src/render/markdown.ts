// renderMarkdown: the model through handlebars templates (one folder per language, partials by file name).
import { readFileSync, readdirSync } from 'node:fs'
import Handlebars from 'handlebars'
import type { ReportModel } from '../model/model.ts'

export type Lang = 'ru' | 'en'
export const LANGS: readonly Lang[] = ['ru', 'en']

export const TEMPLATES_DIR = new URL('./templates/', import.meta.url)

type Compiled = (model: ReportModel) => string
const cache = new Map<Lang, Compiled>()

/** Inline code that survives backticks in the value. */
export function inlineCode(value: unknown): string {
  const s = String(value ?? '')
  if (!s.includes('`')) return `\`${s}\``
  const longest = Math.max(...[...s.matchAll(/`+/g)].map((m) => m[0].length))
  const tick = '`'.repeat(longest + 1)
  return `${tick} ${s} ${tick}`
}

/** A table cell: no raw pipes, newlines or HTML-looking text (GitHub would eat `<none>`). */
export function cell(value: unknown): string {
  if (value === undefined || value === null || value === '') return '—'
  return String(value)
    .replace(/\\/g, '\\\\')
    .replace(/\|/g, '\\|')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ')
}

/** Plain text in a paragraph: keep it literal (no emphasis, no tags). */
export function text(value: unknown): string {
  return String(value ?? '').replace(/([\\*_[\]<>#])/g, '\\$1')
}

function compile(lang: Lang): Compiled {
  const hb = Handlebars.create()
  hb.registerHelper({
    code: inlineCode,
    cell,
    text,
    eq: (a: unknown, b: unknown) => a === b,
    ne: (a: unknown, b: unknown) => a !== b,
    gt: (a: number, b: number) => a > b,
    not: (a: unknown) => !a,
    and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
    or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
    len: (a: unknown) => (Array.isArray(a) ? a.length : 0),
    inc: (n: number) => n + 1,
    join: (a: unknown, sep: unknown) =>
      Array.isArray(a) ? a.join(typeof sep === 'string' ? sep : ', ') : '',
    dash: (v: unknown) => (v === undefined || v === null || v === '' ? '—' : String(v)),
  })
  const dir = new URL(`${lang}/`, TEMPLATES_DIR)
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.hbs'))
    .sort()
  for (const f of files) {
    if (f === 'report.hbs') continue
    hb.registerPartial(f.slice(0, -4), readFileSync(new URL(f, dir), 'utf8'))
  }
  const main = hb.compile(readFileSync(new URL('report.hbs', dir), 'utf8'), { noEscape: true, strict: false })
  return (m) => main(m)
}

/** Pure over the model (templates are read once and cached). Collapses runs of blank lines the templates leave. */
export function renderMarkdown(model: ReportModel, lang: Lang): string {
  let t = cache.get(lang)
  if (!t) {
    t = compile(lang)
    cache.set(lang, t)
  }
  return collapseBlankLines(t(model))
}

/** Outside fenced code, at most one blank line in a row; inside fences, the recorded text stays as is. */
export function collapseBlankLines(md: string): string {
  const out: string[] = []
  let fence: string | undefined
  for (const line of md.split('\n')) {
    const m = /^(`{3,})/.exec(line)
    if (m) fence = fence === undefined ? m[1] : line.trim() === fence ? undefined : fence
    if (fence === undefined && line.trim() === '' && (out.at(-1) ?? '').trim() === '' && !/^`{3,}/.test(line))
      continue
    out.push(fence === undefined ? line.replace(/[ \t]+$/, (s) => (s === '  ' ? s : '')) : line)
  }
  return out.join('\n').replace(/^\n+/, '').replace(/\n*$/, '\n')
}
