// The one browser a `pnpm report` launches: terminal PNGs, the topology PNG and the PDF all go through it.
import puppeteer, { type Browser } from 'puppeteer'
import { BROWSER_ARGS, LabError, resolveBrowser } from '@lab4/core'

export type Renderer = {
  readonly executable: string
  /** Screenshot a page of the given CSS width; the height follows the content. */
  png(html: string, width: number): Promise<Buffer>
  pdf(html: string, o: { headerTemplate: string; footerTemplate: string }): Promise<Buffer>
  close(): Promise<void>
}

export async function openRenderer(): Promise<Renderer> {
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
  return {
    executable: path,
    async png(html, width) {
      await page.setViewport({ width, height: 100, deviceScaleFactor: 1 })
      await page.setContent(html, { waitUntil: 'load' })
      await page.evaluate(() => document.fonts.ready.then(() => undefined))
      // The body's own box, not the viewport: a short output gives a short image.
      const height = await page.evaluate(() => Math.ceil(document.body.getBoundingClientRect().bottom))
      await page.setViewport({ width, height, deviceScaleFactor: 1 })
      return Buffer.from(
        await page.screenshot({
          type: 'png',
          clip: { x: 0, y: 0, width, height },
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
