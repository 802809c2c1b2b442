// Test helpers for the hand-in's acceptance: PDF text and page pixels (poppler), PNG bands, English left in Russian
// prose, and markdown links. Shared by the report's tests and the e2e tests of `pnpm report --out`.
import { execFileSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { decodePng } from '../render/png.ts'
import { BAND_COLOR, BAND_HEIGHT } from '../render/terminal.ts'

/** `pdftotext -layout`: the text as laid out, one printed line per line. */
export const pdfLayoutText = (file: string): string =>
  execFileSync('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-'], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  })

export const pdfPages = (file: string): number =>
  Number(/Pages:\s+(\d+)/.exec(execFileSync('pdfinfo', [file], { encoding: 'utf8' }))?.[1] ?? NaN)

const IPV4 = /(?<![\d.])(?:\d{1,3}\.){3}\d{1,3}(?:\/\d{1,2})?(?![\d.])/g

/** Every IPv4 address and CIDR a text holds, each once. */
export const ipv4Tokens = (text: string): string[] => [...new Set(text.match(IPV4) ?? [])]

/** How often `token` occurs whole (not inside a longer name or address). */
export function countWhole(text: string, token: string): number {
  const esc = token.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  return (text.match(new RegExp(`(?<![\\w.-])${esc}(?![\\w-]|\\.\\d)`, 'g')) ?? []).length
}

/** Emoji code points (pictographs, emoji presentation, keycap/variation selectors) in a text. */
export const emojiCodePoints = (text: string): string[] => [
  ...new Set(text.match(/[\p{Extended_Pictographic}\p{Emoji_Presentation}\uFE0F\u20E3]/gu) ?? []),
]

/**
 * For every page: the share of rows of its text area (inside the 18 mm top and bottom margins) without a
 * single non-white pixel. Rendered with `pdftoppm` at 30 dpi in grey.
 */
export function blankShares(file: string): number[] {
  const dir = mkdtempSync(join(tmpdir(), 'lab4-pages-'))
  try {
    execFileSync('pdftoppm', ['-r', '30', '-gray', file, join(dir, 'p')])
    return readdirSync(dir)
      .filter((f) => f.endsWith('.pgm'))
      .sort()
      .map((f) => blankShareOf(readFileSync(join(dir, f))))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function blankShareOf(pgm: Buffer): number {
  const head = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(pgm.toString('latin1', 0, 64))
  if (!head) throw new Error('pdftoppm -gray gave no binary PGM')
  const [width, height] = [Number(head[1]), Number(head[2])]
  const px = pgm.subarray(head[0].length)
  const margin = Math.round((height * 18) / 297)
  let blank = 0
  for (let y = margin; y < height - margin; y++) {
    const row = px.subarray(y * width, (y + 1) * width)
    if (row.every((v) => v > 235)) blank++
  }
  return blank / (height - 2 * margin)
}

const hex = (c: string) => [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16))

/** The share of pixels in the top band (inside its 2 px edge) that have the band's colour. */
export function bandShare(png: Buffer): number {
  const p = decodePng(png)
  const [r, g, b] = hex(BAND_COLOR)
  let hits = 0
  let all = 0
  for (let y = 2; y < BAND_HEIGHT - 2; y++)
    for (let x = 0; x < p.width; x++) {
      const o = (y * p.width + x) * 4
      all++
      const d = Math.abs((p.rgba[o] ?? 0) - (r ?? 0)) + Math.abs((p.rgba[o + 1] ?? 0) - (g ?? 0))
      if (d + Math.abs((p.rgba[o + 2] ?? 0) - (b ?? 0)) < 30) hits++
    }
  return all === 0 ? 0 : hits / all
}

/** Whether the band holds text: pixels much lighter than the band (the white letters). */
export function bandHasText(png: Buffer): boolean {
  const p = decodePng(png)
  let light = 0
  for (let y = 6; y < BAND_HEIGHT - 6; y++)
    for (let x = 0; x < p.width; x++) if ((p.rgba[(y * p.width + x) * 4 + 1] ?? 0) > 200) light++
  return light > 200
}

/** Markdown with fenced blocks, inline code, HTML tags, link targets and URLs taken out: the prose a reader reads. */
export function prose(md: string): string {
  return md
    .replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, ' ')
    .replace(/(`+)[\s\S]*?\1/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\]\([^)]*\)/g, '] ')
    .replace(/https?:\/\/\S+/g, ' ')
}

/**
 * Runs of three or more English words in Russian prose. Terms that stay English (pod, Service, IPPool,
 * command names, verdicts) break a run; so does any word with a digit, dot, dash or slash (names, addresses).
 */
export function englishRuns(md: string, allow: ReadonlySet<string>): string[] {
  const runs: string[] = []
  for (const line of prose(md).split('\n')) {
    let run: string[] = []
    const flush = () => {
      if (run.length >= 3) runs.push(run.join(' '))
      run = []
    }
    for (const tok of line.split(/\s+/)) {
      const word = tok.replace(/^[^\p{L}\d]+|[^\p{L}\d]+$/gu, '')
      if (/^[A-Za-z]+$/.test(word) && !allow.has(word.toLowerCase())) run.push(word)
      else flush()
    }
    flush()
  }
  return runs
}

/** Every relative link and image target in a markdown file that does not resolve to a file beside it. */
export function brokenLinks(mdFile: string): string[] {
  const md = readFileSync(mdFile, 'utf8')
  const targets = [...md.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '')
  return targets
    .filter((t) => !/^(https?:|mailto:|#)/.test(t))
    .filter((t) => !existsSync(resolve(dirname(mdFile), decodeURIComponent(t.split('#')[0] ?? ''))))
}

/** Relative links and images of a markdown file (to prove the link check looked at something). */
export const relativeLinks = (md: string): string[] =>
  [...md.matchAll(/!?\[[^\]]*\]\(([^)\s]+)\)/g)]
    .map((m) => m[1] ?? '')
    .filter((t) => !/^(https?:|mailto:|#)/.test(t))
