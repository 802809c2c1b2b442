import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { waitFor, watchChildren, type ChildRecord } from '@lab4/core'
import { PROFILE_PREFIX, launchOptions, openBrowser, type Browsing } from './chromium.ts'
import { isRendered, parsePage } from '../../page.ts'
import { startFakePod } from '../../testing/fake-app.ts'

let browsing: Browsing
beforeAll(async () => {
  browsing = await openBrowser()
})
afterAll(() => browsing.close())

describe('openBrowser (real headless Chromium)', () => {
  it('loads a page that renders client-side, reads its text and takes a 1000x700 PNG', async () => {
    // The script renders 2 s after load: long enough that a loaded machine still reads the empty shell first.
    const pod = await startFakePod({ name: 'frontend-6f7c9d8b5-k2x8q', ip: '10.244.1.5' }, 2000)
    const tab = await browsing.tab()
    try {
      await tab.load(`http://127.0.0.1:${pod.port}/`, 'goto', 10_000)
      expect(isRendered(parsePage(await tab.text()))).toBe(false) // the shell, before the script ran
      await waitFor(
        'the script to render',
        async () => ({ done: isRendered(parsePage(await tab.text())), observed: '' }),
        { timeoutMs: 10_000, intervalMs: 50 },
      )
      expect(parsePage(await tab.text())).toEqual({
        username: 'student',
        company: 'ITMO University',
        containerName: 'frontend-6f7c9d8b5-k2x8q',
        containerIp: '10.244.1.5',
      })
      const png = await tab.screenshot()
      expect(png.subarray(1, 4).toString()).toBe('PNG')
      expect(png.readUInt32BE(16)).toBe(1000)
      expect(png.readUInt32BE(20)).toBe(700)
    } finally {
      await tab.close()
      await pod.close()
    }
  })

  it('rejects a load when nothing listens (a dropped forward)', async () => {
    const pod = await startFakePod({ name: 'x', ip: '10.0.0.1' })
    await pod.close()
    const tab = await browsing.tab()
    await expect(tab.load(`http://127.0.0.1:${pod.port}/`, 'goto', 5_000)).rejects.toThrow(
      /ERR_CONNECTION_REFUSED/,
    )
    await tab.close()
  })
})

describe('the browser dies with us', () => {
  it('is launched over a pipe, without puppeteer’s own signal handlers', () => {
    expect(launchOptions('/usr/bin/chromium', '/tmp/p')).toMatchObject({
      pipe: true,
      handleSIGINT: false,
      handleSIGTERM: false,
      handleSIGHUP: false,
      userDataDir: '/tmp/p',
    })
  })

  it('is recorded with its pid, start time and profile dir, and close() removes the profile', async () => {
    const started: ChildRecord[] = []
    const stop = watchChildren((e) => e.type === 'start' && started.push(e.child))
    const b = await openBrowser()
    stop()
    const chrome = started.find((c) => c.group)
    const profile = chrome?.dirs?.[0] ?? ''
    expect(profile.startsWith(`${tmpdir()}/${PROFILE_PREFIX}`)).toBe(true)
    expect(chrome?.startTime).toMatch(/^(linux|ps):/)
    expect(existsSync(profile)).toBe(true)
    await b.close()
    expect(existsSync(profile)).toBe(false)
    expect(() => process.kill(chrome?.pid ?? 0, 0)).toThrow()
  })
})
