// The headless browser: one per step, a fixed viewport so screenshots are comparable run to run.
// It dies with us: DevTools over a pipe (Chromium quits when the pipe closes), our own signal handlers (never
// puppeteer's, whose SIGINT handler calls process.exit), and a profile dir we remove on every way out.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import puppeteer, { type Browser, type LaunchOptions, type Page } from 'puppeteer'
import { BROWSER_ARGS, isShuttingDown, resolveBrowser, track } from '@lab4/core'

export const VIEWPORT = { width: 1000, height: 700, deviceScaleFactor: 1 } as const

/** Prefix of the browser profile dirs; the leftover sweep only ever removes dirs named like this. */
export const PROFILE_PREFIX = 'lab4-chromium-'

const CLOSE_GRACE_MS = 2000

export type Tab = {
  /** Navigate (first load) or reload; resolves when the document has loaded, rejects on a network error. */
  load(url: string, how: 'goto' | 'reload', timeoutMs: number): Promise<void>
  text(): Promise<string>
  screenshot(): Promise<Buffer>
  close(): Promise<void>
}

export type Browsing = { tab(): Promise<Tab>; close(): Promise<void> }

/** The launch options that tie Chromium's life to ours (exported for the test that pins them). */
export const launchOptions = (executablePath: string, userDataDir: string): LaunchOptions => ({
  executablePath,
  headless: true,
  args: [...BROWSER_ARGS],
  defaultViewport: VIEWPORT,
  userDataDir,
  pipe: true,
  handleSIGINT: false,
  handleSIGTERM: false,
  handleSIGHUP: false,
})

export async function openBrowser(env: NodeJS.ProcessEnv = process.env): Promise<Browsing> {
  const { path } = resolveBrowser(env)
  const profile = mkdtempSync(join(tmpdir(), PROFILE_PREFIX))
  let browser: Browser
  try {
    browser = await puppeteer.launch(launchOptions(path, profile))
  } catch (err) {
    rmSync(profile, { recursive: true, force: true })
    throw err
  }
  const proc = browser.process()
  const exited = new Promise<void>((resolve) => {
    if (!proc || proc.exitCode !== null || proc.signalCode !== null) resolve()
    else proc.once('exit', () => resolve())
  })
  // Puppeteer starts Chromium as a process-group leader: a signal ends the group (renderers, GPU, zygotes). Its
  // profile is thrown away, so there is nothing to save: SIGKILL at once (a SIGTERM'd Chromium takes its time).
  const untrack = track(
    {
      pid: proc?.pid,
      kill: () => {
        if (proc?.pid) process.kill(-proc.pid, 'SIGKILL')
      },
      exited,
    },
    { argv: proc?.spawnargs ?? [path], group: true, dirs: [profile] },
  )
  void exited.then(untrack)
  return {
    tab: async () => wrap(await browser.newPage()),
    close: async () => {
      // Shutting down: no goodbye over CDP; a SIGKILLed group writes nothing more, so the profile can go at once.
      const shutdown = isShuttingDown()
      if (!shutdown) {
        const timer = new Promise<void>((r) => setTimeout(r, CLOSE_GRACE_MS).unref())
        await Promise.race([browser.close().catch(() => undefined), timer])
      }
      if (proc?.pid && proc.exitCode === null && proc.signalCode === null) {
        try {
          process.kill(-proc.pid, 'SIGKILL')
        } catch {
          // gone meanwhile
        }
      }
      if (!shutdown) await Promise.race([exited, new Promise<void>((r) => setTimeout(r, 500).unref())])
      untrack()
    },
  }
}

function wrap(page: Page): Tab {
  return {
    load: async (url, how, timeoutMs) => {
      const opts = { waitUntil: 'load' as const, timeout: timeoutMs }
      const r = how === 'goto' || page.url() !== url ? await page.goto(url, opts) : await page.reload(opts)
      if (r && !r.ok()) throw new Error(`${url} answered HTTP ${r.status()}`)
    },
    text: () => page.evaluate(() => document.body?.innerText ?? ''),
    screenshot: async () => Buffer.from(await page.screenshot({ type: 'png', fullPage: false })),
    close: () => page.close(),
  }
}
