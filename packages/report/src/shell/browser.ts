// The one browser a `pnpm report` launches: terminal PNGs, the topology PNG and the PDF all go through it.
// A record is untrusted input: its page runs no script and may fetch nothing but the report's own assets.
import { resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import puppeteer, { type Browser, type HTTPRequest } from 'puppeteer'
import { BROWSER_ARGS, LabError, resolveBrowser } from '@lab4/core'

export type Renderer = {
  readonly executable: string
  /** Screenshot the page's first element, laid out at most `width` CSS pixels wide. */
  png(html: string, width: number): Promise<Buffer>
  pdf(html: string, o: { headerTemplate: string; footerTemplate: string }): Promise<Buffer>
  close(): Promise<void>
  /** Every request the page tried that was refused (tests assert it stays empty for our own pages). */
  readonly blocked: readonly string[]
}

export type RendererOptions = {
  /** Folders whose `file:` URLs the page may load (the report's own assets); nothing else is fetched. */
  readonly assets?: readonly string[]
}

/** Pure: may a page of the report load this URL? Inlined `data:`, and `file:` only inside the asset folders. */
export function allowedRequest(url: string, assets: readonly string[]): boolean {
  if (url.startsWith('data:') || url === 'about:blank') return true
  if (!url.startsWith('file:')) return false
  let path: string
  try {
    path = resolve(fileURLToPath(url))
  } catch {
    return false
  }
  return assets.some((root) => path.startsWith(resolve(root) + sep))
}

export async function openRenderer(o: RendererOptions = {}): Promise<Renderer> {
  const { path } = resolveBrowser()
  let browser: Browser
  try {
    browser = await puppeteer.launch({ executablePath: path, args: [...BROWSER_ARGS], headless: true })
  } catch (err) {
    throw new LabError(
      `Could not start the browser at ${path}: ${err instanceof Error ? err.message.split('\n')[0] : String(err)}`,
      {
        hint: 'Check that it runs (`<browser> --version`), or point LAB_BROWSER at another Chrome/Chromium.',
        cause: err,
      },
    )
  }
  const page = await browser.newPage()
  const blocked: string[] = []
  await page.setJavaScriptEnabled(false)
  await page.setRequestInterception(true)
  page.on('request', (req: HTTPRequest) => {
    if (allowedRequest(req.url(), o.assets ?? [])) return void req.continue()
    blocked.push(req.url())
    void req.abort('blockedbyclient')
  })
  return {
    executable: path,
    blocked,
    async png(html, width) {
      await page.setViewport({ width, height: 100, deviceScaleFactor: 1 })
      await page.setContent(html, { waitUntil: 'load' })
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      // The drawn element's own box, not the viewport: a short, narrow output gives a short, narrow image.
      const box = await page.evaluate(() => {
        const r = (document.body.firstElementChild ?? document.body).getBoundingClientRect()
        return { width: Math.ceil(r.right), height: Math.ceil(r.bottom) }
      })
      const w = Math.min(width, Math.max(1, box.width))
      await page.setViewport({ width, height: Math.max(1, box.height), deviceScaleFactor: 1 })
      return Buffer.from(
        await page.screenshot({
          type: 'png',
          clip: { x: 0, y: 0, width: w, height: Math.max(1, box.height) },
          captureBeyondViewport: false,
        }),
      )
    },
    async pdf(html, o) {
      await page.setContent(html, { waitUntil: 'load' })
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      return Buffer.from(
        await page.pdf({
          format: 'A4',
          printBackground: true,
          displayHeaderFooter: true,
          ...o,
          margin: { top: '18mm', bottom: '18mm', left: '14mm', right: '14mm' },
          outline: true,
          tagged: true,
        }),
      )
    },
    close: () => browser.close(),
  }
}
