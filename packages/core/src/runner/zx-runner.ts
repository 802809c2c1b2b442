// The only place a process is spawned. zx quotes every array element, so argv never becomes shell syntax.
import { $, type ProcessPromise } from 'zx'
import type { Command, Result, Runner } from '../command.ts'
import { InterruptedError } from '../errors.ts'
import { isShuttingDown, track } from './children.ts'
import { signalTree } from './process-id.ts'

export type ZxRunnerOptions = { env?: NodeJS.ProcessEnv; cwd?: string }

export function zxRunner(opts: ZxRunnerOptions = {}): Runner {
  return async (command) => {
    const started = new Date()
    const p = spawnZx(command, opts)
    const done = settle(p, started, command.timeoutMs)
    void done.then(() => ended.add(p))
    const untrack = track({ pid: p.pid, kill: (s) => killTree(p, s), exited: done }, { argv: command.argv })
    try {
      return await done
    } finally {
      untrack()
    }
  }
}

/** The process's end as a Result; never rejects (zx rejects on abort even with nothrow: that is a killed process). */
function settle(p: ProcessPromise, started: Date, timeoutMs?: number): Promise<Result> {
  const base = () => ({ startedAt: started.toISOString(), durationMs: Date.now() - started.getTime() })
  return p.then(
    (out) => {
      const b = base()
      return {
        exitCode: out.exitCode,
        stdout: out.stdout,
        stderr: out.stderr,
        ...b,
        ...(out.signal ? { signal: out.signal } : {}),
        ...(out.signal && timeoutMs && b.durationMs >= timeoutMs ? { timedOut: true } : {}),
      }
    },
    (err: unknown) => ({
      exitCode: null,
      stdout: '',
      stderr: err instanceof Error ? err.message : String(err),
      ...base(),
      signal: 'SIGTERM',
    }),
  )
}

export type LiveProcess = {
  readonly pid: number | undefined
  /** Resolves with the final result once the process has exited (never rejects). */
  readonly done: Promise<Result>
  onStdout(listener: (chunk: string) => void): void
  onStderr(listener: (chunk: string) => void): void
  stop(signal?: NodeJS.Signals): Promise<Result>
}

/** Start a long-running child (e.g. `kubectl port-forward`) that is tracked until it exits. */
export function startProcess(command: Command, opts: ZxRunnerOptions = {}): LiveProcess {
  const startedAt = new Date()
  const p = spawnZx(command, opts)
  const done = settle(p, startedAt)
  void done.then(() => ended.add(p))
  const untrack = track({ pid: p.pid, kill: (s) => killTree(p, s), exited: done }, { argv: command.argv })
  void done.finally(untrack)
  return {
    get pid() {
      return p.pid
    },
    done,
    onStdout: (l) => p.stdout.on('data', (b: Buffer) => l(b.toString())),
    onStderr: (l) => p.stderr.on('data', (b: Buffer) => l(b.toString())),
    stop: async (signal = 'SIGTERM') => {
      killTree(p, signal)
      return done
    },
  }
}

// zx's own kill lists the tree with a spawned `ps`; ours reads /proc, so a signal never waits for a new process.
function killTree(p: ProcessPromise, signal: NodeJS.Signals = 'SIGTERM'): void {
  if (p.pid !== undefined && !ended.has(p)) signalTree(p.pid, signal)
}

/** Processes that have exited: their pid may already belong to someone else. */
const ended = new WeakSet<ProcessPromise>()

function spawnZx(command: Command, opts: ZxRunnerOptions): ProcessPromise {
  const [bin, ...args] = command.argv
  if (!bin) throw new Error('empty argv')
  // Once a signal arrived nothing new starts: a restart loop cannot outlive the shutdown.
  if (isShuttingDown()) throw new InterruptedError()
  const $$ = $({
    nothrow: true,
    quiet: true,
    verbose: false,
    env: { ...(opts.env ?? process.env), ...(command.env ?? {}) },
    ...(opts.cwd ? { cwd: opts.cwd } : {}),
    ...(command.stdin !== undefined ? { input: command.stdin } : {}),
    ...(command.timeoutMs ? { timeout: command.timeoutMs } : {}),
    ...(command.signal ? { signal: command.signal } : {}),
  })
  return $$`${bin} ${args}`
}
