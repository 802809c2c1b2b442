// Waits name their condition and report the last state they saw; there is no fixed sleep anywhere.
import { WaitTimeoutError, InterruptedError } from './errors.ts'

export type Probe = () => Promise<{ done: boolean; observed: string }>
export type WaitOptions = {
  timeoutMs: number
  intervalMs?: number
  signal?: AbortSignal
  /** Printed with the timeout error: what to look at or do next. */
  hint?: string
  /** Called with each new observation (progress display). */
  onObserve?: (observed: string) => void
}

export type WaitResult = { observed: string; elapsedMs: number; attempts: number }

/** Poll `probe` until it reports done. A probe that throws is retried; its message becomes the last observation. */
export async function waitFor(condition: string, probe: Probe, opts: WaitOptions): Promise<WaitResult> {
  const start = Date.now()
  const interval = opts.intervalMs ?? 2000
  let last = ''
  let attempts = 0
  for (;;) {
    if (opts.signal?.aborted) throw new InterruptedError()
    attempts += 1
    try {
      const r = await probe()
      if (r.observed !== last) opts.onObserve?.(r.observed)
      last = r.observed
      if (r.done) return { observed: last, elapsedMs: Date.now() - start, attempts }
    } catch (err) {
      if (err instanceof InterruptedError) throw err
      last = err instanceof Error ? (err.message.split('\n')[0] ?? '') : String(err)
    }
    const elapsed = Date.now() - start
    if (elapsed >= opts.timeoutMs) throw new WaitTimeoutError(condition, last, elapsed, opts.hint)
    await pause(Math.min(interval, opts.timeoutMs - elapsed), opts.signal)
  }
}

// The poll interval between probes; abortable so Ctrl-C does not wait it out.
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(done, ms)
    function done() {
      signal?.removeEventListener('abort', onAbort)
      resolve()
    }
    function onAbort() {
      clearTimeout(t)
      reject(new InterruptedError())
    }
    signal?.addEventListener('abort', onAbort, { once: true })
  })
}
