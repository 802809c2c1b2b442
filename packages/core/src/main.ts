// Entry-point plumbing shared by scripts/*: signals end every child, errors become exit codes.
import { ExitCode, InterruptedError, LabError, CommandError, WaitTimeoutError } from './errors.ts'
import { beginShutdown, killAllChildren, killAllNow } from './runner/children.ts'
import { launchChain, watchAncestors } from './runner/ancestors.ts'

export type Main = (signal: AbortSignal) => Promise<number>

export const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const

/** After a signal, how long `main` may take to close its journal before we kill everything and leave. */
const SHUTDOWN_DEADLINE_MS = 5000

/**
 * Run `main` with Ctrl-C, SIGTERM, SIGHUP and the death of the launching pnpm wired to one AbortSignal. On any of
 * them: no new child may start, every child is ended, `main` closes its journal, exit 130. We own these signals:
 * nothing else (puppeteer included) may exit the process on its own. A LabError prints its message and hint only.
 */
export function runMain(main: Main, opts: { write?: (s: string) => void } = {}): void {
  const write = opts.write ?? writeStderr
  const ac = new AbortController()
  let stopping: string | undefined
  const stop = (why: string, reason: string) => {
    if (stopping) {
      // a second Ctrl-C means "now"
      killAllNow()
      process.exit(ExitCode.interrupted)
    }
    stopping = why
    write(`\n${why}: stopping child processes…`)
    beginShutdown()
    ac.abort(new InterruptedError(reason))
    void killAllChildren(1000)
    setTimeout(() => {
      write(`still stopping after ${SHUTDOWN_DEADLINE_MS / 1000}s: ending everything now`)
      killAllNow()
      process.exit(ExitCode.interrupted)
    }, SHUTDOWN_DEADLINE_MS).unref()
  }
  for (const sig of SIGNALS) process.on(sig, () => stop(`${sig} received`, sig))
  process.stderr.on('error', () => undefined) // EIO/EPIPE once the terminal is gone
  const unwatch = watchAncestors(launchChain(), (a) =>
    stop(`the launching process ended (pid ${a.pid}: ${a.command.slice(0, 60)})`, 'SIGHUP'),
  )
  main(ac.signal)
    .then(async (code) => {
      unwatch()
      await killAllChildren()
      process.exitCode = stopping ? ExitCode.interrupted : code
    })
    .catch(async (err: unknown) => {
      unwatch()
      await killAllChildren()
      process.exitCode = reportError(err, write, Boolean(stopping))
    })
    // Interrupted: the journal is closed, so leave now rather than wait for a browser socket to drain.
    .finally(() => {
      if (stopping) process.exit(ExitCode.interrupted)
    })
}

function writeStderr(s: string): void {
  try {
    process.stderr.write(s + '\n')
  } catch {
    // a closed terminal: nowhere left to say it
  }
}

export function reportError(err: unknown, write: (s: string) => void, interrupted = false): number {
  if (interrupted || err instanceof InterruptedError) {
    write('interrupted')
    return ExitCode.interrupted
  }
  if (err instanceof LabError) {
    write(`error: ${err.message}${err.hint ? `\n  hint: ${err.hint}` : ''}`)
    return err.exitCode
  }
  if (err instanceof CommandError || err instanceof WaitTimeoutError) {
    write(`error: ${err.message}`)
    return ExitCode.checkFailed
  }
  write(`internal error (please report): ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
  return 70
}
