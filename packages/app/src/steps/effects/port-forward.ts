// A supervised `kubectl port-forward`: start it, wait for its listener and an HTTP answer, restart it when it drops.
import {
  InterruptedError,
  LabError,
  firstLine,
  waitFor,
  type Command,
  type LiveProcess,
  type Result,
} from '@lab4/core'
import type { Probe, WaitOptions } from '@lab4/core'
import { forwardedPort } from '../../forwarding.ts'
import { chooseLocalPort, type LocalPortChoice } from './free-port.ts'

export type ForwardDrop = {
  at: string
  stderr: string
  exitCode: number | null
  process: LiveProcess
  restart: number
}

export type ForwardOptions = {
  /** Starts the child: `ctx.spawn` in a step, core's `startProcess` in tests. */
  spawn: (command: Command) => LiveProcess
  /** The argv for a given local port. */
  command: (localPort: number) => Command
  /** Wanted local port; a busy one is replaced by a free one (reported through onLocalPort). */
  localPort: number
  /** Limit for the listener line and for the first HTTP answer, each. */
  timeoutMs: number
  /** Drops in a row (with no healthy start between them) before giving up. @default 3 */
  maxRestarts?: number
  /** `ctx.waitFor` in a step (progress + timing); core's waitFor otherwise. */
  wait?: (condition: string, probe: Probe, opts: WaitOptions) => Promise<unknown>
  onLocalPort?: (choice: LocalPortChoice) => void
  onDrop?: (drop: ForwardDrop) => void
  /** Path probed for health. @default '/' */
  healthPath?: string
  /** The run's stop signal: once aborted, a drop is the shutdown's doing and is never restarted. */
  signal?: AbortSignal
}

export type Forward = {
  readonly url: string
  readonly localPort: number
  /** The child currently serving (changes after a restart). */
  current(): LiveProcess
  /** Restarts so far (every drop counts, also those after a healthy start). */
  restarts(): number
  /** Resolves once the current child forwards and answers HTTP; rejects when the supervisor gave up. */
  ready(): Promise<void>
  /** Stop the child and stop supervising; safe to call twice. */
  stop(): Promise<void>
}

export async function startForward(o: ForwardOptions): Promise<Forward> {
  const wait = o.wait ?? waitFor
  const choice = await chooseLocalPort(o.localPort)
  if (choice.reason) o.onLocalPort?.(choice)
  let localPort = choice.used
  let child: LiveProcess | undefined
  let restarts = 0
  // Drops since the last healthy start: a forward that serves and then drops is churn, one that never comes up is broken.
  let failing = 0
  let healthy = false
  let stopping = false
  let starting: Promise<void>

  const launch = async (): Promise<void> => {
    if (o.signal?.aborted) throw new InterruptedError()
    const command = o.command(localPort)
    const what = command.argv.slice(command.argv.indexOf('port-forward')).join(' ')
    const p = o.spawn(command)
    child = p
    let out = ''
    let err = ''
    let exited: Result | undefined
    p.onStdout((c) => (out += c))
    p.onStderr((c) => (err += c))
    void p.done.then((r) => {
      exited = r
      // Before the first healthy start a failure is reported by startForward itself, not restarted.
      if (stopping || child !== p || !healthy) return
      if (o.signal?.aborted) {
        // Shutdown wins: the kill was ours, not a drop.
        stopping = true
        starting = Promise.reject(new InterruptedError())
        starting.catch(() => undefined)
        return
      }
      restarts += 1
      failing += 1
      o.onDrop?.({
        at: new Date().toISOString(),
        stderr: (r.stderr || err).trim(),
        exitCode: r.exitCode,
        process: p,
        restart: restarts,
      })
      starting =
        failing > (o.maxRestarts ?? 3)
          ? Promise.reject(
              new LabError(
                `${what} dropped ${failing} times in a row without coming back up; giving up: ${firstLine(r.stderr || err)}`,
                {
                  hint: 'The pod may be restarting or gone: kubectl get pods -o wide; then re-run the step.',
                },
              ),
            )
          : launch()
      starting.catch(() => undefined) // surfaced by ready()
    })
    await wait(
      `${what} to listen`,
      async () => ({
        done: forwardedPort(out) !== undefined || exited !== undefined,
        observed: exited ? `exited ${exited.exitCode}` : out.trim().split('\n').at(-1) || 'starting',
      }),
      {
        timeoutMs: o.timeoutMs,
        intervalMs: 100,
        ...(o.signal ? { signal: o.signal } : {}),
        hint: 'kubectl port-forward printed no "Forwarding from" line; is the pod Running?',
      },
    )
    if (exited !== undefined) {
      throw new LabError(
        `\`${command.argv.join(' ')}\` exited ${exited.exitCode} before forwarding: ${(exited.stderr || err).trim().split('\n')[0] ?? ''}`,
        {
          hint: 'The pod must be Running and its port listening; see `kubectl describe pod` and retry.',
        },
      )
    }
    localPort = forwardedPort(out) ?? localPort
    const url = `http://127.0.0.1:${localPort}${o.healthPath ?? '/'}`
    await wait(`${url} to answer through the forward`, () => probeHttp(url), {
      timeoutMs: o.timeoutMs,
      intervalMs: 500,
      ...(o.signal ? { signal: o.signal } : {}),
      hint: 'The forward is up but the app does not answer; the image may still be running `npm run build`.',
    })
    if (child === p) {
      failing = 0
      healthy = true
    }
  }

  starting = launch()
  try {
    await starting
  } catch (err) {
    stopping = true
    await child?.stop()
    throw err
  }

  return {
    get url() {
      return `http://127.0.0.1:${localPort}/`
    },
    get localPort() {
      return localPort
    },
    current: () => child as LiveProcess,
    restarts: () => restarts,
    ready: async () => {
      // A drop during the await starts a new launch; wait until the latest one settled.
      for (;;) {
        const s = starting
        try {
          await s
        } catch (err) {
          if (s === starting) throw err
        }
        if (s === starting) return
      }
    },
    stop: async () => {
      stopping = true
      // After a signal nothing is left to close cleanly, and a forward slow to go must not hold up the exit.
      await child?.stop(o.signal?.aborted ? 'SIGKILL' : 'SIGTERM')
    },
  }
}

async function probeHttp(url: string): Promise<{ done: boolean; observed: string }> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(5000) })
    await r.arrayBuffer()
    return { done: r.ok, observed: `HTTP ${r.status}` }
  } catch (err) {
    const cause = (err as { cause?: { code?: string } }).cause?.code
    return { done: false, observed: cause ?? (err instanceof Error ? err.message : String(err)) }
  }
}
