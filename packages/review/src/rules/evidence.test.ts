import { describe, expect, it } from 'vitest'
import { review } from '../review.ts'
import { context } from '../facts/context.ts'
import { q9AnswerLine } from './evidence.ts'
import { fenced, fixture, generatedReport, input, lineOf, md, ofKind } from '../testing/fixture.ts'

const seedText = fixture('seed__lab4-report-seed.md')
const seed = review(input(seedText))

describe('evidence: what an item rests on', () => {
  it('evidence.command-only: commands shown without output (seed: the one-line minikube start, the label commands)', () => {
    expect(ofKind(seed, 'evidence.command-only').map((f) => [f.item, f.line])).toEqual([
      [1, 87],
      [4, 103],
    ])
  })

  it('evidence.screenshots-only names the screenshots of the item (seed item 5: three of them)', () => {
    const [f] = ofKind(seed, 'evidence.screenshots-only').filter((x) => x.item === 5)
    expect(f?.message).toContain('(delete_default_ippool, create_ippools, ippools)')
  })

  it("evidence.missing: an item nothing shows (DeerHolt's ping outputs alone show no node check)", () => {
    const r = review(input(md(fenced('DeerHolt__exec-sh-ping-ip-both-ways.txt'))))
    expect(ofKind(r, 'evidence.missing').map((f) => f.item)).toEqual([1, 2, 3, 4, 5, 6, 7, 8])
    expect(r.items.find((v) => v.item === 2)).toMatchObject({ verdict: 'not checkable', evidence: 'none' })
  })

  it("evidence.lab1-leftover: lab 1's port 8200 (seed, lines 191 and 193)", () => {
    expect(ofKind(seed, 'evidence.lab1-leftover').map((f) => [f.item, f.line, f.severity])).toEqual([
      [8, 191, 'note'],
      [8, 193, 'note'],
    ])
  })

  it.each(['ru', 'en'] as const)(
    'evidence.simulated (%s): the banner under the title of a write-up from the simulator',
    (lang) => {
      const text = generatedReport(lang)
      expect(ofKind(review(input(text)), 'evidence.simulated')).toMatchObject([
        { severity: 'error', line: lineOf(text, '> **SIMULATED') },
      ])
    },
  )

  it('evidence.simulated: the word SIMULATED in prose is not the banner', () => {
    expect(
      ofKind(review(input(md('Our report is not SIMULATED - it ran on minikube.'))), 'evidence.simulated'),
    ).toEqual([])
  })

  it("q9.no-answer in the seed; the generated report's answer is found under its question", () => {
    expect(ofKind(seed, 'q9.no-answer')).toMatchObject([{ severity: 'note', item: 9, line: null }])
    const text = generatedReport()
    const r = review(input(text))
    expect(ofKind(r, 'q9.no-answer')).toEqual([])
    expect(r.items.find((v) => v.item === 9)).toMatchObject({ verdict: 'ok', evidence: 'text' })
    expect(q9AnswerLine(context(input(text)))).toBe(
      lineOf(text, '**Ответ: нет, пока открыт один port-forward'),
    )
  })
})
