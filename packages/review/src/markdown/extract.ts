// Markdown → the parts a reviewer reads: code blocks (fenced, indented, `> ` quoted, pasted as plain lines),
// inline code, screenshots and headings, each with its line number. CRLF and a BOM are tolerated.
import type { Line } from '../types.ts'
import { CHANGE_OUTPUT, commandLine } from './prompt.ts'

export type BlockKind = 'fenced' | 'indented' | 'quoted' | 'inline' | 'plain'

export type Block = {
  readonly kind: BlockKind
  /** The fence's info string (`console`, `yaml`), '' when none. */
  readonly lang: string
  readonly lines: readonly Line[]
  /** Line of the first content line. */
  readonly start: number
}

export type Mention = { readonly n: number; readonly code: string }
export type Image = { readonly n: number; readonly alt: string; readonly src: string; readonly text: string }
export type Heading = { readonly n: number; readonly level: number; readonly text: string }

export type Part =
  | { readonly type: 'block'; readonly n: number; readonly block: Block }
  | { readonly type: 'mention'; readonly n: number; readonly mention: Mention }
  | { readonly type: 'image'; readonly n: number; readonly image: Image }
  | { readonly type: 'heading'; readonly n: number; readonly heading: Heading }
  | { readonly type: 'prose'; readonly n: number; readonly line: Line }

export type MarkdownDoc = {
  readonly lines: readonly Line[]
  /** Every part in document order. */
  readonly parts: readonly Part[]
  readonly blocks: readonly Block[]
  readonly images: readonly Image[]
  readonly headings: readonly Heading[]
  readonly mentions: readonly Mention[]
}

export const toLines = (text: string): Line[] =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((t, i) => ({ n: i + 1, text: t.replace(/\r$/, '') }))

const FENCE = /^(\s{0,3})(`{3,}|~{3,})(.*)$/
const QUOTE = /^\s{0,3}>/
const HEADING = /^\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$/
const INDENTED = /^( {4}|\t)/
const RULE = /^\s{0,3}([-*_])(\s*\1){2,}\s*$/
const IMAGE_MD = /!\[([^\]]*)\]\(\s*<?([^)\s>]+)>?(?:\s+["'][^"']*["'])?\s*\)/g
const IMAGE_HTML = /<img\b[^>]*\bsrc=["']([^"']+)["'][^>]*>/gi
const CODE_SPAN = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g

export function extract(text: string): MarkdownDoc {
  const lines = toLines(text)
  const parts: Part[] = []
  walk(lines, parts, false)
  parts.sort((a, b) => a.n - b.n)
  const of = <T extends Part['type']>(t: T) =>
    parts.filter((p): p is Extract<Part, { type: T }> => p.type === t)
  return {
    lines,
    parts,
    blocks: of('block').map((p) => p.block),
    images: of('image').map((p) => p.image),
    headings: of('heading').map((p) => p.heading),
    mentions: of('mention').map((p) => p.mention),
  }
}

function walk(lines: readonly Line[], parts: Part[], quoted: boolean): void {
  let i = 0
  const block = (b: Block) => parts.push({ type: 'block', n: b.start, block: b })
  while (i < lines.length) {
    const line = lines[i] as Line
    const t = line.text
    if (QUOTE.test(t)) {
      let j = i
      while (j < lines.length && QUOTE.test((lines[j] as Line).text)) j += 1
      quote(lines.slice(i, j), parts)
      i = j
      continue
    }
    const fence = FENCE.exec(t)
    if (fence) {
      const [, indent = '', mark = '', rest = ''] = fence
      const close = rest.indexOf(mark.slice(0, 3))
      if (mark.startsWith('`') && close >= 0) {
        // ```minikube start …``` on one line: a command shown without output.
        block({
          kind: 'inline',
          lang: '',
          lines: [{ n: line.n, text: rest.slice(0, close).trim() }],
          start: line.n,
        })
        i += 1
        continue
      }
      let k = i + 1
      const closing = new RegExp(`^\\s{0,3}${mark[0] === '`' ? '`' : '~'}{${mark.length},}\\s*$`)
      while (k < lines.length && !closing.test((lines[k] as Line).text)) k += 1
      const body = lines.slice(i + 1, k).map((l) => ({ n: l.n, text: dedent(l.text, indent.length) }))
      block({ kind: 'fenced', lang: rest.trim().split(/\s+/)[0] ?? '', lines: body, start: line.n + 1 })
      i = k + 1
      continue
    }
    if (INDENTED.test(t) && t.trim() !== '' && (i === 0 || (lines[i - 1] as Line).text.trim() === '')) {
      let j = i
      let last = i
      while (j < lines.length) {
        const tj = (lines[j] as Line).text
        if (INDENTED.test(tj) && tj.trim() !== '') last = j
        else if (tj.trim() !== '') break
        j += 1
      }
      const body = lines.slice(i, last + 1)
      const cut = Math.min(...body.filter((l) => l.text.trim() !== '').map((l) => indentOf(l.text)))
      block({
        kind: 'indented',
        lang: '',
        lines: body.map((l) => ({ n: l.n, text: l.text.slice(cut) })),
        start: line.n,
      })
      i = last + 1
      continue
    }
    const heading = HEADING.exec(t)
    if (heading) {
      const h = { n: line.n, level: (heading[1] ?? '#').length, text: heading[2] ?? '' }
      parts.push({ type: 'heading', n: line.n, heading: h })
      i += 1
      continue
    }
    if (t.trim() === '') {
      i += 1
      continue
    }
    // Terminal text pasted without a fence: a prompt line, or a bare command followed by kubectl's change output.
    const cmd = commandLine(t)
    const next = lines[i + 1]?.text.trim() ?? ''
    if (!quoted && cmd && (cmd.prompt !== '' || CHANGE_OUTPUT.test(next))) {
      let j = i + 1
      while (j < lines.length) {
        const tj = (lines[j] as Line).text
        if (tj.trim() === '' || FENCE.test(tj) || HEADING.test(tj) || RULE.test(tj) || QUOTE.test(tj)) break
        j += 1
      }
      block({ kind: 'plain', lang: '', lines: lines.slice(i, j), start: line.n })
      i = j
      continue
    }
    prose(line, parts)
    i += 1
  }
}

/** A `> ` run: fences inside are blocks; terminal text with no fence is one quoted block; the rest is prose. */
function quote(run: readonly Line[], parts: Part[]): void {
  const inner = run.map((l) => ({ n: l.n, text: l.text.replace(/^\s{0,3}> ?/, '') }))
  const hasFence = inner.some((l) => FENCE.test(l.text))
  const first = inner.find((l) => l.text.trim() !== '')
  if (!hasFence && first && looksLikeTerminal(first.text)) {
    parts.push({
      type: 'block',
      n: first.n,
      block: { kind: 'quoted', lang: '', lines: inner, start: first.n },
    })
    return
  }
  walk(inner, parts, true)
}

const looksLikeTerminal = (t: string): boolean =>
  commandLine(t) !== undefined ||
  /^\s*[A-Z][A-Z-]+(\s{2,}[A-Z][A-Z-]+)+\s*$/.test(t) ||
  CHANGE_OUTPUT.test(t.trim())

function prose(line: Line, parts: Part[]): void {
  parts.push({ type: 'prose', n: line.n, line })
  for (const m of line.text.matchAll(CODE_SPAN)) {
    const code = (m[2] ?? '').trim()
    if (code) parts.push({ type: 'mention', n: line.n, mention: { n: line.n, code } })
  }
  for (const m of line.text.matchAll(IMAGE_MD))
    parts.push({
      type: 'image',
      n: line.n,
      image: { n: line.n, alt: m[1] ?? '', src: m[2] ?? '', text: m[0] },
    })
  for (const m of line.text.matchAll(IMAGE_HTML))
    parts.push({ type: 'image', n: line.n, image: { n: line.n, alt: '', src: m[1] ?? '', text: m[0] } })
}

const indentOf = (t: string): number => t.length - t.replace(/^[ \t]+/, '').length
const dedent = (t: string, n: number): string => (n > 0 && t.slice(0, n).trim() === '' ? t.slice(n) : t)
