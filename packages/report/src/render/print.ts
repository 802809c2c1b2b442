// The printed medium's own pieces (pure HTML): terminal text blocks sized to the page, verdict badges, no-wrap identifiers.
import { formatArgv } from '@lab4/core'
import { escapeHtml } from './ansi.ts'
import { plainEmoji } from './emoji.ts'
import { CONTINUATION, fitBlock, foldPrompt, type FitLine, type Fitted } from './fit.ts'
import type { Strings } from './i18n/strings.ts'

export type BlockSource = {
  argv: readonly string[]
  output: string
  exitCode: number | null
  long: boolean
  signal: string | undefined
}

// CSI/OSC sequences: colours do not survive print anyway, and they would count as width.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[[0-9;?]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g

/** The recorded text as printed: escapes dropped, emoji as minikube's plain prefixes, CRs as line ends. */
export const printable = (s: string): string =>
  plainEmoji(s.replace(ESCAPES, '').replace(/\r\n/g, '\n').replace(/\r/g, '\n'))

/** `$ argv` then the output, in a terminal-styled block whose font fits the widest line (or folds it). */
export function terminalBlock(c: BlockSource, s: Strings, title: string): { html: string; fit: Fitted } {
  const output = printable(c.output)
  const prompt = formatArgv(c.argv)
  // A long prompt folds at its arguments (` \`), so it does not shrink the output; up to 100 columns it sets the size.
  const fit = fitBlock(output, Math.min(prompt.length + 2, 100))
  const head = foldPrompt(
    c.argv.map((a) => formatArgv([a])),
    fit.columns - 2,
  )
    .map(
      (l, i) =>
        (i === 0 ? '<span class="prompt">$ </span>' : '  ') + `<span class="cmd">${escapeHtml(l)}</span>`,
    )
    .join('\n')
  const body = output === '' ? '' : `\n${fit.lines.map(lineHtml).join('\n')}`
  const tail =
    c.exitCode !== 0 && c.exitCode !== null
      ? `\n<span class="note">[${escapeHtml(s.exitCode(c.exitCode))}]</span>`
      : c.long && c.signal
        ? `\n<span class="note">[${escapeHtml(s.stoppedBy(c.signal))}]</span>`
        : ''
  const legend = fit.lines.some((l) => l.continued)
    ? `<div class="tnote">${escapeHtml(s.continued)}</div>`
    : ''
  return {
    fit,
    html: `<div class="tblock"><div class="tbar"><span class="dot r"></span><span class="dot y"></span><span class="dot g"></span><span class="ttitle">${escapeHtml(title)}</span></div><pre style="font-size:${fit.fontPt}pt">${head}${body}${tail}</pre>${legend}</div>`,
  }
}

const lineHtml = (l: FitLine): string =>
  l.continued
    ? `<span class="cont">${escapeHtml(CONTINUATION)}</span>${escapeHtml(l.text.slice(CONTINUATION.length))}`
    : escapeHtml(l.text)

export const badge = (status: string): string =>
  `<span class="badge ${status === 'PASS' ? 'pass' : status === 'FAIL' ? 'fail' : 'ng'}">${escapeHtml(status)}</span>`

// An address, CIDR, name with dots/dashes/slashes or a key=value: what must never be split at a line end.
const IDENT =
  /(?<![\w.:/=@-])(?:[A-Za-z0-9_][\w.:/=@-]*[-./:=@][\w.:/=@-]*[A-Za-z0-9_)]|\d+\/\d+)(?![\w.:/=@-])/g

/** Wrap identifiers in text (outside tags, <pre>, <svg> and <style>) in a no-wrap span. */
export function nowrapIdentifiers(html: string): string {
  let out = ''
  let skip = 0
  for (const part of html.split(/(<[^>]*>)/)) {
    if (part.startsWith('<')) {
      const m = /^<(\/?)(pre|svg|style|script|nav)\b/i.exec(part)
      if (m) skip += m[1] ? -1 : 1
      out += part
    } else out += skip > 0 ? part : part.replace(IDENT, (t) => `<span class="nw">${t}</span>`)
  }
  return out
}
