// Progress goes through one small port: a live task list on a TTY, plain lines in CI or pipes.
import type { StepStatus, Status } from './journal/schema.ts'

/** What a step's end line may add: how long it waited for the cluster (set only when a wait had to poll again). */
export type StepEndDetail = { readonly waitedMs?: number }

export type Reporter = {
  stepStart(id: string, title: string): void
  stepProgress(id: string, message: string): void
  stepEnd(id: string, status: StepStatus, durationMs: number, error?: string, detail?: StepEndDetail): void
  verdict(check: string, status: Status, detail: string): void
  info(message: string): void
  close(): void
}

const SYMBOL: Record<StepStatus, string> = { changed: '✔', unchanged: '✔', failed: '✖', skipped: '-' }
const VERDICT: Record<Status, string> = { PASS: 'PASS', FAIL: 'FAIL', 'NOT-GRADABLE': 'N/G ' }
const secs = (ms: number) => `${(ms / 1000).toFixed(1)}s`

/** A step that changed nothing but had to wait for the cluster says it waited: `unchanged` would hide the wait. */
const ended = (status: StepStatus, ms: number, detail?: StepEndDetail): string =>
  status === 'unchanged' && detail?.waitedMs
    ? `waited ${secs(detail.waitedMs)} (${secs(ms)})`
    : `${status} (${secs(ms)})`

/** Drops a line identical to the one just written: a repeated observation adds nothing. */
function once(write: (line: string) => void): (line: string) => void {
  let last: string | undefined
  return (line) => {
    if (line === last) return
    last = line
    write(line)
  }
}

export function plainReporter(
  write: (line: string) => void = (l) => process.stdout.write(l + '\n'),
): Reporter {
  const out = once(write)
  return {
    stepStart: (id, title) => out(`▶ ${id}: ${title}`),
    stepProgress: (id, message) => out(`  ${id}: ${message}`),
    stepEnd: (id, status, ms, error, detail) =>
      out(
        `${SYMBOL[status]} ${id} ${ended(status, ms, detail)}${error ? `\n  ${error.replace(/\n/g, '\n  ')}` : ''}`,
      ),
    verdict: (check, status, detail) => out(`    ${VERDICT[status]} ${check}${detail ? ` — ${detail}` : ''}`),
    info: (m) => out(m),
    close: () => undefined,
  }
}

/** One live line per running step with a spinner and elapsed time; finished steps stay printed above it. */
export function ttyReporter(stream: NodeJS.WriteStream = process.stdout): Reporter {
  const frames = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏']
  let current: { id: string; title: string; started: number; detail: string } | undefined
  let frame = 0
  const draw = () => {
    if (!current) return
    const line = `${frames[frame++ % frames.length]} ${current.id}: ${current.title} ${secs(Date.now() - current.started)}${current.detail ? ` · ${current.detail}` : ''}`
    stream.write(`\r\x1b[2K${line.slice(0, (stream.columns || 100) - 1)}`)
  }
  const timer = setInterval(draw, 100)
  timer.unref()
  const clear = () => stream.write('\r\x1b[2K')
  const print = once((l: string) => {
    clear()
    stream.write(l + '\n')
    draw()
  })
  return {
    stepStart: (id, title) => {
      current = { id, title, started: Date.now(), detail: '' }
      draw()
    },
    stepProgress: (_id, message) => {
      if (current) current.detail = message
    },
    stepEnd: (id, status, ms, error, detail) => {
      current = undefined
      const color = status === 'failed' ? '\x1b[31m' : status === 'changed' ? '\x1b[32m' : '\x1b[2m'
      print(
        `${color}${SYMBOL[status]}\x1b[0m ${id} ${ended(status, ms, detail)}${error ? `\n  \x1b[31m${error.replace(/\n/g, '\n  ')}\x1b[0m` : ''}`,
      )
    },
    verdict: (check, status, detail) => {
      const color = status === 'PASS' ? '\x1b[32m' : status === 'FAIL' ? '\x1b[31m' : '\x1b[33m'
      print(`    ${color}${VERDICT[status]}\x1b[0m ${check}${detail ? ` — ${detail}` : ''}`)
    },
    info: (m) => print(m),
    close: () => {
      clearInterval(timer)
      clear()
    },
  }
}

export function defaultReporter(): Reporter {
  return process.stdout.isTTY && !process.env.CI ? ttyReporter() : plainReporter()
}
