// Resolve a Chrome/Chromium at run time: env var, puppeteer's cache, then the system browser.
import { existsSync, readdirSync } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { LabError } from './errors.ts'

const SYSTEM = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
]

const CACHE_BINARIES = [
  'chrome-linux64/chrome',
  'chrome-mac-arm64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  'chrome-mac-x64/Google Chrome for Testing.app/Contents/MacOS/Google Chrome for Testing',
  'chrome-headless-shell-linux64/chrome-headless-shell',
]

export type BrowserSource = 'env' | 'puppeteer-cache' | 'system'

export function resolveBrowser(env: NodeJS.ProcessEnv = process.env): {
  path: string
  source: BrowserSource
} {
  for (const name of ['LAB_BROWSER', 'PUPPETEER_EXECUTABLE_PATH']) {
    const v = env[name]
    if (v) {
      if (!existsSync(v))
        throw new LabError(`${name}=${v} does not exist`, {
          hint: `Point ${name} at a Chrome or Chromium executable, or unset it.`,
        })
      return { path: v, source: 'env' }
    }
  }
  const cache = env.PUPPETEER_CACHE_DIR ?? join(env.HOME ?? homedir(), '.cache', 'puppeteer')
  for (const kind of ['chrome', 'chrome-headless-shell']) {
    const dir = join(cache, kind)
    if (!existsSync(dir)) continue
    for (const build of readdirSync(dir).sort().reverse()) {
      for (const bin of CACHE_BINARIES) {
        const p = join(dir, build, bin)
        if (existsSync(p)) return { path: p, source: 'puppeteer-cache' }
      }
    }
  }
  const sys = SYSTEM.find((p) => existsSync(p))
  if (sys) return { path: sys, source: 'system' }
  throw new LabError('No Chrome or Chromium found for screenshots and the PDF', {
    hint: 'Install one (Debian/Ubuntu: sudo apt-get install -y chromium; any OS: npx puppeteer browsers install chrome), or set LAB_BROWSER=/path/to/chrome.',
  })
}

/** Flags for a headless browser that must not reach the network on its own (closed networks, CI, root). */
export const BROWSER_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--font-render-hinting=none',
  '--hide-scrollbars',
] as const
