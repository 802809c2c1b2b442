import { describe, expect, it } from 'vitest'
import { review } from '../review.ts'
import { fenced, fixture, input, lineOf, ofKind } from '../testing/fixture.ts'

const seed = fixture('seed__lab4-report-seed.md')
const header = seed.split('\n').slice(0, 9).join('\n')

describe('header and form', () => {
  it('header.date-finished: "Date of finished: -" in the seed, on its line 9', () => {
    expect(ofKind(review(input(seed)), 'header.date-finished')).toMatchObject([
      { severity: 'note', item: null, line: 9, excerpt: 'Date of finished: -' },
    ])
  })

  it('header.wrong-lab: the header copied from lab 2 (kairoslav\'s "Lab: Lab2")', () => {
    const text = `${header.replace('Lab: Lab4', 'Lab: Lab2')}\n`
    expect(ofKind(review(input(text)), 'header.wrong-lab')).toMatchObject([
      { severity: 'error', line: lineOf(text, 'Lab: Lab2') },
    ])
  })

  it('header.missing-field and header.placeholder: a field left out, a field left empty', () => {
    const text = `${header.replace(/^Group: .*\n/m, '').replace(/^Author: .*$/m, 'Author: ')}\n`
    const r = review(input(text))
    expect(ofKind(r, 'header.missing-field')).toMatchObject([
      { severity: 'warning', excerpt: '(no "Group:" line)' },
    ])
    expect(ofKind(r, 'header.placeholder')).toMatchObject([
      { severity: 'warning', line: lineOf(text, 'Author:') },
    ])
  })

  it('header.dates: finished before created', () => {
    const text = `${header.replace('Date of finished: -', 'Date of finished: 01.10.2022')}\n`
    expect(ofKind(review(input(text)), 'header.dates')).toMatchObject([{ severity: 'warning', line: 9 }])
  })

  it('header.missing: a report that starts with outputs', () => {
    expect(ofKind(review(input(fenced('sanchpet__get-nodes.txt'))), 'header.missing')).toMatchObject([
      { severity: 'warning', line: null },
    ])
  })

  it('a complete header gives no header finding but the date note', () => {
    const kinds = review(input(seed))
      .findings.filter((f) => f.item === null)
      .map((f) => f.kind)
    expect(kinds).toEqual(['header.date-finished'])
  })
})
