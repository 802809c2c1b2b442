// Every child we start is tracked here, with its pid and start time, so a signal, a normal exit or the next run can end it.
import { rmSync } from 'node:fs'
import { type ProcessId, descendantsOf, identify } from './process-id.ts'

export type Killable = {
  readonly pid: number | undefined
  kill(signal?: NodeJS.Signals): unknown
  readonly exited: Promise<unknown>
}

export type ChildMeta = {
  /** What runs (argv), for the record and for the message that ends it later. */
  readonly argv?: readonly string[]
  /** A process-group leader (Chromium): end the whole group. */
  readonly group?: boolean
  /** Directories that belong to the child (a browser profile), removed once it has ended. */
  readonly dirs?: readonly string[]
}

/** A live child as the run records it (journal, lock file). */
export type ChildRecord = ProcessId & {
  readonly argv: readonly string[]
  readonly group?: boolean
  readonly dirs?: readonly string[]
}

export type ChildEvent = { readonly type: 'start' | 'exit'; readonly child: ChildRecord }

type Entry = { child: Killable; record: ChildRecord | undefined; meta: ChildMeta }

const live = new Set<Entry>()
const listeners = new Set<(e: ChildEvent) => void>()
let shuttingDown = false
let exitHook = false

/** Called for each child that starts or ends from now on; returns the unsubscribe function. */
export function watchChildren(listener: (e: ChildEvent) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The children running now. */
export const liveChildren = (): ChildRecord[] => [...live].flatMap((e) => (e.record ? [e.record] : []))

/** From now on no child may start: a child that starts anyway is ended at once (shutdown wins over restart loops). */
export function beginShutdown(): void {
  shuttingDown = true
}

export const isShuttingDown = (): boolean => shuttingDown

export function track(child: Killable, meta: ChildMeta = {}): () => void {
  const id = identify(child.pid)
  const record: ChildRecord | undefined = id
    ? {
        ...id,
        argv: [...(meta.argv ?? [])],
        ...(meta.group ? { group: true } : {}),
        ...(meta.dirs?.length ? { dirs: [...meta.dirs] } : {}),
      }
    : undefined
  const entry: Entry = { child, record, meta }
  live.add(entry)
  installExitHook()
  if (record) emit({ type: 'start', child: record })
  if (shuttingDown) safeKill(child, 'SIGTERM')
  let done = false
  return () => {
    if (done) return
    done = true
    live.delete(entry)
    removeDirs(meta.dirs)
    if (record) emit({ type: 'exit', child: record })
  }
}

/** SIGTERM every tracked child, then SIGKILL whatever has not exited within `graceMs`. */
export async function killAllChildren(graceMs = 2000): Promise<void> {
  const entries = [...live]
  for (const e of entries) safeKill(e.child, 'SIGTERM')
  const settled = Promise.allSettled(entries.map((e) => e.child.exited))
  const timer = new Promise((r) => setTimeout(r, graceMs).unref())
  await Promise.race([settled, timer])
  for (const e of live) safeKill(e.child, 'SIGKILL')
  await Promise.race([
    Promise.allSettled(entries.map((e) => e.child.exited)),
    new Promise((r) => setTimeout(r, 500).unref()),
  ])
}

/** Synchronous last resort (process exit, a second Ctrl-C): SIGKILL every child with its descendants, drop its dirs. */
export function killAllNow(): void {
  for (const e of live) {
    const pid = e.child.pid
    if (pid !== undefined) {
      for (const d of safeDescendants(pid).reverse()) signalPid(d, 'SIGKILL')
      if (e.meta.group) signalPid(-pid, 'SIGKILL')
      signalPid(pid, 'SIGKILL')
    }
    removeDirs(e.meta.dirs)
  }
}

function installExitHook(): void {
  if (exitHook) return
  exitHook = true
  process.on('exit', killAllNow)
}

function emit(e: ChildEvent): void {
  for (const l of listeners) {
    try {
      l(e)
    } catch {
      // a broken listener (a closed journal) must not stop the child from being tracked
    }
  }
}

function removeDirs(dirs: readonly string[] | undefined): void {
  for (const d of dirs ?? []) rmSync(d, { recursive: true, force: true, maxRetries: 2 })
}

function safeDescendants(pid: number): number[] {
  try {
    return descendantsOf(pid)
  } catch {
    return []
  }
}

function signalPid(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal)
  } catch {
    // already gone
  }
}

function safeKill(c: Killable, signal: NodeJS.Signals): void {
  try {
    const r = c.kill(signal)
    if (r instanceof Promise) r.catch(() => undefined)
  } catch {
    // already gone
  }
}
