import { describe, expect, it } from 'vitest'
import { review } from '../review.ts'
import { fixture, input } from '../testing/fixture.ts'
import { renderText } from './text.ts'
import { REVIEW_SCHEMA, toReviewJson } from './json.ts'
import { toJunit } from './junit.ts'
import { gradebookCsv, gradebookHtml } from './gradebook.ts'

const seed = review(input(fixture('seed__lab4-report-seed.md')))
const now = new Date('2025-11-20T10:00:00.000Z')

describe('renderText', () => {
  const text = renderText(seed)
  it('groups by item with a verdict, and shows each finding as file:line with its excerpt and hint', () => {
    expect(text).toMatch(/^10 ping the neighbour by FQDN\s+problem$/m)
    expect(text).toMatch(/^ 2 Calico and the nodes checked\s+not checkable \(screenshots only\)$/m)
    expect(text).toContain('error   lab4/lab4_report.md:197  the section "Попингуем?" shows no ping at all')
    expect(text).toContain('│ ### Попингуем?')
    expect(text).toContain('hint: kubectl exec <pod> -- ping -c 4 <neighbour FQDN>')
    expect(text.trimEnd().split('\n').at(-1)).toBe(
      '14 findings: 1 error, 0 warnings, 13 notes · items: 1 ok, 1 problem, 9 not checkable · exit 1',
    )
  })
  it('colours only when asked', () => {
    expect(text).not.toContain('\u001b[')
    expect(renderText(seed, { color: true })).toContain('\u001b[31;1merror  \u001b[0m')
  })
})

describe('toReviewJson (lab4.review/v1)', () => {
  const j = toReviewJson(seed, { root: '/tmp/repo', now })
  it('has the documented top level', () => {
    expect(Object.keys(j)).toEqual([
      'schema',
      'tool',
      'generatedAt',
      'report',
      'exitCode',
      'summary',
      'items',
      'findings',
    ])
    expect(j).toMatchObject({
      schema: REVIEW_SCHEMA,
      generatedAt: '2025-11-20T10:00:00.000Z',
      exitCode: 1,
      report: { root: '/tmp/repo', file: 'lab4/lab4_report.md', lines: 205 },
    })
  })
  it('lists every finding with every field, and items refer to them by id', () => {
    for (const f of j.findings)
      expect(Object.keys(f)).toEqual([
        'id',
        'kind',
        'severity',
        'item',
        'file',
        'line',
        'excerpt',
        'message',
        'hint',
      ])
    const ids = new Set(j.findings.map((f) => f.id))
    expect(j.items.flatMap((i) => i.findings).every((id) => ids.has(id))).toBe(true)
    expect(j.items.flatMap((i) => i.findings)).toHaveLength(j.findings.length)
    expect(j.items[10]).toMatchObject({ item: 10, verdict: 'problem', evidence: 'none' })
  })
})

describe('toJunit', () => {
  const xml = toJunit(seed, now)
  it('one testcase per item: problem is a failure, not checkable is skipped', () => {
    expect(xml.match(/<testcase /g)).toHaveLength(11)
    expect(xml).toContain('<testsuites name="lab4 review" tests="11" failures="1" errors="0" skipped="9">')
    expect(xml).toMatch(
      /<testcase classname="review\.item10" name="item 10: ping the neighbour by FQDN" time="0">\n\s+<failure type="error"/,
    )
    expect(xml).toMatch(
      /<testcase classname="review\.item2"[^>]*>\n\s+<skipped message="item 2 is shown only as screenshots/,
    )
  })
  it('escapes what the report wrote', () => {
    expect(xml).not.toMatch(/<[^/?!a-z]/)
    expect(xml).toContain('&lt;pod&gt;')
  })
})

describe('gradebook', () => {
  const rows = [
    { student: 'anatoliy', review: seed },
    { student: 'nobody', review: undefined, problem: 'no Lab 4 report in nobody' },
  ]
  it('CSV: one row per student, one column per item', () => {
    const csv = gradebookCsv(rows).trimEnd().split('\n')
    expect(csv[0]).toBe(
      'student,report,exit,errors,warnings,notes,header,item1,item2,item3,item4,item5,item6,item7,item8,item9,item10',
    )
    expect(csv[1]).toBe(
      'anatoliy,lab4/lab4_report.md,1,1,0,13,ok,not checkable,not checkable,not checkable,not checkable,not checkable,not checkable,not checkable,not checkable,not checkable,problem',
    )
    expect(csv[2]?.startsWith('nobody,,2,')).toBe(true)
  })
  it('HTML: self-contained, every cell links to an anchor that exists', () => {
    const html = gradebookHtml(rows, { title: 'K4111c', generatedAt: now.toISOString() })
    expect(html).not.toMatch(/<(script|link|img)[^>]*(src|href)=["']?https?:/)
    const links = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1])
    const ids = new Set([...html.matchAll(/id="([^"]+)"/g)].map((m) => m[1]))
    expect(links.length).toBeGreaterThan(20)
    expect(links.filter((l) => !ids.has(l))).toEqual([])
  })
})
