// Shutdown is process-wide state: this file runs in its own worker, so flipping it here touches no other test.
import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { beginShutdown, liveChildren, track, watchChildren, type ChildEvent } from './children.ts'
import { isSameProcess } from './process-id.ts'
import { startProcess, zxRunner } from './zx-runner.ts'
import { InterruptedError } from '../errors.ts'

const sleeper = () => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' })

describe('children registry', () => {
  it('records each child with pid, start time and argv as it starts, and forgets it when it ends', async () => {
    const events: ChildEvent[] = []
    const stop = watchChildren((e) => events.push(e))
    const r = await zxRunner()({ argv: [process.execPath, '-e', 'process.stdout.write("x")'] })
    stop()
    expect(r.stdout).toBe('x')
    expect(events.map((e) => e.type)).toEqual(['start', 'exit'])
    expect(events[0]?.child).toMatchObject({ argv: [process.execPath, '-e', 'process.stdout.write("x")'] })
    expect(events[0]?.child.startTime).toMatch(/^(linux|ps):/)
    expect(liveChildren()).toEqual([])
  })

  it('after a signal nothing new starts, and a child that starts anyway is ended at once', async () => {
    const p = startProcess({ argv: [process.execPath, '-e', 'setTimeout(() => {}, 30000)'] })
    const before = liveChildren().find((c) => c.pid === p.pid)
    expect(before && isSameProcess(before)).toBe(true)
    beginShutdown()
    await expect(zxRunner()({ argv: ['true'] })).rejects.toBeInstanceOf(InterruptedError)
    expect(() => startProcess({ argv: ['true'] })).toThrow(InterruptedError)
    // A restart loop that spawns by itself (as puppeteer does) is ended on registration.
    const late = sleeper()
    const exited = new Promise((r) => late.once('exit', r))
    track({ pid: late.pid, kill: (s) => late.kill(s), exited })
    expect(await exited).toBeNull()
    expect(late.signalCode).toBe('SIGTERM')
    await p.stop()
  })
})
