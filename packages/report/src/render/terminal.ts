// A recorded command drawn as a terminal window: pure HTML here, screenshotted by the shell (render.ts).
import { readFileSync } from 'node:fs'
import { formatArgv, type CommandEntry } from '@lab4/core'
import { ansiToHtml, escapeHtml } from './ansi.ts'

/** Fixed page width so the same entry always wraps the same way (CSS pixels, deviceScaleFactor 1). */
export const TERMINAL_WIDTH = 1400

/** The one stylesheet, read once; the terminal rules live under `.term`. */
export const STYLESHEET = readFileSync(new URL('../style.css', import.meta.url), 'utf8')

/** A full HTML page showing `$ argv` and the recorded output (stdout, then stderr) with ANSI colours honoured. */
export function terminalHtml(
  entry: Pick<CommandEntry, 'argv' | 'stdout' | 'stderr' | 'exitCode' | 'long' | 'signal'>,
  title = 'Terminal',
): string {
  const output = (
    entry.stdout +
    (entry.stderr && entry.stdout && !entry.stdout.endsWith('\n') ? '\n' : '') +
    entry.stderr
  )
    .replace(/\r\n/g, '\n')
    .replace(/\r/g, '\n')
    .replace(/\n+$/, '')
  const tail =
    entry.exitCode !== 0 && entry.exitCode !== null
      ? `\n<span class="note">[exit ${entry.exitCode}]</span>`
      : entry.long && entry.signal
        ? `\n<span class="note">[stopped by the tool: ${escapeHtml(entry.signal)}]</span>`
        : ''
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLESHEET}</style></head><body><div class="term"><div class="window"><div class="bar"><span class="dot r"></span><span class="dot y"></span><span class="dot g"></span><span class="title">${escapeHtml(title)}</span></div><pre><span class="prompt">$ </span><span class="cmd">${escapeHtml(formatArgv(entry.argv))}</span>\n${ansiToHtml(output)}${tail}</pre></div></div></body></html>`
}
