import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { createServer } from 'node:net'
import type { ObservationEntry } from '@lab4/core'
import { browserStep } from './browser.ts'
import { freePort } from './effects/free-port.ts'
import { k, labConfig, runScripted, say } from '@lab4/core/testing'
import { frontendPods } from '../testing/frontend.ts'
import { startFakePod } from '../testing/fake-app.ts'
import { fakeForwards } from '../testing/fake-forward.ts'
import type { PageObservation } from '../question9.ts'
import { KEY } from '../contract.ts'
import { podA as A, podB as B } from '../testing/scripts.ts'

const getPods = k('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'json')

let pods: Array<Awaited<ReturnType<typeof startFakePod>>>
let localPort: number
beforeEach(async () => {
  pods = [await startFakePod(A), await startFakePod(B)]
  localPort = await freePort()
})
afterEach(async () => {
  for (const p of pods) await p.close()
})

/** service/frontend pins pod A, pod/<B> reaches B; the first child may drop. */
const spawner = (o: { dropFirstAfter?: number } = {}) =>
  fakeForwards((target) => (target === `pod/${B.name}` ? pods[1] : pods[0])?.port, o)

describe('browserStep (real Chromium, real child processes, scripted kubectl)', () => {
  it('shows one pod through the Service forward on every reload and the other pod through its own forward', async () => {
    const config = labConfig(`app: { localPort: ${localPort}, reloads: 2 }`)
    const sp = spawner()
    const { result, record } = await runScripted(
      [browserStep],
      [say(getPods, frontendPods([A, B])), say(getPods, frontendPods([A, B]))],
      { config, spawner: sp.spawn, assertDone: true },
    )
    expect(sp.started.map((s) => s.argv.slice(3))).toEqual([
      ['-n', 'default', 'port-forward', 'service/frontend', `${localPort}:3000`],
      ['-n', 'default', 'port-forward', `pod/${B.name}`, `${localPort}:3000`],
    ])
    const loads = record.entries.filter(
      (e): e is ObservationEntry & { value: PageObservation } =>
        e.type === 'observation' && e.key === KEY.page,
    )
    expect(
      loads.map((l) => [l.value.via, l.value.reload, l.value.containerName, l.value.containerIp]),
    ).toEqual([
      ['service', 0, A.name, A.ip],
      ['service', 1, A.name, A.ip],
      ['service', 2, A.name, A.ip],
      ['pod', 0, B.name, B.ip],
    ])
    const forwards = record.entries.filter((e) => e.type === 'command' && e.long)
    expect(forwards.map((f) => f.type === 'command' && f.key)).toEqual([
      KEY.portForward,
      KEY.portForwardOther,
    ])
    expect(loads[0]?.value.forward).toBe(forwards[0]?.type === 'command' ? forwards[0].id : '')
    expect(loads[3]?.value.forward).toBe(forwards[1]?.type === 'command' ? forwards[1].id : '')
    const shots = record.entries.filter((e) => e.type === 'artifact' && e.key === KEY.screenshot)
    expect(shots).toHaveLength(2)
    for (const s of shots)
      if (s.type === 'artifact')
        expect(readFileSync(join(record.dir, s.path)).subarray(1, 4).toString()).toBe('PNG')
    expect(result.results.map((r) => [r.check, r.status])).toEqual([
      ['app.page-values', 'PASS'],
      ['app.question9', 'PASS'],
    ])
    for (const s of sp.started) expect(s.proc.pid === undefined || isAlive(s.proc.pid)).toBe(false)
  })

  it('restarts a forward that drops mid-experiment, records the drop, and still finishes', async () => {
    const config = labConfig(`app: { localPort: ${localPort}, reloads: 2 }`)
    const sp = spawner({ dropFirstAfter: 3 })
    const { result, record } = await runScripted(
      [browserStep],
      [say(getPods, frontendPods([A, B])), say(getPods, frontendPods([A, B]))],
      { config, spawner: sp.spawn, assertDone: true },
    )
    const drops = record.entries.filter((e) => e.type === 'observation' && e.key === KEY.drop)
    expect(drops.length).toBeGreaterThanOrEqual(1)
    expect(JSON.stringify(drops[0])).toContain('lost connection to pod')
    expect(record.entries.filter((e) => e.type === 'command' && e.key === KEY.portForward)).toHaveLength(2)
    expect(record.entries.filter((e) => e.type === 'observation' && e.key === KEY.page)).toHaveLength(4)
    expect(result.results.map((r) => r.status)).toEqual(['PASS', 'PASS'])
  })

  it('says so and uses another local port when the configured one is busy', async () => {
    const squatter = createServer()
    await new Promise<void>((r) => squatter.listen(localPort, '127.0.0.1', () => r()))
    try {
      const config = labConfig(`app: { localPort: ${localPort}, reloads: 1 }`)
      const { record } = await runScripted(
        [browserStep],
        [say(getPods, frontendPods([A, B])), say(getPods, frontendPods([A, B]))],
        { config, spawner: spawner().spawn, assertDone: true },
      )
      const local = record.entries.find((e) => e.type === 'observation' && e.key === KEY.localPort)
      expect(local?.type === 'observation' && local.value).toMatchObject({
        wanted: localPort,
        reason: `127.0.0.1:${localPort} is already in use by another program`,
      })
      expect(
        record.entries.some(
          (e) =>
            e.type === 'note' && e.level === 'warn' && e.message.includes(`local port ${localPort} is busy`),
        ),
      ).toBe(true)
    } finally {
      squatter.close()
    }
  })
})

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}
