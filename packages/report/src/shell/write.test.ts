// Browser tests: one Chromium for the file, as in `pnpm report`. Needs a Chrome/Chromium (resolveBrowser).
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openRenderer, type Renderer } from './browser.ts'
import { writeReport } from './write.ts'
import { pngSize } from '../render/png.ts'
import { TERMINAL_WIDTH, terminalHtml } from '../render/terminal.ts'
import { fixtureDir } from '../testing/fixtures.ts'

let r: Renderer
const dirs: string[] = []
const out = () => {
  const d = mkdtempSync(join(tmpdir(), 'lab4-report-'))
  dirs.push(d)
  return d
}
const hashes = (dir: string) =>
  Object.fromEntries(
    ['lab4_report.md', ...readdirSync(join(dir, 'images')).map((f) => `images/${f}`)].map((f) => [
      f,
      createHash('sha256')
        .update(readFileSync(join(dir, f)))
        .digest('hex'),
    ]),
  )
const pdfText = (file: string) =>
  execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ')

beforeAll(async () => {
  r = await openRenderer()
})
afterAll(async () => {
  await r?.close()
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

describe('writeReport with the browser', () => {
  it('writes byte-identical markdown, SVG and PNGs when run twice on the same record', async () => {
    const a = out()
    const b = out()
    await writeReport({ runDir: fixtureDir('run-good'), outDir: a, lang: 'ru', pdf: false, renderer: r })
    await writeReport({ runDir: fixtureDir('run-good'), outDir: b, lang: 'ru', pdf: false, renderer: r })
    const ha = hashes(a)
    expect(Object.keys(ha)).toContain('images/topology.svg')
    expect(Object.keys(ha).filter((f) => f.endsWith('.png')).length).toBeGreaterThanOrEqual(12)
    expect(hashes(b)).toEqual(ha)
  })

  it('draws terminal PNGs as wide as their output (at most TERMINAL_WIDTH), taller for longer output', async () => {
    const d = out()
    await writeReport({ runDir: fixtureDir('run-good'), outDir: d, lang: 'en', pdf: false, renderer: r })
    const size = (f: string) => pngSize(readFileSync(join(d, 'images', f)))
    const start = size('term-cluster-start.en.png')
    const labels = size('term-cluster-nodes-labels.en.png')
    expect(start.width).toBeLessThanOrEqual(TERMINAL_WIDTH)
    expect(labels.width).toBeLessThan(start.width)
    // 24 output lines against 3 (13 px × 1.45 per line): the window grows with the recorded text, nothing is cut.
    expect(start.height - labels.height).toBeGreaterThan(21 * 18)
    // A line longer than the widest window wraps onto more lines instead of being cut.
    const short = { argv: ['echo'], stdout: 'x'.repeat(40) + '\n', stderr: '', exitCode: 0 }
    const long = { ...short, stdout: 'x'.repeat(600) + '\n' }
    const wide = pngSize(await r.png(terminalHtml(long), TERMINAL_WIDTH))
    expect(wide.width).toBe(TERMINAL_WIDTH)
    expect(wide.height - pngSize(await r.png(terminalHtml(short), TERMINAL_WIDTH)).height).toBeGreaterThan(
      3 * 18,
    )
    expect(size('topology.en.png').width).toBe(1000)
  })

  it('writes English beside Russian without touching the Russian files', async () => {
    const d = out()
    await writeReport({ runDir: fixtureDir('run-good'), outDir: d, lang: 'ru', pdf: false, renderer: r })
    const ru = hashes(d)
    await writeReport({ runDir: fixtureDir('run-good'), outDir: d, lang: 'en', pdf: false, renderer: r })
    const both = hashes(d)
    for (const [f, h] of Object.entries(ru)) expect({ f, h: both[f] }).toEqual({ f, h })
    expect(Object.keys(both)).toContain('images/term-cluster-start.en.png')
    expect(readFileSync(join(d, 'lab4_report.en.md'), 'utf8')).toContain(
      '## 1. Cluster start and Calico check',
    )
  })

  it.each(['ru', 'en'] as const)(
    'renders a PDF (%s) whose text has the header, every step, the Q9 answer and ping statistics',
    async (lang) => {
      const d = out()
      await writeReport({ runDir: fixtureDir('run-good'), outDir: d, lang, pdf: true, renderer: r })
      const file = join(d, lang === 'ru' ? 'lab4_report.pdf' : 'lab4_report.en.pdf')
      const text = pdfText(file)
      for (const h of [
        'University: ITMO University',
        'Group: K4112c',
        'Author: Ivanov Ivan Ivanovich',
        'Lab: Lab4',
        'Date of create: 20.11.2025',
        'Date of finished: -',
      ])
        expect(text).toContain(h)
      const steps =
        lang === 'ru'
          ? [
              '1. Запуск кластера и проверка Calico',
              '2. Метки зон на узлах',
              '3. Calico IPAM: пулы адресов по зонам',
              '4. Deployment и Service',
              '5. Port-forward и страница в браузере',
              '6. Вопрос 9: меняются ли Container name и Container IP?',
              '7. Ping соседнего pod по DNS-имени',
              '8. CoreDNS',
            ]
          : [
              '1. Cluster start and Calico check',
              '2. Zone labels on the nodes',
              '3. Calico IPAM: one address pool per zone',
              '4. Deployment and Service',
              '5. Port-forward and the page in a browser',
              '6. Question 9: do Container name and Container IP change?',
              '7. Pinging the neighbour pod by DNS name',
              '8. CoreDNS',
            ]
      for (const s of steps) expect(text).toContain(s)
      expect(text).toContain(
        lang === 'ru'
          ? 'Ответ: нет, пока открыт один port-forward — не меняются.'
          : 'Answer: no, they do not change while one port-forward stays open.',
      )
      expect(text).toContain('3 packets transmitted, 3 packets received, 0% packet loss')
      expect(text).toContain(
        lang === 'ru'
          ? 'SIMULATED — симулятор, не данные настоящего кластера'
          : 'SIMULATED — not evidence from a real cluster',
      )
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' })
      expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/)
      expect(info).toMatch(/CreationDate:\s+Thu Nov 20 10:00:00 2025 UTC/)
      // Page numbers in the footer: "1 / N" on the first page.
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1])
      expect(text).toContain(`1 / ${pages}`)
    },
  )
})

describe('pngSize', () => {
  it('reads IHDR and rejects other bytes', () => {
    const png = readFileSync(join(fixtureDir('run-good'), 'artifacts', 'page-frontend-7c9d8f6b54-p8mzt.png'))
    expect(pngSize(png)).toEqual({ width: 640, height: 300 })
    expect(() => pngSize(Buffer.from('GIF89a....................'))).toThrow(/not a PNG/)
  })
})
