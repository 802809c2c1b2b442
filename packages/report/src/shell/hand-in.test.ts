// The hand-in's acceptance on a simulator run recorded with today's checks (fixtures/run-sim): print layout,
// no emoji in the PDF text, SIMULATED inside every image, Russian prose, and a folder whose links resolve.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openRenderer, type Renderer } from './browser.ts'
import { writeReport, type Written } from './write.ts'
import { fixtureDir } from '../testing/fixtures.ts'
import {
  bandHasText,
  bandShare,
  blankShares,
  brokenLinks,
  countWhole,
  emojiCodePoints,
  englishRuns,
  ipv4Tokens,
  pdfLayoutText,
  pdfPages,
  relativeLinks,
} from '../testing/hand-in.ts'
import { RU_ALLOWED } from '../testing/allowed-terms.ts'
import { pngSize } from '../render/png.ts'
import { BAND_HEIGHT } from '../render/terminal.ts'

let r: Renderer
const dirs: string[] = []
const tmp = (name: string) => {
  const d = mkdtempSync(join(tmpdir(), `lab4-hand-in-${name}-`))
  dirs.push(d)
  return d
}
const written: Record<'ru' | 'en', Written | undefined> = { ru: undefined, en: undefined }
let out = ''
let real = ''

beforeAll(async () => {
  r = await openRenderer()
  out = tmp('lab4')
  written.ru = await writeReport({
    runDir: fixtureDir('run-sim'),
    outDir: out,
    lang: 'ru',
    renderer: r,
    emoji: false,
  })
  written.en = await writeReport({
    runDir: fixtureDir('run-sim'),
    outDir: out,
    lang: 'en',
    renderer: r,
    emoji: false,
  })
  // The same run as if from a real cluster: its images must have no band.
  const runDir = join(tmp('real-run'), 'run')
  cpSync(fixtureDir('run-sim'), runDir, { recursive: true })
  const journal = readFileSync(join(runDir, 'journal.ndjson'), 'utf8')
  writeFileSync(join(runDir, 'journal.ndjson'), journal.replace('"simulated":true', '"simulated":false'))
  real = tmp('real')
  await writeReport({ runDir, outDir: real, lang: 'ru', renderer: r, pdf: false, emoji: false })
}, 240_000)

afterAll(async () => {
  await r?.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

const model = () => {
  if (!written.ru) throw new Error('the report was not written')
  return written.ru.model
}

describe.each(['ru', 'en'] as const)('the PDF (%s) of the default simulated run', (lang) => {
  const file = () => join(out, lang === 'ru' ? 'lab4_report.pdf' : 'lab4_report.en.pdf')

  it('has every IPv4 address, CIDR and pod name of the run whole on one line, as often as the markdown shows it', () => {
    const text = pdfLayoutText(file())
    const md = written[lang]?.markdown ?? ''
    const m = model()
    const pods = [...m.pods.map((p) => p.name), ...m.q9.allPods.map((p) => p.name)]
    const tokens = [...new Set([...ipv4Tokens(md), ...pods])]
    expect(tokens.length).toBeGreaterThan(15)
    expect(tokens).toEqual(expect.arrayContaining(['10.244.1.0/24', '10.244.2.0/24', '192.168.49.2']))
    const broken = tokens.filter((t) => countWhole(text, t) === 0)
    expect(broken).toEqual([])
    // Each token is printed at least as often as the report's own text has it (a split copy would not count).
    const short = tokens.filter((t) => countWhole(text, t) < Math.min(countWhole(prosePlusCode(md), t), 3))
    expect(short).toEqual([])
  })

  it('has no emoji code point in its text (verdicts are drawn badges, minikube emoji plain prefixes)', () => {
    expect(emojiCodePoints(pdfLayoutText(file()))).toEqual([])
    expect(written[lang]?.markdown).toContain('✅ PASS')
  })

  it('never leaves a heading or a table label alone at the bottom of a page', () => {
    const md = written[lang]?.markdown ?? ''
    const labels = new Set(
      md
        .split('\n')
        .filter((l) => /^#{2,3} /.test(l) || /^\*\*[^*]+\*\*$/.test(l))
        .map((l) => l.replace(/^#+ |\*\*/g, '').trim()),
    )
    expect(labels.size).toBeGreaterThan(15)
    const stranded = pdfLayoutText(file())
      .split('\f')
      .flatMap((page, i) => {
        const lines = page
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean)
        // The last line is the footer (run id and page number); the one above it ends the page's content.
        const last = lines.at(-2) ?? ''
        return labels.has(last) ? [`page ${i + 1}: ${last}`] : []
      })
    expect(stranded).toEqual([])
  })

  it('fits in 14 pages, says how many, and no page but the last is more than half blank', () => {
    const pages = pdfPages(file())
    expect(written[lang]?.pages).toBe(pages)
    expect(pages).toBeLessThanOrEqual(14)
    const shares = blankShares(file())
    expect(shares).toHaveLength(pages)
    const tooEmpty = shares
      .slice(0, -1)
      .flatMap((s, i) => (s > 0.5 ? [`page ${i + 1}: ${Math.round(s * 100)}%`] : []))
    expect(tooEmpty).toEqual([])
  })
})

/** The markdown's text with code kept (identifiers in commands and outputs count too). */
const prosePlusCode = (md: string) => md.replace(/<[^>]+>/g, ' ')

describe('the images of a simulated run', () => {
  it('every PNG has the SIMULATED band at the top, and the same image of a real run has none', () => {
    const pngs = readdirSync(join(out, 'images')).filter((f) => f.endsWith('.png'))
    expect(pngs.length).toBeGreaterThanOrEqual(2 * 12)
    for (const f of pngs) {
      const png = readFileSync(join(out, 'images', f))
      expect({ f, share: bandShare(png) > 0.6 }).toEqual({ f, share: true })
      expect({ f, text: bandHasText(png) }).toEqual({ f, text: true })
      if (f.includes('.en.')) continue
      const plain = readFileSync(join(real, 'images', f))
      expect({ f, share: bandShare(plain) }).toEqual({ f, share: 0 })
      // The band is reserved room: the marked image is taller by exactly the band.
      expect(pngSize(png).height - pngSize(plain).height).toBe(BAND_HEIGHT)
    }
  })

  it('the SVG diagram carries the mark as a text layer; a real run has none', () => {
    const svg = readFileSync(join(out, 'images', 'topology.svg'), 'utf8')
    expect(svg).toMatch(/<g id="simulated-mark"><rect[^>]*\/><text[^>]*>SIMULATED — [^<]+<\/text><\/g>/)
    expect(readFileSync(join(out, 'images', 'topology.en.svg'), 'utf8')).toContain(
      '>SIMULATED — not evidence from a real cluster<',
    )
    expect(readFileSync(join(real, 'images', 'topology.svg'), 'utf8')).not.toContain('SIMULATED')
  })

  it('screenshots are cropped to the page and framed with the URL the forward served', () => {
    const shots = model().screenshots
    expect(shots.map((s) => s.url)).toEqual(
      shots.map(() => expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/$/)),
    )
    for (const s of shots) {
      const framed = pngSize(readFileSync(join(out, 'images', s.file)))
      const raw = pngSize(readFileSync(join(fixtureDir('run-sim'), s.source)))
      // The raw page is 1000×700 with four lines of text; the framed crop is much smaller.
      expect(framed.height).toBeLessThan(raw.height * 0.6)
    }
  })
})

describe('the Russian report', () => {
  it('has no English sentence outside code, beyond the terms that stay English', () => {
    const md = written.ru?.markdown ?? ''
    const body = md.slice(md.indexOf('\n# '))
    expect(englishRuns(body, RU_ALLOWED)).toEqual([])
    // The scan finds English when there is some: the English report is full of it.
    expect(englishRuns(written.en?.markdown ?? '', RU_ALLOWED).length).toBeGreaterThan(20)
  })

  it('never shows an internal evidence key to the reader', () => {
    for (const md of [written.ru?.markdown ?? '', written.en?.markdown ?? ''])
      expect(md.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1$/gm, '')).not.toMatch(
        /\b(cluster|ipam|app)\.(nodes|pods|page|ping|dns|pools|start|calico-pods|coredns)\.[\w.-]*\b/,
      )
  })
})

describe('the folder to commit as lab4/', () => {
  it('has lab4_report.md with the header block first, images/, manifests/*.yaml, and links that all resolve', () => {
    const files = readdirSync(out)
    expect(files).toEqual(
      expect.arrayContaining([
        'lab4_report.md',
        'lab4_report.en.md',
        'lab4_report.pdf',
        'images',
        'manifests',
      ]),
    )
    expect(readdirSync(join(out, 'manifests')).sort()).toEqual([
      'calicoctl.yaml',
      'frontend.yaml',
      'ippools.yaml',
    ])
    for (const md of ['lab4_report.md', 'lab4_report.en.md']) {
      const text = readFileSync(join(out, md), 'utf8')
      expect(text.startsWith('University: ')).toBe(true)
      expect(relativeLinks(text).length).toBeGreaterThan(15)
      expect(brokenLinks(join(out, md))).toEqual([])
    }
  })

  it('lists the header placeholders (Student Name, K0000) as findings', () => {
    const md = written.ru?.markdown ?? ''
    const findings = md.slice(md.indexOf('## Замечания'), md.indexOf('## Версии'))
    expect(findings).toContain('`student.author: Student Name`')
    expect(findings).toContain('`student.group: K0000`')
  })
})
