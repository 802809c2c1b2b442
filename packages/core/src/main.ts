// Entry-point plumbing shared by scripts/*: signals end every child, errors become exit codes.
import { ExitCode, InterruptedError, LabError, CommandError, WaitTimeoutError } from './errors.ts'
import { killAllChildren } from './runner/children.ts'

export type Main = (signal: AbortSignal) => Promise<number>

/**
 * Run `main` with Ctrl-C/SIGTERM wired to an AbortSignal. On a signal: abort, end all tracked children,
 * let `main` close its journal, exit 130. A LabError prints its message and hint, nothing else.
 */
export function runMain(main: Main, opts: { write?: (s: string) => void } = {}): void {
  const write = opts.write ?? ((s: string) => process.stderr.write(s + '\n'))
  const ac = new AbortController()
  let signalled: NodeJS.Signals | undefined
  const onSignal = (sig: NodeJS.Signals) => {
    if (signalled) {
      process.exit(ExitCode.interrupted) // a second Ctrl-C means "now"
    }
    signalled = sig
    write(`\n${sig} received: stopping child processes…`)
    ac.abort(new InterruptedError(sig))
    void killAllChildren()
  }
  process.on('SIGINT', onSignal)
  process.on('SIGTERM', onSignal)
  main(ac.signal)
    .then(async (code) => {
      await killAllChildren()
      process.exitCode = signalled ? ExitCode.interrupted : code
    })
    .catch(async (err: unknown) => {
      await killAllChildren()
      process.exitCode = reportError(err, write, Boolean(signalled))
    })
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
