// The write-up a student hands in, end to end: a fresh simulated lab, then `pnpm report --out <dir>/lab4` in
// Russian and English, as real processes. The folder must be committable as is and the PDF printable.
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import {
  RU_ALLOWED,
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
} from '@lab4/report/testing'
import { cli, latest, sandbox, type Outcome } from './harness.ts'

const box = sandbox('hand-in')
const folder = join(mkdtempSync(join(tmpdir(), 'lab4-course-')), 'lab4')
let lab: Outcome
const report: Record<'ru' | 'en', Outcome | undefined> = { ru: undefined, en: undefined }

beforeAll(async () => {
  lab = await cli('lab', ['--simulate'], box)
  const run = latest(box).dir
  report.ru = await cli('report', ['--run', run, '--out', folder], box)
  report.en = await cli('report', ['--run', run, '--out', folder, '--lang', 'en'], box)
}, 600_000)

const md = (lang: 'ru' | 'en') =>
  readFileSync(join(folder, lang === 'ru' ? 'lab4_report.md' : 'lab4_report.en.md'), 'utf8')
const pdf = (lang: 'ru' | 'en') => join(folder, lang === 'ru' ? 'lab4_report.pdf' : 'lab4_report.en.pdf')

describe('pnpm report --out <dir>/lab4', () => {
  it('writes the course folder: both languages side by side, images/, manifests/*.yaml', () => {
    // The report is written for any recorded run, passed or not (its findings say what failed).
    expect([0, 1], lab.stdout + lab.stderr).toContain(lab.code)
    for (const r of [report.ru, report.en]) expect(r?.code, `${r?.stdout}${r?.stderr}`).toBe(0)
    expect(readdirSync(folder).sort()).toEqual(
      expect.arrayContaining([
        'images',
        'lab4_report.en.md',
        'lab4_report.en.pdf',
        'lab4_report.md',
        'lab4_report.pdf',
        'manifests',
      ]),
    )
    expect(readdirSync(join(folder, 'manifests')).sort()).toEqual([
      'calicoctl.yaml',
      'frontend.yaml',
      'ippools.yaml',
      'policy-allow-http.yaml',
      'policy-deny.yaml',
    ])
    // The command names the file it wrote, inside the folder.
    expect(report.ru?.stdout).toContain(folder.split('/').slice(-2).join('/'))
  })

  it('starts each markdown with the course header block, and every relative link resolves inside the folder', () => {
    for (const lang of ['ru', 'en'] as const) {
      expect(md(lang).startsWith('University: ')).toBe(true)
      expect(relativeLinks(md(lang)).length).toBeGreaterThan(15)
      expect(brokenLinks(join(folder, lang === 'ru' ? 'lab4_report.md' : 'lab4_report.en.md'))).toEqual([])
    }
  })

  it('prints the PDF page count (at most 14) and warns about the header defaults', () => {
    for (const lang of ['ru', 'en'] as const) {
      const name = lang === 'ru' ? 'lab4_report.pdf' : 'lab4_report.en.pdf'
      const said = Number(
        new RegExp(`report: ${name.replace('.', '\\.')}: (\\d+) pages`).exec(report[lang]?.stdout ?? '')?.[1],
      )
      expect(said).toBe(pdfPages(pdf(lang)))
      expect(said).toBeLessThanOrEqual(14)
      expect(report[lang]?.stdout).toMatch(/warning: student\.author is still the default "Student Name"/)
      expect(report[lang]?.stdout).toMatch(/warning: student\.group is still the default "K0000"/)
    }
  })

  it.each(['ru', 'en'] as const)(
    '%s PDF: every IPv4, CIDR and pod name whole on a line; no emoji; no half-empty page',
    (lang) => {
      const text = pdfLayoutText(pdf(lang))
      const pods = [
        ...md(lang).matchAll(
          /(?<![\w.-])(frontend-[a-z0-9]+-[a-z0-9]{5}|coredns-[a-z0-9]+-[a-z0-9]{5}|calico-node-[a-z0-9]{5})(?![\w-])/g,
        ),
      ].map((m) => m[1] ?? '')
      const tokens = [...new Set([...ipv4Tokens(md(lang)), ...pods])]
      expect(tokens.length).toBeGreaterThan(15)
      expect(tokens.filter((t) => countWhole(text, t) === 0)).toEqual([])
      expect(emojiCodePoints(text)).toEqual([])
      const shares = blankShares(pdf(lang))
      expect(shares.slice(0, -1).filter((s) => s > 0.5)).toEqual([])
    },
  )

  it('Russian markdown: no English sentence outside code beyond the allowed terms', () => {
    const ru = md('ru')
    expect(englishRuns(ru.slice(ru.indexOf('\n# ')), RU_ALLOWED)).toEqual([])
  })

  it('every PNG carries the SIMULATED band and the SVG its text layer', () => {
    const images = readdirSync(join(folder, 'images'))
    const pngs = images.filter((f) => f.endsWith('.png'))
    expect(pngs.length).toBeGreaterThanOrEqual(24)
    const unmarked = pngs.filter((f) => {
      const png = readFileSync(join(folder, 'images', f))
      return !(bandShare(png) > 0.6 && bandHasText(png))
    })
    expect(unmarked).toEqual([])
    for (const svg of images.filter((f) => f.endsWith('.svg')))
      expect(readFileSync(join(folder, 'images', svg), 'utf8')).toMatch(
        /<g id="simulated-mark">.*SIMULATED — /,
      )
    expect(existsSync(join(folder, 'images', 'topology.svg'))).toBe(true)
  })
})
