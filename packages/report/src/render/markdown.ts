// renderMarkdown: the model through handlebars templates (one folder per language, partials by file name).
// Two media share the templates: `github` (the .md file: ✅ marks, terminal images with the text under <details>)
// and `print` (the PDF's source: badges, and a placeholder per command that the PDF replaces with a fitted text block).
import { readFileSync, readdirSync } from 'node:fs'
import Handlebars from 'handlebars'
import type { ReportModel } from '../model/model.ts'
import type { CommandView } from '../model/sections.ts'
import { imagePath } from './files.ts'
import { localizeVerdict } from './i18n/localize.ts'
import { STRINGS, plural, type Lang, type ShotText, type Strings } from './i18n/strings.ts'
import { badge } from './print.ts'

export { LANGS, type Lang } from './i18n/strings.ts'
export type Medium = 'github' | 'print'

export const TEMPLATES_DIR = new URL('./templates/', import.meta.url)

type Context = ReportModel & { print: boolean; s: Strings }
type Compiled = (ctx: Context) => string
const cache = new Map<Lang, Compiled>()

/** A reader's name for a command: its label by evidence key, else the program and its verb (`kubectl get`). */
export function commandLabel(c: Pick<CommandView, 'key' | 'argv'>, lang: Lang): string {
  const named = STRINGS[lang].keyLabel(c.key)
  if (named) return named
  const args = c.argv.filter((a, i) => !a.startsWith('-') && !c.argv[i - 1]?.startsWith('--context'))
  return args.slice(0, 3).join(' ')
}

/** The print medium's stand-in for a command; pdfHtml swaps it for the fitted terminal block. */
export const termPlaceholder = (id: string): string => `<!--term:${id}-->`

/** The model as one language shows it: every verdict's words localized. */
export function localized(model: ReportModel, lang: Lang): ReportModel {
  const loc = (vs: ReportModel['findings']) => vs.map((v) => localizeVerdict(v, lang))
  return {
    ...model,
    sections: Object.fromEntries(
      Object.entries(model.sections).map(([id, sec]) => [id, { ...sec, verdicts: loc(sec.verdicts) }]),
    ) as ReportModel['sections'],
    findings: loc(model.findings),
    otherVerdicts: loc(model.otherVerdicts),
  }
}

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
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r?\n/g, ' ')
}

/** Plain text in a paragraph: keep it literal (no emphasis, no tags). */
export function text(value: unknown): string {
  return String(value ?? '').replace(/([\\*_[\]<>#&])/g, '\\$1')
}

/**
 * Recorded text inside a code fence, as recorded: markdown shows a fence's content literally, so it needs no
 * escaping, only no line that would close a fixed ``` fence early (such a line is indented past the 3 spaces
 * a closing fence may have).
 */
export function verbatim(value: unknown): string {
  return String(value ?? '').replace(/^ {0,3}(`{3,}|~{3,})/gm, '    $1')
}

/** Every string field of a record passed through `escape`. */
function escapeFields<T extends object>(o: T, escape: (s: string) => string): T {
  return Object.fromEntries(
    Object.entries(o).map(([k, v]) => [k, typeof v === 'string' ? escape(v) : v]),
  ) as T
}

function compile(lang: Lang): Compiled {
  const hb = Handlebars.create()
  // `{{ }}` HTML-escapes every value (config and evidence are untrusted); only these helpers, which escape
  // for their own context or emit our own markup, hand back text as is.
  const own =
    <A extends unknown[]>(f: (...a: A) => unknown) =>
    (...a: A) =>
      new hb.SafeString(String(f(...a)))
  const printing = (o: { data?: { root?: Context } }) => o.data?.root?.print === true
  hb.registerHelper({
    /** ✅ PASS on GitHub, a drawn badge in print. */
    verdict: own((status: string, o: { data?: { root?: Context } }) => {
      const mark = { PASS: '✅', FAIL: '❌', 'NOT-GRADABLE': '⚠️' }[status] ?? ''
      return printing(o) ? badge(status) : `${mark} ${status}`
    }),
    /** A warning mark: ⚠️ on GitHub, a drawn badge in print. */
    warn: own((o: { data?: { root?: Context } }) =>
      printing(o) ? badge('NOT-GRADABLE').replace(/>NOT-GRADABLE</, '>!<') : '⚠️',
    ),
    /** A yes/no that is a result (✅/❌ on GitHub, a badge in print). */
    yesno: own((ok: unknown, yes: string, no: string, o: { data?: { root?: Context } }) => {
      if (printing(o)) return badge(ok ? 'PASS' : 'FAIL').replace(/>(PASS|FAIL)</, `>${ok ? yes : no}<`)
      return ok ? `✅ ${yes}` : `❌ ${no}`
    }),
    plural: (n: number, one: string, few: string, many: string) => plural(lang, Number(n), [one, few, many]),
    label: (c: CommandView) => commandLabel(c, lang),
    termAlt: (c: CommandView) => STRINGS[lang].terminalAlt(commandLabel(c, lang)),
    img: (file: string) => imagePath(file, lang),
    // Page values are evidence: escaped for where the sentence puts them (alt text; code spans and a URL).
    shotAlt: own((t: ShotText) => STRINGS[lang].shotAlt(escapeFields(t, text))),
    shotCaption: own((t: ShotText) =>
      STRINGS[lang].shotCaption(escapeFields(t, Handlebars.escapeExpression)),
    ),
    term: own((id: string) => termPlaceholder(id)),
    // {{code a b …}}: one code span of the arguments joined (a literal prefix and a value)
    code: own((...a: unknown[]) =>
      inlineCode(
        a
          .slice(0, -1)
          .map((v) => String(v ?? ''))
          .join(''),
      ),
    ),
    cell: own(cell),
    text: own(text),
    verbatim: own(verbatim),
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
  const main = hb.compile(readFileSync(new URL('report.hbs', dir), 'utf8'), { strict: false })
  return (ctx) => main(ctx)
}

/** Pure over the model (templates are read once and cached). Collapses runs of blank lines the templates leave. */
export function renderMarkdown(model: ReportModel, lang: Lang, medium: Medium = 'github'): string {
  let t = cache.get(lang)
  if (!t) {
    t = compile(lang)
    cache.set(lang, t)
  }
  return collapseBlankLines(t({ ...localized(model, lang), print: medium === 'print', s: STRINGS[lang] }))
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
