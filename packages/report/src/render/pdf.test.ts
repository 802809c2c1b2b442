import { describe, expect, it } from 'vitest'
import { pdfDate, pdfHtml, pinPdfDates, pageTemplates, SIMULATED_MARK } from './pdf.ts'

describe('pinPdfDates', () => {
  const pdf = Buffer.from(
    "%PDF-1.4\n1 0 obj\n<</Producer (Skia/PDF m156)\n/CreationDate (D:20260101123456+00'00')\n/ModDate (D:20260101123456+00'00')>>\nendobj\nxref\n",
    'latin1',
  )
  it('rewrites both dates to the run start without changing the length', () => {
    const out = pinPdfDates(pdf, '2025-11-20T10:00:00.000Z')
    expect(out.length).toBe(pdf.length)
    expect(out.toString('latin1')).toContain("/CreationDate (D:20251120100000+00'00')")
    expect(out.toString('latin1')).toContain("/ModDate (D:20251120100000+00'00')")
  })
  it('refuses a date form it cannot replace in place', () => {
    expect(() => pinPdfDates(Buffer.from('/CreationDate (D:2026)'), '2025-11-20T10:00:00.000Z')).toThrow(
      /unexpected form/,
    )
  })
  it('formats the run time in UTC', () =>
    expect(pdfDate('2025-01-02T03:04:05.000Z')).toBe("D:20250102030405+00'00'"))
})

describe('pdfHtml', () => {
  const md =
    '# Title\n\n## One\n\n![t](images/a.png)\n\n<details><summary>x</summary>\n\n```\nlong\n```\n\n</details>\n\n## Two\n\n![d](images/topology.svg)\n'
  const html = pdfHtml(
    md,
    'en',
    new Map([
      ['images/a.png', Buffer.from('PNG')],
      ['images/topology.png', Buffer.from('TOPO')],
    ]),
    new Map([['images/topology.svg', 'images/topology.png']]),
  )
  it('inlines images, using the PNG stand-in for the SVG', () => {
    expect(html).toContain(`src="data:image/png;base64,${Buffer.from('PNG').toString('base64')}"`)
    expect(html).toContain(`src="data:image/png;base64,${Buffer.from('TOPO').toString('base64')}"`)
  })
  it('adds a table of contents after the title and opens details', () => {
    expect(html).toMatch(
      /<\/h1>\n<nav class="toc"><div class="toc-title">Contents<\/div><ul><li><a href="#s1">One<\/a><\/li><li><a href="#s2">Two<\/a><\/li><\/ul><\/nav>/,
    )
    expect(html).toContain('<details open>')
    expect(html).toContain('<h2 id="s2">Two</h2>')
  })
  it('puts the simulated mark on every page header and footer', () => {
    const t = pageTemplates(
      {
        simulated: true,
        run: { id: 'r1' } as never,
        header: { author: 'A', group: 'G' } as never,
      },
      'en',
    )
    expect(t.headerTemplate).toContain(SIMULATED_MARK)
    expect(t.footerTemplate).toContain(SIMULATED_MARK)
    expect(t.footerTemplate).toContain('class="pageNumber"')
    expect(
      pageTemplates({
        simulated: false,
        run: { id: 'r1' } as never,
        header: { author: 'A', group: 'G' } as never,
      }).headerTemplate,
    ).not.toContain(SIMULATED_MARK)
  })
})
