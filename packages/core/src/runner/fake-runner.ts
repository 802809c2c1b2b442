// A scripted fake in the style of k8s.io/utils FakeExec: every call must be expected, in order.
import { type Command, type Result, type Runner, formatArgv } from '../command.ts'

export type FakeResponse = Partial<Pick<Result, 'stdout' | 'stderr' | 'exitCode'>>
export type FakeExpectation = {
  /** Exact argv, or a predicate for argv that vary (e.g. generated names). */
  argv: readonly string[] | ((argv: readonly string[]) => boolean)
  /** When set, the call's stdin must equal (or satisfy) this. */
  stdin?: string | ((stdin: string | undefined) => boolean)
  respond: FakeResponse | ((c: Command) => FakeResponse)
}

export type FakeRunner = Runner & {
  readonly calls: Command[]
  /** Throws unless every scripted expectation was consumed. */
  assertDone(): void
}

export class UnexpectedCommandError extends Error {
  constructor(command: Command, index: number, expected: FakeExpectation | undefined) {
    const want = expected
      ? typeof expected.argv === 'function'
        ? '<predicate>'
        : formatArgv(expected.argv)
      : '(nothing: script exhausted)'
    super(`fake runner: unexpected command #${index}: ${formatArgv(command.argv)}\n  expected: ${want}`)
    this.name = 'UnexpectedCommandError'
  }
}

export function fakeRunner(script: FakeExpectation[]): FakeRunner {
  const queue = [...script]
  const calls: Command[] = []
  const run = async (command: Command): Promise<Result> => {
    const index = calls.length
    calls.push(command)
    const next = queue[0]
    if (!next || !matches(next, command)) throw new UnexpectedCommandError(command, index, next)
    queue.shift()
    const r = typeof next.respond === 'function' ? next.respond(command) : next.respond
    return {
      exitCode: r.exitCode ?? 0,
      stdout: r.stdout ?? '',
      stderr: r.stderr ?? '',
      startedAt: new Date(0).toISOString(),
      durationMs: 0,
    }
  }
  return Object.assign(run, {
    calls,
    assertDone: () => {
      if (queue.length > 0) {
        const rest = queue.map((e) => (typeof e.argv === 'function' ? '<predicate>' : formatArgv(e.argv)))
        throw new Error(`fake runner: ${queue.length} expected command(s) never ran:\n  ${rest.join('\n  ')}`)
      }
    },
  })
}

function matches(e: FakeExpectation, c: Command): boolean {
  const argvOk =
    typeof e.argv === 'function'
      ? e.argv(c.argv)
      : e.argv.length === c.argv.length && e.argv.every((a, i) => a === c.argv[i])
  if (!argvOk) return false
  if (e.stdin === undefined) return true
  return typeof e.stdin === 'function' ? e.stdin(c.stdin) : e.stdin === c.stdin
}
