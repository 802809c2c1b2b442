// The only place a process is spawned. zx quotes every array element, so argv never becomes shell syntax.
import { $, type ProcessPromise } from 'zx'
import type { Command, Result, Runner } from '../command.ts'
import { track } from './children.ts'

export type ZxRunnerOptions = { env?: NodeJS.ProcessEnv; cwd?: string }

export function zxRunner(opts: ZxRunnerOptions = {}): Runner {
  return async (command) => {
    const startedAt = new Date()
    const p = spawnZx(command, opts)
    const untrack = track({
      pid: p.pid,
      kill: (s) => p.kill(s),
      exited: p.then(
        () => undefined,
        () => undefined,
      ),
    })
    try {
      const out = await p
      return {
        exitCode: out.exitCode,
        stdout: out.stdout,
        stderr: out.stderr,
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
        ...(out.signal ? { signal: out.signal } : {}),
        ...(out.signal && command.timeoutMs && Date.now() - startedAt.getTime() >= command.timeoutMs
          ? { timedOut: true }
          : {}),
      }
    } catch (err) {
      // zx rejects on abort even with nothrow; report it as a killed process rather than a crash.
      return {
        exitCode: null,
        stdout: '',
        stderr: err instanceof Error ? err.message : String(err),
        startedAt: startedAt.toISOString(),
        durationMs: Date.now() - startedAt.getTime(),
        signal: 'SIGTERM',
      }
    } finally {
      untrack()
    }
  }
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
  const done: Promise<Result> = p.then(
    (out) => ({
      exitCode: out.exitCode,
      stdout: out.stdout,
      stderr: out.stderr,
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      ...(out.signal ? { signal: out.signal } : {}),
    }),
    (err: unknown) => ({
      exitCode: null,
      stdout: '',
      stderr: err instanceof Error ? err.message : String(err),
      startedAt: startedAt.toISOString(),
      durationMs: Date.now() - startedAt.getTime(),
      signal: 'SIGTERM',
    }),
  )
  const untrack = track({ pid: p.pid, kill: (s) => p.kill(s), exited: done })
  void done.finally(untrack)
  return {
    get pid() {
      return p.pid
    },
    done,
    onStdout: (l) => p.stdout.on('data', (b: Buffer) => l(b.toString())),
    onStderr: (l) => p.stderr.on('data', (b: Buffer) => l(b.toString())),
    stop: async (signal = 'SIGTERM') => {
      try {
        await p.kill(signal)
      } catch {
        // already exited
      }
      return done
    },
  }
}

function spawnZx(command: Command, opts: ZxRunnerOptions): ProcessPromise {
  const [bin, ...args] = command.argv
  if (!bin) throw new Error('empty argv')
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
