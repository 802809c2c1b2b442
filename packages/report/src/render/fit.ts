// Fitting recorded terminal text to the printed page: the font size its widest line needs, else marked continuations.
import { displayWidth } from './emoji.ts'

/** A4 portrait text width (210 mm − 2 × 14 mm) less the block's padding and border, in points. */
export const BLOCK_WIDTH_PT = 497
/** DejaVu Sans Mono advances 0.602 em per character. */
export const MONO_ADVANCE = 0.602
export const MAX_FONT_PT = 8.5
/** Below this a line is folded instead of shrunk further: smaller text is hard to read on paper. */
export const MIN_FONT_PT = 7
/** The mark that starts a continuation line (not an emoji code point, and in DejaVu Sans Mono). */
export const CONTINUATION = '↳ '

export type FitLine = { text: string; continued: boolean }
export type Fitted = { fontPt: number; columns: number; lines: FitLine[] }

const columnsAt = (pt: number) => Math.floor(BLOCK_WIDTH_PT / (pt * MONO_ADVANCE))

/** The largest font (≤ MAX) that shows the widest line whole; at MIN, lines wider than the block are folded. */
export function fitBlock(text: string, minWidth = 1): Fitted {
  const lines = text.split('\n')
  const widest = Math.max(minWidth, ...lines.map(displayWidth))
  const exact = BLOCK_WIDTH_PT / (widest * MONO_ADVANCE)
  const fontPt = Math.max(MIN_FONT_PT, Math.min(MAX_FONT_PT, Math.floor(exact * 10) / 10))
  const columns = columnsAt(fontPt)
  if (widest <= columns) return { fontPt, columns, lines: lines.map((t) => ({ text: t, continued: false })) }
  return { fontPt, columns, lines: foldLines(lines, columns) }
}

/**
 * Fold lines wider than `columns`. A table (kubectl's aligned columns) is cut at a column start shared by every
 * long line, so the continued parts stay aligned with each other; other text wraps at its last space.
 * A cut never falls inside a word, so no address or name is ever split.
 */
export function foldLines(lines: readonly string[], columns: number): FitLine[] {
  const room = columns - CONTINUATION.length
  const long = lines.filter((l) => displayWidth(l) > columns)
  if (long.length === 0) return lines.map((t) => ({ text: t, continued: false }))
  const cut = sharedColumn(long, columns)
  const out: FitLine[] = []
  for (const line of lines) {
    if (displayWidth(line) <= columns) {
      out.push({ text: line, continued: false })
      continue
    }
    const at = cut ?? wordCut(line, columns)
    out.push({ text: line.slice(0, at).trimEnd(), continued: false })
    for (const rest of wrapWords(line.slice(at).replace(/^ +/, ''), room))
      out.push({ text: CONTINUATION + rest, continued: true })
  }
  return out
}

/** A cut position ≤ columns where every long line has a space before it and a column starts at it in most of them. */
function sharedColumn(long: readonly string[], columns: number): number | undefined {
  if (long.length < 2) return undefined
  for (let at = columns; at > columns / 3; at--) {
    const fits = long.every((l) => l[at - 1] === ' ')
    const starts = long.filter((l) => l[at] !== undefined && l[at] !== ' ').length
    if (fits && starts >= Math.ceil(long.length / 2)) return at
  }
  return undefined
}

/** The last space within `columns`; a word longer than the whole line is cut at the edge (it has no space). */
function wordCut(line: string, columns: number): number {
  const at = line.lastIndexOf(' ', columns)
  return at > 0 ? at + 1 : columns
}

function wrapWords(text: string, room: number): string[] {
  const out: string[] = []
  let rest = text
  while (displayWidth(rest) > room) {
    const at = wordCut(rest, room)
    out.push(rest.slice(0, at).trimEnd())
    rest = rest.slice(at).replace(/^ +/, '')
  }
  out.push(rest)
  return out
}

/** A shell command folded at argument boundaries with ` \` continuations, as one would type it. */
export function foldPrompt(words: readonly string[], columns: number): string[] {
  const out: string[] = []
  let line = ''
  for (const w of words) {
    const next = line ? `${line} ${w}` : w
    if (line && displayWidth(next) > columns - 2) {
      out.push(`${line} \\`)
      line = `    ${w}`
    } else line = next
  }
  out.push(line)
  return out
}
