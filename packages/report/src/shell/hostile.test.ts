// A record is untrusted input: a student's HTML in the config or in a recorded output must reach the reader as
// text, and rendering it must make no request. Needs a Chrome/Chromium (resolveBrowser) and pdftotext.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { Marked } from 'marked'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allowedRequest, openRenderer, type Renderer } from './browser.ts'
import { writeReport } from './write.ts'
import { fixtureDir } from '../testing/fixtures.ts'
import { ownHtmlOnly } from '../render/pdf.ts'
import { LANGS, TEMPLATES_DIR } from '../render/markdown.ts'

let server: Server
let requests: string[] = []
let base = ''
let renderer: Renderer
const dirs: string[] = []
const temp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `lab4-hostile-${name}-`))
  dirs.push(d)
  return d
}

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? '')
    res.end('')
  })
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok))
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`
  renderer = await openRenderer()
})
afterAll(async () => {
  await renderer?.close()
  await new Promise<void>((ok) => server.close(() => ok()))
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

// Each payload would call the listener if it ran or loaded: a script, an onerror handler, a frame, a remote image.
const payloads = (field: string) => [
  `<script>fetch('${base}/script-${field}')</script>`,
  `<img src=x onerror="fetch('${base}/onerror-${field}')">`,
  `<iframe src="${base}/iframe-${field}"></iframe>`,
  `<img src="${base}/img-${field}.png">`,
  `![m](${base}/md-${field}.png)`,
]
const FIELDS = {
  student: ['university', 'faculty', 'course', 'year', 'group', 'author'],
  app: ['username', 'company'],
} as const

/** run-good with every free-text config field and the `minikube start` stdout made hostile. */
function hostileRun(): string {
  const dir = temp('run')
  cpSync(fixtureDir('run-good'), dir, { recursive: true })
  const configFile = join(dir, 'config.json')
  const config = JSON.parse(readFileSync(configFile, 'utf8')) as Record<string, Record<string, unknown>>
  for (const [section, keys] of Object.entries(FIELDS))
    for (const k of keys) config[section] = { ...config[section], [k]: `${k} ${payloads(k).join(' ')}` }
  config.zones = { ...config.zones, labelKey: `zone ${payloads('labelKey').join(' ')}` }
  writeFileSync(configFile, JSON.stringify(config, null, 2))
  const journal = join(dir, 'journal.ndjson')
  const lines = readFileSync(journal, 'utf8')
    .split('\n')
    .map((l) => {
      if (!l.includes('"key":"cluster.start"')) return l
      const e = JSON.parse(l) as { stdout: string }
      return JSON.stringify({ ...e, stdout: `${e.stdout}${payloads('stdout').join('\n')}\n` })
    })
  writeFileSync(journal, lines.join('\n'))
  return dir
}

const ENTITIES: Record<string, string> = {
  lt: '<',
  gt: '>',
  quot: '"',
  amp: '&',
  '#x27': "'",
  '#x3D': '=',
  '#x60': '`',
}
/** What a reader sees of an HTML fragment's text: tags dropped, entities read. */
const textOf = (html: string) =>
  html
    .replace(/<[^>]*>/g, '')
    .replace(/&(lt|gt|quot|amp|#x27|#x3D|#x60);/g, (_m, e: string) => ENTITIES[e] ?? '')

// The markdown as a renderer without any sanitizing of its own would turn it into HTML.
const asHtml = (md: string) => new Marked({ gfm: true }).parse(md, { async: false })
// (A markdown image from a config field does stay an image in the .md: GitHub fetches it through its own proxy.
// In the PDF it is shown as its text; the request count below covers it.)
const LIVE_MARKUP = [
  /<script\b/i,
  /<iframe\b/i,
  /<[a-z][^>]*\sonerror=/i,
  /<img[^>]+src="https?:[^"]*\/img-/i,
]

describe('a hostile record', () => {
  it.each(['ru', 'en'] as const)(
    'renders (%s) with no request made and every payload shown as text in the markdown and the PDF',
    async (lang) => {
      requests = []
      const blockedBefore = renderer.blocked.length
      const run = hostileRun()
      const out = temp('out')
      const { markdown, files } = await writeReport({ runDir: run, outDir: out, lang, renderer })
      expect(requests).toEqual([])
      // Escaped text asks for nothing at all: blocking is only the second wall.
      expect(renderer.blocked.slice(blockedBefore)).toEqual([])

      const html = asHtml(markdown)
      for (const live of LIVE_MARKUP) expect(html).not.toMatch(live)
      expect(markdown).toContain('&lt;script&gt;') // in a paragraph: escaped
      expect(markdown).toContain(`<script>fetch('${base}/script-stdout')</script>`) // in the fence: as recorded
      // Shown, not run: the author's iframe is in the page as text once its entities are read.
      expect(textOf(html)).toContain(`<iframe src="${base}/iframe-author"></iframe>`)

      const pdf = files.find((f) => f.endsWith('.pdf'))
      expect(pdf).toBeDefined()
      const text = execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, pdf ?? ''), '-'], {
        encoding: 'utf8',
      }).replace(/\s+/g, ' ')
      for (const shown of [
        '<script>fetch(',
        'onerror="fetch(',
        '<iframe src="',
        `![m](${base}/md-author.png)`,
      ])
        expect(text).toContain(shown)
    },
    120_000,
  )
})

describe('the templates', () => {
  it('use triple-stash only for the code fence the model computes, never for a value', () => {
    for (const lang of LANGS) {
      const dir = new URL(`${lang}/`, TEMPLATES_DIR)
      for (const f of readdirSync(dir)) {
        const stashes = readFileSync(new URL(f, dir), 'utf8').match(/{{{[^}]*}}}/g) ?? []
        expect({ f, stashes: stashes.filter((x) => x !== '{{{fence}}}') }).toEqual({ f, stashes: [] })
      }
    }
  })
})

describe('the renderer lockdown', () => {
  it('allows inlined data and file: assets of the report only', () => {
    expect(allowedRequest('data:image/png;base64,AAAA', [])).toBe(true)
    expect(allowedRequest('file:///out/report/images/a.png', ['/out/report'])).toBe(true)
    expect(allowedRequest('file:///out/report/../secret', ['/out/report'])).toBe(false)
    expect(allowedRequest('file:///etc/passwd', ['/out/report'])).toBe(false)
    expect(allowedRequest('http://127.0.0.1:3000/', ['/out/report'])).toBe(false)
    expect(allowedRequest('https://example.org/x.png', [])).toBe(false)
  })

  it('blocks and records a foreign request even in a page that asks for one', async () => {
    requests = []
    // A fresh page: the report's own CSP, once set by a PDF page, would stop the image before any request.
    const fresh = await openRenderer()
    try {
      await fresh.png(`<!doctype html><div>x</div><img src="${base}/direct.png">`, 200)
      expect(requests).toEqual([])
      expect(fresh.blocked).toEqual([`${base}/direct.png`])
    } finally {
      await fresh.close()
    }
  }, 60_000)

  it('keeps only our own bare tags in raw HTML and shows the rest as text', () => {
    expect(ownHtmlOnly('<details><summary>Output: <code>x</code></summary>')).toBe(
      '<details><summary>Output: <code>x</code></summary>',
    )
    expect(ownHtmlOnly('<span class="badge pass">PASS</span><!--term:e0001-->')).toBe(
      '<span class="badge pass">PASS</span><!--term:e0001-->',
    )
    expect(ownHtmlOnly('<img src=x onerror=alert(1)> &lt;b&gt; a & b')).toBe(
      '&lt;img src=x onerror=alert(1)&gt; &lt;b&gt; a &amp; b',
    )
    expect(ownHtmlOnly('<div onclick="x()">')).toBe('&lt;div onclick="x()"&gt;')
  })
})
