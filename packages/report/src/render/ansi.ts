// ANSI SGR → HTML spans. Other escape sequences (cursor moves, erase line) are dropped; text is never changed.

export type Style = {
  fg?: string
  bg?: string
  bold?: boolean
  dim?: boolean
  italic?: boolean
  underline?: boolean
}

const BASE = ['#2e3436', '#cc0000', '#4e9a06', '#c4a000', '#3465a4', '#75507b', '#06989a', '#d3d7cf']
const BRIGHT = ['#555753', '#ef2929', '#8ae234', '#fce94f', '#729fcf', '#ad7fa8', '#34e2e2', '#eeeeec']

export const escapeHtml = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

/** xterm 256-colour palette entry. */
function color256(n: number): string {
  if (n < 8) return BASE[n] ?? '#000000'
  if (n < 16) return BRIGHT[n - 8] ?? '#ffffff'
  if (n < 232) {
    const i = n - 16
    const c = (v: number) => (v === 0 ? 0 : 55 + v * 40)
    return rgb(c(Math.floor(i / 36)), c(Math.floor(i / 6) % 6), c(i % 6))
  }
  const g = 8 + (n - 232) * 10
  return rgb(g, g, g)
}
const rgb = (r: number, g: number, b: number) =>
  `#${[r, g, b].map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0')).join('')}`

export function applySgr(style: Style, params: number[]): Style {
  let s = { ...style }
  const p = params.length === 0 ? [0] : params
  for (let i = 0; i < p.length; i++) {
    const c = p[i] ?? 0
    if (c === 0) s = {}
    else if (c === 1) s.bold = true
    else if (c === 2) s.dim = true
    else if (c === 3) s.italic = true
    else if (c === 4) s.underline = true
    else if (c === 22) s.bold = s.dim = false
    else if (c === 23) s.italic = false
    else if (c === 24) s.underline = false
    else if (c >= 30 && c <= 37) s.fg = BASE[c - 30]
    else if (c >= 90 && c <= 97) s.fg = BRIGHT[c - 90]
    else if (c >= 40 && c <= 47) s.bg = BASE[c - 40]
    else if (c >= 100 && c <= 107) s.bg = BRIGHT[c - 100]
    else if (c === 39) delete s.fg
    else if (c === 49) delete s.bg
    else if (c === 38 || c === 48) {
      const mode = p[i + 1]
      const value =
        mode === 5
          ? color256(p[i + 2] ?? 0)
          : mode === 2
            ? rgb(p[i + 2] ?? 0, p[i + 3] ?? 0, p[i + 4] ?? 0)
            : undefined
      i += mode === 5 ? 2 : mode === 2 ? 4 : 0
      if (value) s[c === 38 ? 'fg' : 'bg'] = value
    }
  }
  return s
}

const css = (s: Style): string =>
  [
    s.fg && `color:${s.fg}`,
    s.bg && `background:${s.bg}`,
    s.bold && 'font-weight:bold',
    s.dim && 'opacity:.7',
    s.italic && 'font-style:italic',
    s.underline && 'text-decoration:underline',
  ]
    .filter(Boolean)
    .join(';')

// CSI (ESC [ … final byte) and OSC (ESC ] … BEL/ST) sequences; matching ESC is the point here.
// eslint-disable-next-line no-control-regex
const ESCAPES = /\x1b\[([0-9;?]*)([@-~])|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g

/** HTML for terminal text: SGR colours become spans, everything else is escaped verbatim. */
export function ansiToHtml(text: string): string {
  let out = ''
  let style: Style = {}
  let last = 0
  const emit = (chunk: string) => {
    if (!chunk) return
    const c = css(style)
    out += c ? `<span style="${c}">${escapeHtml(chunk)}</span>` : escapeHtml(chunk)
  }
  for (const m of text.matchAll(ESCAPES)) {
    emit(text.slice(last, m.index))
    last = m.index + m[0].length
    if (m[2] === 'm')
      style = applySgr(
        style,
        (m[1] ?? '')
          .split(';')
          .filter((x) => x !== '')
          .map(Number),
      )
  }
  emit(text.slice(last))
  return out
}
