// One run per profile at a time: a lock file holding the owner's pid and start time, and the children it runs now.
import {
  linkSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs'
import { dirname, join } from 'node:path'
import { z } from 'zod'
import { ExitCode, LabError } from './errors.ts'
import { type ChildRecord, liveChildren, watchChildren } from './runner/children.ts'
import { type ProcessId, identify, isSameProcess } from './runner/process-id.ts'

export const LOCK_SCHEMA = 'lab4.lock/v1'

const Child = z.object({
  pid: z.number().int(),
  startTime: z.string(),
  argv: z.array(z.string()),
  group: z.boolean().optional(),
  dirs: z.array(z.string()).optional(),
})

export const LockRecord = z.object({
  schema: z.literal(LOCK_SCHEMA),
  pid: z.number().int(),
  startTime: z.string(),
  startedAt: z.string(),
  /** What holds it, as the user typed it: `pnpm lab`, `pnpm verify`. */
  command: z.string(),
  profile: z.string(),
  children: z.array(Child),
})
export type LockRecord = z.infer<typeof LockRecord>

/** Locks sit beside the runs dir (report/.locks), outside any run record. */
export const lockDir = (runsDir: string): string => join(dirname(runsDir), '.locks')

const lockFile = (dir: string, profile: string) => join(dir, `${profile}.json`)

/** Every lock file in `dir` (held, stale, or set aside by a takeover). */
export function lockFiles(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => /\.json(\.stale-\d+)?$/.test(f))
      .map((f) => join(dir, f))
  } catch {
    return []
  }
}

/** The lock's content, or undefined when the file is gone or is not a lock of ours. */
export function readLock(file: string): LockRecord | undefined {
  try {
    const r = LockRecord.safeParse(JSON.parse(readFileSync(file, 'utf8')))
    return r.success ? r.data : undefined
  } catch {
    return undefined
  }
}

/** A lock whose owner (same pid AND same start time) still runs. */
export const isHeld = (l: LockRecord): boolean => isSameProcess(l)

/** `2025-11-20 10:00:05` in local time: what the user's clock said when the other run started. */
export function localTime(iso: string): string {
  const d = new Date(iso)
  if (Number.isNaN(d.getTime())) return iso
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`
}

export function busyError(l: LockRecord, file: string): LabError {
  return new LabError(
    `another \`${l.command}\` (pid ${l.pid}, started ${localTime(l.startedAt)}) is running on profile ${l.profile}`,
    {
      hint: `wait for it to finish, or stop it (Ctrl-C in its terminal, or kill ${l.pid}); a lock left by a killed run is taken over by itself (${file})`,
      exitCode: ExitCode.usage,
    },
  )
}

export type Lock = {
  readonly file: string
  readonly record: LockRecord
  /** Remove the lock (only if it is still ours); also runs on process exit. */
  release(): void
}

export type LockOptions = { dir: string; profile: string; command: string; now?: Date }

/** Take the profile's lock, or throw a usage error naming the live owner. A stale lock (owner gone) is taken over. */
export function acquireLock(o: LockOptions): Lock {
  mkdirSync(o.dir, { recursive: true })
  const file = lockFile(o.dir, o.profile)
  const self = identify(process.pid) as ProcessId
  const base = {
    schema: LOCK_SCHEMA,
    ...self,
    startedAt: (o.now ?? new Date()).toISOString(),
    command: o.command,
    profile: o.profile,
  } as const
  const content = (): LockRecord => ({ ...base, children: liveChildren().map(toChild) })
  for (let attempt = 0; attempt < 3; attempt++) {
    if (tryCreate(file, content())) return hold(file, content)
    const other = readLock(file)
    if (other && isHeld(other)) throw busyError(other, file)
    // Stale (or torn): set it aside for the leftover sweep, then try again; a racing taker is caught by the re-read.
    const aside = `${file}.stale-${process.pid}`
    try {
      renameSync(file, aside)
    } catch {
      continue // someone else moved it first
    }
    const moved = readLock(aside)
    if (moved && isHeld(moved)) {
      renameSync(aside, file) // we raced a fresh owner: give it back
      throw busyError(moved, file)
    }
  }
  const other = readLock(file)
  if (other) throw busyError(other, file)
  throw new LabError(`cannot take the lock ${file}`, {
    hint: 'another run keeps replacing it; wait for it to finish and retry',
    exitCode: ExitCode.usage,
  })
}

// link(2) fails when the name exists, so the lock appears whole or not at all.
function tryCreate(file: string, record: LockRecord): boolean {
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(record, null, 2) + '\n')
  try {
    linkSync(tmp, file)
    return true
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw err
  } finally {
    unlinkSync(tmp)
  }
}

function hold(file: string, content: () => LockRecord): Lock {
  const record = content()
  // Rewritten whole (write + rename) on each child start and end, so a reader never sees half a file.
  const rewrite = () => {
    const tmp = `${file}.${process.pid}.tmp`
    try {
      writeFileSync(tmp, JSON.stringify(content(), null, 2) + '\n')
      renameSync(tmp, file)
    } catch {
      // the lock dir vanished: nothing left to keep current
    }
  }
  const unwatch = watchChildren(rewrite)
  let released = false
  const release = () => {
    if (released) return
    released = true
    unwatch()
    process.off('exit', release)
    const now = readLock(file)
    if (now && now.pid === record.pid && now.startTime === record.startTime) {
      try {
        unlinkSync(file)
      } catch {
        // already gone
      }
    }
  }
  process.on('exit', release)
  return { file, record, release }
}

const toChild = (c: ChildRecord): LockRecord['children'][number] => ({
  pid: c.pid,
  startTime: c.startTime,
  argv: [...c.argv],
  ...(c.group ? { group: true } : {}),
  ...(c.dirs ? { dirs: [...c.dirs] } : {}),
})
