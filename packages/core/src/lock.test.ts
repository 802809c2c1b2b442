import { afterEach, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { LOCK_SCHEMA, acquireLock, localTime, lockDir, readLock, type LockRecord } from './lock.ts'
import { LabError } from './errors.ts'
import { identify } from './runner/process-id.ts'
import { startProcess } from './runner/zx-runner.ts'

const dir = () => join(mkdtempSync(join(tmpdir(), 'lab4-lock-')), '.locks')
const started: ChildProcess[] = []
afterEach(() => {
  for (const c of started.splice(0)) c.kill('SIGKILL')
})
const sleeper = () => {
  const c = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' })
  started.push(c)
  return c
}
const deadProcess = async () => {
  const c = sleeper()
  const id = identify(c.pid)
  c.kill('SIGKILL')
  await new Promise((r) => c.once('exit', r))
  return id as { pid: number; startTime: string }
}
const writeLock = (d: string, owner: { pid: number; startTime: string }, extra: Partial<LockRecord> = {}) => {
  mkdirSync(d, { recursive: true })
  const record: LockRecord = {
    schema: LOCK_SCHEMA,
    ...owner,
    startedAt: '2025-11-20T10:00:05.000Z',
    command: 'pnpm lab',
    profile: 'lab4',
    children: [],
    ...extra,
  }
  writeFileSync(join(d, 'lab4.json'), JSON.stringify(record))
}
const refusal = (fn: () => unknown): LabError => {
  try {
    fn()
  } catch (e) {
    if (e instanceof LabError) return e
    throw e
  }
  throw new Error('expected a refusal')
}

describe('acquireLock', () => {
  it('lives beside the runs dir, never inside a run record', () => {
    expect(lockDir('/repo/report/runs')).toBe('/repo/report/.locks')
  })

  it('writes our pid and start time, and release() removes the file', () => {
    const d = dir()
    const lock = acquireLock({ dir: d, profile: 'lab4', command: 'pnpm lab' })
    expect(readLock(lock.file)).toMatchObject({
      pid: process.pid,
      startTime: identify(process.pid)?.startTime,
    })
    lock.release()
    expect(existsSync(lock.file)).toBe(false)
  })

  it('refuses while another live process holds it, naming its pid, start and profile (exit 2)', () => {
    const d = dir()
    const other = identify(sleeper().pid) as { pid: number; startTime: string }
    writeLock(d, other)
    const e = refusal(() => acquireLock({ dir: d, profile: 'lab4', command: 'pnpm lab' }))
    expect(e.exitCode).toBe(2)
    expect(e.message).toBe(
      `another \`pnpm lab\` (pid ${other.pid}, started ${localTime('2025-11-20T10:00:05.000Z')}) is running on profile lab4`,
    )
    expect(e.hint).toContain(`kill ${other.pid}`)
    expect(readLock(join(d, 'lab4.json'))?.pid).toBe(other.pid) // left as it was
  })

  it('takes over a lock whose owner is gone, and one whose pid now belongs to another process', async () => {
    const d = dir()
    writeLock(d, await deadProcess())
    expect(acquireLock({ dir: d, profile: 'lab4', command: 'pnpm lab' }).record.pid).toBe(process.pid)
    const d2 = dir()
    const reused = identify(sleeper().pid) as { pid: number; startTime: string }
    writeLock(d2, { pid: reused.pid, startTime: 'linux:1' }) // same pid, another start time
    expect(acquireLock({ dir: d2, profile: 'lab4', command: 'pnpm lab' }).record.pid).toBe(process.pid)
  })

  it('keeps the lock file listing the children that run now', async () => {
    const d = dir()
    const lock = acquireLock({ dir: d, profile: 'lab4', command: 'pnpm lab' })
    const p = startProcess({ argv: [process.execPath, '-e', 'setTimeout(() => {}, 30000)'] })
    const during = readLock(lock.file)?.children ?? []
    expect(during).toEqual([expect.objectContaining({ pid: p.pid, argv: expect.arrayContaining(['-e']) })])
    await p.stop()
    expect(readLock(lock.file)?.children).toEqual([])
    lock.release()
  })

  it('each profile has its own lock', () => {
    const d = dir()
    const a = acquireLock({ dir: d, profile: 'lab4', command: 'pnpm lab' })
    const b = acquireLock({ dir: d, profile: 'other', command: 'pnpm lab' })
    expect(JSON.parse(readFileSync(b.file, 'utf8')).profile).toBe('other')
    a.release()
    b.release()
  })
})
