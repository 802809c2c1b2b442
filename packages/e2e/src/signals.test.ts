// Signals during app.browser (a port-forward and Chromium running), a SIGKILL and the leftovers the next run
// ends, and a busy local port 3000. Every signal test ends with ps by process group and by the recorded pids.
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createServer, type Server } from 'node:net'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { RunRecord } from '@lab4/core'
import { cli, latest, sandbox, stepEnds, verdicts, type Sandbox } from './harness.ts'
import {
  descendantsMatching,
  endAll,
  exists,
  leftInGroup,
  profileDirs,
  recordedProcesses,
  scriptPid,
  start,
  stillRunning,
  until,
  type Tool,
} from './tool.ts'

// The render wait: the port-forward answers and Chromium has the page open.
const IN_BROWSER = /app\.browser: the page at http:\/\/127\.0\.0\.1:\d+\/ to show/

let box: Sandbox
afterEach(endAll)
beforeAll(async () => {
  box = sandbox('signals')
  // Up to and through app.browser the world must be whole; later steps are not what these tests are about.
  const r = await cli('lab', ['--simulate'], box)
  const ends = stepEnds(latest(box))
  expect(ends.find((e) => e.step === 'app.browser')?.status, r.stdout + r.stderr).toMatch(/changed|unchanged/)
})

/** The run is interrupted inside app.browser, and its record says so, down to the end line. */
function expectInterruptedRecord(r: RunRecord) {
  expect(r.entries.at(-1)).toMatchObject({ type: 'end', outcome: 'interrupted', exitCode: 130 })
  expect(stepEnds(r).at(-1)).toMatchObject({ step: 'app.browser', status: 'failed', error: 'interrupted' })
  // An interruption never reads as the student's mistake.
  const browser = verdicts(r).filter((v) => v.step === 'app.browser')
  expect(browser.length).toBeGreaterThan(0)
  for (const v of browser)
    expect([v.check, v.status, v.cause]).toEqual([v.check, 'NOT-GRADABLE', 'interrupted'])
}

/** Nothing of ours is left: not in the process group, not among the recorded pids, no browser profile. */
async function expectNothingLeft(t: Tool, r: RunRecord) {
  expect(recordedProcesses(r).some((p) => p.argv.some((a) => a.includes('port-forward')))).toBe(true)
  expect(await until(() => leftInGroup(t.pgid).length === 0, 3000), `group ${t.pgid}`).toBe(true)
  expect(stillRunning(r)).toEqual([])
  const dirs = profileDirs(r)
  expect(dirs.length).toBeGreaterThan(0)
  for (const d of dirs) expect(exists(d), d).toBe(false)
}

describe('a signal during app.browser', () => {
  it('SIGTERM to the tool: exit 130 within 2 s, no restart of the port-forward, no child left', async () => {
    const t = start('lab', ['--simulate', '--only', 'app.browser'], box)
    await t.waitFor(IN_BROWSER)
    const sent = Date.now()
    process.kill(t.pgid, 'SIGTERM')
    const exit = await t.exited
    expect(exit.code, t.stdout() + t.stderr()).toBe(130)
    expect(exit.at - sent).toBeLessThan(2000)
    expect(t.stdout()).not.toMatch(/restarting/)
    const r = latest(box)
    expectInterruptedRecord(r)
    await expectNothingLeft(t, r)
  })

  it('SIGINT to the tool alone: exit 130, a journal with its end line, no child and no profile dir left', async () => {
    const t = start('lab', ['--simulate', '--only', 'app.browser'], box)
    await t.waitFor(IN_BROWSER)
    const pid = scriptPid(t)
    expect(pid).toBeDefined()
    process.kill(pid as number, 'SIGINT') // the node process itself, not its group: no terminal helps here
    const exit = await t.exited
    expect(exit.code, t.stdout() + t.stderr()).toBe(130)
    const r = latest(box)
    expectInterruptedRecord(r)
    await expectNothingLeft(t, r)
  })

  it('SIGTERM to the pnpm parent: the tool ends too', async () => {
    const t = start('lab', [], box, {
      argv: ['npx', '-y', 'pnpm@12.4.2', 'lab', '--simulate', '--only', 'app.browser'],
      env: { COREPACK_INTEGRITY_KEYS: '0' },
    })
    await t.waitFor(IN_BROWSER, 300_000)
    let tool: number | undefined
    let pnpm: number | undefined
    await until(() => {
      tool = scriptPid(t)
      pnpm = pnpmPid(t.pgid)
      return tool !== undefined && pnpm !== undefined
    }, 10_000)
    expect(tool, 'the tool under pnpm').toBeDefined()
    expect(pnpm, 'the pnpm process').toBeDefined()
    process.kill(pnpm as number, 'SIGTERM') // pnpm itself exits 143 at once and passes nothing on
    expect(await until(() => !alive(tool as number), 5000), 'the tool ended').toBe(true)
    await t.exited
    const r = latest(box)
    expect(r.entries.at(-1), t.stdout() + t.stderr()).toMatchObject({ type: 'end', outcome: 'interrupted' })
    await expectNothingLeft(t, r)
  })
})

describe('SIGKILL, then the next run', () => {
  it('ends the leftovers the killed run recorded, says so, and none remain', async () => {
    const t = start('lab', ['--simulate', '--only', 'app.browser'], box)
    await t.waitFor(IN_BROWSER)
    process.kill(scriptPid(t) as number, 'SIGKILL')
    await t.exited
    const killed = latest(box)
    expect(killed.entries.some((e) => e.type === 'end')).toBe(false)
    // The port-forward outlives a SIGKILLed parent (Chromium, on its pipe, does not: it may still be quitting).
    const left = stillRunning(killed).filter((p) => p.argv.some((a) => a.includes('port-forward')))
    expect(left.length, 'a leftover to end').toBeGreaterThan(0)

    const next = await cli('lab', ['--simulate', '--only', 'app.browser'], box)
    expect(next.code, next.stdout + next.stderr).toBe(0)
    expect(next.stderr).toMatch(
      /note: ended \d+ process(es)? left by a killed `pnpm lab` \(pid \d+, started [\d-]+ [\d:]+, profile lab4\): pid \d+ kubectl .*port-forward/,
    )
    for (const p of left) expect(next.stderr).toContain(`pid ${p.pid} `)
    expect(stillRunning(killed)).toEqual([])
    for (const d of profileDirs(killed)) expect(exists(d), d).toBe(false)
  })
})

describe('a busy local port 3000', () => {
  it('is said on the console and in the report, naming the port used', async () => {
    const squatter = await hold(3000)
    try {
      const r = await cli('lab', ['--simulate', '--only', 'app.browser'], box)
      expect(r.code, r.stdout + r.stderr).toBe(0)
      const said =
        /local port 3000 is busy \(127\.0\.0\.1:3000 is already in use by another program\); forwarding from (\d+) instead/.exec(
          r.stdout,
        )
      expect(said, r.stdout).not.toBeNull()
      const used = said?.[1] ?? ''
      expect(used).not.toBe('3000')
      const out = mkdtempSync(join(tmpdir(), 'lab4-e2e-report-'))
      const rep = await cli('report', ['--run', latest(box).dir, '--no-pdf', '--out', out], box)
      expect(rep.code, rep.stdout + rep.stderr).toBe(0)
      const md = readFileSync(join(out, 'lab4_report.md'), 'utf8')
      expect(md).toMatch(
        new RegExp(`(The page was opened at|Страница открыта по адресу) http://127\\.0\\.0\\.1:${used}/`),
      )
    } finally {
      squatter?.close()
    }
  })
})

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/** pnpm's own process below npx: its command line starts with pnpm (or node …/pnpm.cjs) and runs `lab`. */
const pnpmPid = (root: number): number | undefined =>
  descendantsMatching(root, /^(\S*\/)?pnpm(\.c?js)?\s+lab\b|\/pnpm\.c?js\s+lab\b/)[0]

/** Listen on 127.0.0.1:port; when someone else already holds it, it is busy all the same. */
function hold(port: number): Promise<Server | undefined> {
  return new Promise((resolve) => {
    const s = createServer()
    s.once('error', () => resolve(undefined))
    s.listen({ port, host: '127.0.0.1', exclusive: true }, () => resolve(s))
  })
}
