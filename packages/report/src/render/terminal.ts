// A recorded command drawn as a terminal window: pure HTML here, screenshotted by the shell (shell/browser.ts).
import { readFileSync } from 'node:fs'
import { formatArgv, type CommandEntry } from '@lab4/core'
import { ansiToHtml, escapeHtml } from './ansi.ts'
import { plainEmoji } from './emoji.ts'
import { STRINGS, type Strings } from './i18n/strings.ts'

/** The widest a terminal image gets (CSS pixels, deviceScaleFactor 1); narrower output gives a narrower image. */
export const TERMINAL_WIDTH = 1400
/** The band at the top of every image of a simulated run, in CSS pixels. */
export const BAND_HEIGHT = 28
export const BAND_COLOR = '#b71c1c'

/** The one stylesheet, read once; the terminal rules live under `.term`. */
export const STYLESHEET = readFileSync(new URL('../style.css', import.meta.url), 'utf8')

export type ImageOptions = {
  title?: string
  /** The SIMULATED band's text, drawn only for a simulated run. */
  simulated?: string
  /** False when no emoji font is installed: emoji are drawn as minikube's plain prefixes instead of boxes. */
  emoji?: boolean
  /** The language of the notes under the output (exit code, stopped by the tool). */
  strings?: Strings
}

/** The reserved band that marks an image of a simulated run (a text layer inside the image itself). */
export const bandHtml = (text: string | undefined): string =>
  text ? `<div class="sim-band">${escapeHtml(text)}</div>` : ''

export const page = (body: string): string =>
  `<!doctype html><html><head><meta charset="utf-8"><style>${STYLESHEET}</style></head><body>${body}</body></html>`

/** A full HTML page showing `$ argv` and the recorded output (stdout, then stderr) with ANSI colours honoured. */
export function terminalHtml(
  entry: Pick<CommandEntry, 'argv' | 'stdout' | 'stderr' | 'exitCode' | 'long' | 'signal'>,
  o: ImageOptions = {},
): string {
  const joined =
    entry.stdout + (entry.stderr && entry.stdout && !entry.stdout.endsWith('\n') ? '\n' : '') + entry.stderr
  const text = joined.replace(/\r\n/g, '\n').replace(/\r/g, '\n').replace(/\n+$/, '')
  const output = o.emoji === false ? plainEmoji(text) : text
  const s = o.strings ?? STRINGS.en
  const tail =
    entry.exitCode !== 0 && entry.exitCode !== null
      ? `\n<span class="note">[${escapeHtml(s.exitCode(entry.exitCode))}]</span>`
      : entry.long && entry.signal
        ? `\n<span class="note">[${escapeHtml(s.stoppedBy(entry.signal))}]</span>`
        : ''
  return page(
    `<div class="term">${bandHtml(o.simulated)}<div class="window"><div class="bar"><span class="dot r"></span><span class="dot y"></span><span class="dot g"></span><span class="title">${escapeHtml(o.title ?? 'Terminal')}</span></div><pre><span class="prompt">$ </span><span class="cmd">${escapeHtml(formatArgv(entry.argv))}</span>\n${ansiToHtml(output)}${tail}</pre></div></div>`,
  )
}
