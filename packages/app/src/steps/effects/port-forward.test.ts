import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { createServer as createHttp, type Server } from 'node:http'
import { createServer as createNet, type Server as NetServer } from 'node:net'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { InterruptedError, startProcess, type Command } from '@lab4/core'
import { startForward, type ForwardDrop } from './port-forward.ts'
import { freePort, type LocalPortChoice } from './free-port.ts'

const FAKE = fileURLToPath(new URL('../../fixtures/fake-port-forward.mjs', import.meta.url))
const listen = (s: Server | NetServer): Promise<number> =>
  new Promise((resolve) => s.listen(0, '127.0.0.1', () => resolve((s.address() as { port: number }).port)))
const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

let app: Server
let appPort: number
let dir: string
beforeEach(async () => {
  app = createHttp((_req, res) => res.end('Container name is: frontend-a'))
  appPort = await listen(app)
  dir = mkdtempSync(join(tmpdir(), 'pf-'))
})
afterEach(() => new Promise<void>((r) => app.close(() => r())))

/** The argv a step would run, and what the test really starts for it: the fake kubectl. */
function options(o: { dieAfter?: number; localPort: number }) {
  const pidfile = join(dir, 'pid')
  const started: Command[] = []
  return {
    pidfile,
    started,
    spawn: (c: Command) => {
      started.push(c)
      return startProcess({
        argv: ['node', FAKE, c.argv.at(-1) ?? ''],
        env: {
          FAKE_PF_TARGET: String(appPort),
          FAKE_PF_DIE_AFTER: String(o.dieAfter ?? 0),
          FAKE_PF_PIDFILE: pidfile,
        },
      })
    },
    command: (port: number): Command => ({
      argv: [
        'kubectl',
        '--context',
        'lab4',
        '-n',
        'default',
        'port-forward',
        'service/frontend',
        `${port}:3000`,
      ],
    }),
    localPort: o.localPort,
    timeoutMs: 10_000,
  }
}

describe('startForward against a real child process', () => {
  it('waits for the listener and an HTTP answer, then stop() leaves no process behind', async () => {
    const wanted = await freePort()
    const o = options({ localPort: wanted })
    const fw = await startForward(o)
    expect(fw.localPort).toBe(wanted)
    const body = await (await fetch(fw.url)).text()
    expect(body).toBe('Container name is: frontend-a')
    const pid = Number(readFileSync(o.pidfile, 'utf8'))
    expect(alive(pid)).toBe(true)
    await fw.stop()
    expect(alive(pid)).toBe(false)
    expect(o.started[0]?.argv.slice(-2)).toEqual(['service/frontend', `${fw.localPort}:3000`])
  })

  it('restarts a forward that dies, and records the drop with its stderr', async () => {
    const drops: ForwardDrop[] = []
    const o = options({ dieAfter: 2, localPort: 0 })
    const fw = await startForward({ ...o, localPort: await freePort(), onDrop: (d) => drops.push(d) })
    const firstPid = Number(readFileSync(o.pidfile, 'utf8'))
    expect((await fetch(fw.url)).status).toBe(200) // request 2 (the health probe was 1): the fake exits after it
    await fw.current().done
    await fw.ready()
    expect(drops).toHaveLength(1)
    expect(drops[0]?.stderr).toContain('lost connection to pod')
    expect(drops[0]?.exitCode).toBe(1)
    expect(fw.restarts()).toBe(1)
    const secondPid = Number(readFileSync(o.pidfile, 'utf8'))
    expect(secondPid).not.toBe(firstPid)
    expect(await (await fetch(fw.url)).text()).toBe('Container name is: frontend-a')
    await fw.stop()
    expect(alive(secondPid)).toBe(false)
  })

  it('picks a free local port when the wanted one is busy, and says why', async () => {
    const squatter = createNet()
    const busy = await listen(squatter)
    const choices: LocalPortChoice[] = []
    const o = options({ localPort: busy })
    const fw = await startForward({ ...o, onLocalPort: (c) => choices.push(c) })
    try {
      expect(fw.localPort).not.toBe(busy)
      expect(choices).toEqual([
        {
          wanted: busy,
          used: fw.localPort,
          reason: `127.0.0.1:${busy} is already in use by another program`,
        },
      ])
      expect((await fetch(fw.url)).status).toBe(200)
    } finally {
      await fw.stop()
      squatter.close()
    }
  })

  it('fails with kubectl’s own message when the forward exits before listening', async () => {
    const o = options({ localPort: 0 })
    const spawn = (c: Command) =>
      startProcess({
        argv: [
          'node',
          '-e',
          'process.stderr.write("error: unable to forward port because pod is not running. Current status=Pending\\n"); process.exit(1)',
        ],
        ...(c.env ? { env: c.env } : {}),
      })
    await expect(startForward({ ...o, spawn, localPort: await freePort() })).rejects.toThrow(
      /exited 1 before forwarding: error: unable to forward port because pod is not running/,
    )
  })
})

describe('startForward giving up', () => {
  it('stops restarting a forward that never comes back up, after maxRestarts drops in a row', async () => {
    const o = options({ dieAfter: 2, localPort: 0 })
    let spawned = 0
    const spawn = (c: Command) => {
      spawned += 1
      if (spawned === 1) return o.spawn(c)
      return startProcess({
        argv: [
          'node',
          '-e',
          'process.stderr.write("error: unable to forward port because pod is not running. Current status=Terminating\\n"); process.exit(1)',
        ],
      })
    }
    const drops: ForwardDrop[] = []
    const fw = await startForward({
      ...o,
      spawn,
      localPort: await freePort(),
      maxRestarts: 2,
      onDrop: (d) => drops.push(d),
    })
    expect((await fetch(fw.url)).status).toBe(200) // the second request: the first child drops after it
    await fw.current().done
    await expect(fw.ready()).rejects.toThrow(/giving up|before forwarding/)
    expect(spawned).toBe(3) // the first child plus maxRestarts restarts
    expect(drops).toHaveLength(3)
    await fw.stop()
  })
})

describe('startForward during shutdown', () => {
  it('does not restart a forward the shutdown killed: the signal wins over the restart loop', async () => {
    const o = options({ localPort: 0 })
    let spawned = 0
    const spawn = (c: Command) => {
      spawned += 1
      return o.spawn(c)
    }
    const ac = new AbortController()
    const drops: ForwardDrop[] = []
    const fw = await startForward({
      ...o,
      spawn,
      localPort: await freePort(),
      signal: ac.signal,
      onDrop: (d) => drops.push(d),
    })
    const pid = Number(readFileSync(o.pidfile, 'utf8'))
    ac.abort()
    process.kill(pid, 'SIGTERM') // what killAllChildren does on Ctrl-C
    await fw.current().done
    await expect(fw.ready()).rejects.toBeInstanceOf(InterruptedError)
    expect(spawned).toBe(1)
    expect(drops).toEqual([])
    expect(alive(pid)).toBe(false)
    await fw.stop()
  })
})
