import { afterEach, describe, expect, it } from 'vitest'
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { endLeftovers, formatLeftovers } from './leftovers.ts'
import { LOCK_SCHEMA, type LockRecord } from './lock.ts'
import { descendantsOf, identify, isSameProcess, type ProcessId } from './runner/process-id.ts'

const started: ChildProcess[] = []
afterEach(() => {
  for (const c of started.splice(0)) c.kill('SIGKILL')
})
const run = (args: string[]) => {
  const c = spawn(args[0] as string, args.slice(1), { stdio: 'ignore' })
  started.push(c)
  return c
}
const sleeperArgs = [process.execPath, '-e', 'setTimeout(() => {}, 30000)']
const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 25))
}
const deadOwner = async (): Promise<ProcessId> => {
  const c = run(sleeperArgs)
  const id = identify(c.pid) as ProcessId
  c.kill('SIGKILL')
  await new Promise((r) => c.once('exit', r))
  return id
}
const lockWith = (dir: string, owner: ProcessId, children: LockRecord['children']) => {
  mkdirSync(dir, { recursive: true })
  const record: LockRecord = {
    schema: LOCK_SCHEMA,
    ...owner,
    startedAt: '2025-11-20T10:00:05.000Z',
    command: 'pnpm lab',
    profile: 'lab4',
    children,
  }
  writeFileSync(join(dir, 'lab4.json'), JSON.stringify(record))
  return join(dir, 'lab4.json')
}

describe('endLeftovers', () => {
  it('ends what a killed run recorded (with its descendants), removes its browser profile, drops the lock', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab4-left-'))
    // A shell that keeps a grandchild, like a port-forward started through a wrapper.
    const wrapper = run(['sh', '-c', `${process.execPath} -e "setTimeout(() => {}, 30000)" & wait`])
    await until(() => descendantsOf(wrapper.pid as number).length > 0)
    const grandchild = identify(descendantsOf(wrapper.pid as number)[0]) as ProcessId
    const profile = mkdtempSync(join(tmpdir(), 'lab4-chromium-'))
    const mine = mkdtempSync(join(tmpdir(), 'not-ours-'))
    const w = identify(wrapper.pid) as ProcessId
    const file = lockWith(dir, await deadOwner(), [
      { ...w, argv: ['kubectl', '--context', 'lab4', 'port-forward', 'service/frontend', '3000:3000'] },
      { pid: 999_999, startTime: 'linux:1', argv: ['chromium'], dirs: [profile, mine] },
    ])
    const [l] = await endLeftovers(dir)
    expect(l?.ended).toEqual([{ pid: w.pid, argv: expect.arrayContaining(['port-forward']) }])
    expect(isSameProcess(w)).toBe(false)
    expect(isSameProcess(grandchild)).toBe(false)
    expect(existsSync(profile)).toBe(false)
    expect(existsSync(mine)).toBe(true) // not named lab4-*: never removed, whatever the lock file says
    expect(existsSync(file)).toBe(false)
    expect(formatLeftovers(l as NonNullable<typeof l>)).toMatch(
      new RegExp(
        `^ended 1 process left by a killed \`pnpm lab\` \\(pid \\d+, started .*, profile lab4\\): pid ${w.pid} kubectl --context lab4 port-forward service/frontend 3000:3000; removed ${profile}$`,
      ),
    )
  })

  it('never touches a process whose pid matches but whose start time does not (a reused pid)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab4-left-'))
    const stranger = identify(run(sleeperArgs).pid) as ProcessId
    lockWith(dir, await deadOwner(), [{ pid: stranger.pid, startTime: 'linux:1', argv: ['kubectl'] }])
    expect(await endLeftovers(dir)).toEqual([])
    expect(isSameProcess(stranger)).toBe(true)
  })

  it('leaves a live run alone: its lock and its children stay', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab4-left-'))
    const child = identify(run(sleeperArgs).pid) as ProcessId
    const file = lockWith(dir, identify(process.pid) as ProcessId, [{ ...child, argv: ['kubectl'] }])
    expect(await endLeftovers(dir)).toEqual([])
    expect(isSameProcess(child)).toBe(true)
    expect(existsSync(file)).toBe(true)
  })
})
