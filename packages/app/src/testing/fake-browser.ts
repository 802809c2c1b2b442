// Test helper: a Browsing without Chromium. A tab fetches the page and reads the lines the fake pod's script renders.
import type { Browsing, Tab } from '../steps/effects/chromium.ts'

/** For makeBrowserStep({ open }): the text is the served HTML without tags, so it reads as rendered at once. */
export async function fetchingBrowser(): Promise<Browsing> {
  const tab = (): Tab => {
    let html = ''
    return {
      load: async (url) => {
        const r = await fetch(url)
        if (!r.ok) throw new Error(`${url} answered HTTP ${r.status}`)
        html = await r.text()
      },
      text: async () => html.replace(/<[^>]+>/g, '\n'),
      screenshot: async () => Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
      close: async () => undefined,
    }
  }
  return { tab: async () => tab(), close: async () => undefined }
}
