// What a killed run left behind (port-forwards, a browser, its profile dir) is ended by the next run, never a stranger:
// a recorded process is signalled only while its pid AND start time still match the lock file of the dead run.
import { rmSync, unlinkSync } from 'node:fs'
import { basename } from 'node:path'
import { type LockRecord, isHeld, localTime, lockFiles, readLock } from './lock.ts'
import { type ProcessId, descendantsOf, identify, isSameProcess } from './runner/process-id.ts'

export type Leftovers = {
  /** The dead run that left them. */
  readonly owner: Pick<LockRecord, 'pid' | 'startedAt' | 'command' | 'profile'>
  /** Recorded children that were still running and are now ended. */
  readonly ended: ReadonlyArray<{ pid: number; argv: readonly string[] }>
  readonly removedDirs: readonly string[]
}

/** Only our own temp dirs are ever removed, whatever a lock file says. */
const OURS = /^lab4-/

/** End the leftovers of every stale lock in `dir` and drop those locks. Live locks are not touched. */
export async function endLeftovers(dir: string, graceMs = 1000): Promise<Leftovers[]> {
  const out: Leftovers[] = []
  for (const file of lockFiles(dir)) {
    const lock = readLock(file)
    if (lock && isHeld(lock)) continue
    if (lock) out.push(await endOne(lock, graceMs))
    try {
      unlinkSync(file)
    } catch {
      // another run swept it first
    }
  }
  return out.filter((l) => l.ended.length > 0 || l.removedDirs.length > 0)
}

async function endOne(lock: LockRecord, graceMs: number): Promise<Leftovers> {
  const alive = lock.children.filter(isSameProcess)
  // Descendants are ours too (a shell's kubectl, Chromium's renderers); identify them now so a reused pid is spared.
  const targets: ProcessId[] = alive.flatMap((c) => [
    ...descendantsOf(c.pid).flatMap((d) => identify(d) ?? []),
    { pid: c.pid, startTime: c.startTime },
  ])
  for (const t of targets) signal(t.pid, 'SIGTERM')
  for (const c of alive) if (c.group) signal(-c.pid, 'SIGTERM')
  const deadline = Date.now() + graceMs
  while (Date.now() < deadline && targets.some(isSameProcess)) await sleep(50)
  for (const t of targets) if (isSameProcess(t)) signal(t.pid, 'SIGKILL')
  const dirs = lock.children.flatMap((c) => c.dirs ?? []).filter((d) => OURS.test(basename(d)))
  for (const d of dirs) rmSync(d, { recursive: true, force: true, maxRetries: 3, retryDelay: 100 })
  return {
    owner: { pid: lock.pid, startedAt: lock.startedAt, command: lock.command, profile: lock.profile },
    ended: alive.map((c) => ({ pid: c.pid, argv: c.argv })),
    removedDirs: dirs,
  }
}

/** One line per killed run: what was ended and removed. */
export function formatLeftovers(l: Leftovers): string {
  const what = l.ended.map((c) => `pid ${c.pid} ${shortArgv(c.argv)}`)
  const dirs = l.removedDirs.length ? `; removed ${l.removedDirs.join(', ')}` : ''
  return (
    `ended ${l.ended.length} process${l.ended.length === 1 ? '' : 'es'} left by a killed \`${l.owner.command}\` ` +
    `(pid ${l.owner.pid}, started ${localTime(l.owner.startedAt)}, profile ${l.owner.profile})` +
    `${what.length ? `: ${what.join('; ')}` : ''}${dirs}`
  )
}

const shortArgv = (argv: readonly string[]): string => {
  const [bin = '', ...rest] = argv
  const line = [basename(bin), ...rest].join(' ')
  return line.length > 100 ? `${line.slice(0, 99)}…` : line
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig)
  } catch {
    // already gone
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
