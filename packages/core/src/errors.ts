import { type Command, type Result, firstLine, formatArgv } from './command.ts'

/** Exit codes of every entry point: 0 all pass, 1 a check failed, 2 usage/config/preflight, 130 interrupted. */
export const ExitCode = { ok: 0, checkFailed: 1, usage: 2, interrupted: 130 } as const

/** A problem the user can fix: it prints without a stack trace and exits with `exitCode`. */
export class LabError extends Error {
  readonly exitCode: number
  readonly hint: string | undefined
  constructor(message: string, opts: { hint?: string; exitCode?: number; cause?: unknown } = {}) {
    super(message, { cause: opts.cause })
    this.name = 'LabError'
    this.hint = opts.hint
    this.exitCode = opts.exitCode ?? ExitCode.usage
  }
}

export class CommandError extends Error {
  readonly command: Command
  readonly result: Result
  constructor(command: Command, result: Result, hint?: string) {
    const how = result.timedOut
      ? 'timed out'
      : result.signal
        ? `was killed by ${result.signal}`
        : `exited ${result.exitCode}`
    const detail = firstLine(result.stderr) || firstLine(result.stdout)
    super(
      `\`${formatArgv(command.argv)}\` ${how}${detail ? `: ${detail}` : ''}${hint ? `\n  hint: ${hint}` : ''}`,
    )
    this.name = 'CommandError'
    this.command = command
    this.result = result
  }
}

export class WaitTimeoutError extends Error {
  readonly condition: string
  readonly lastObserved: string
  readonly elapsedMs: number
  readonly hint: string | undefined
  constructor(condition: string, lastObserved: string, elapsedMs: number, hint?: string) {
    super(
      `Timed out after ${Math.round(elapsedMs / 1000)}s waiting for ${condition}; last seen: ${lastObserved || '(nothing observed)'}` +
        (hint ? `\n  hint: ${hint}` : ''),
    )
    this.name = 'WaitTimeoutError'
    this.condition = condition
    this.lastObserved = lastObserved
    this.elapsedMs = elapsedMs
    this.hint = hint
  }
}

/** Thrown when Ctrl-C / SIGTERM aborts the run; entry points map it to exit 130. */
export class InterruptedError extends Error {
  constructor(signal = 'SIGINT') {
    super(`interrupted by ${signal}`)
    this.name = 'InterruptedError'
  }
}
