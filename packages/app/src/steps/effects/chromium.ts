// The headless browser: one per step, a fixed viewport so screenshots are comparable run to run.
import puppeteer, { type Browser, type Page } from 'puppeteer'
import { BROWSER_ARGS, resolveBrowser } from '@lab4/core'

export const VIEWPORT = { width: 1000, height: 700, deviceScaleFactor: 1 } as const

export type Tab = {
  /** Navigate (first load) or reload; resolves when the document has loaded, rejects on a network error. */
  load(url: string, how: 'goto' | 'reload', timeoutMs: number): Promise<void>
  text(): Promise<string>
  screenshot(): Promise<Buffer>
  close(): Promise<void>
}

export type Browsing = { tab(): Promise<Tab>; close(): Promise<void> }

export async function openBrowser(env: NodeJS.ProcessEnv = process.env): Promise<Browsing> {
  const { path } = resolveBrowser(env)
  const browser: Browser = await puppeteer.launch({
    executablePath: path,
    headless: true,
    args: [...BROWSER_ARGS],
    defaultViewport: VIEWPORT,
  })
  return {
    tab: async () => wrap(await browser.newPage()),
    close: () => browser.close(),
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
