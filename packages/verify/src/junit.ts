// `--junit <file>`: one <testsuite> per lab step, one <testcase> per check (classname = step id, name = check id).
// NOT-GRADABLE maps to <skipped>, not <error>: CI tools paint <error> red like a failure, and "we could not
// judge" must not read as "the lab is wrong". The verify exit code (2) still keeps an incomplete grade out of green.
import type { Status } from '@lab4/core'
import type { GradedCheck } from './grade.ts'
import { describeRef } from './print.ts'
import type { StepGroup, Verification } from './verification.ts'

export function toJunit(v: Verification, now: Date = new Date()): string {
  const count = (checks: readonly GradedCheck[], s: Status) => checks.filter((c) => c.status === s).length
  const totalSecs = v.groups.reduce((t, g) => t + (g.durationMs ?? 0), 0) / 1000
  const name = v.simulatedBanner ? 'lab4 verify (SIMULATED, graded as if real)' : 'lab4 verify'
  const root = attrs({
    name,
    tests: v.results.length,
    failures: v.summary.failed,
    errors: 0,
    skipped: v.summary.notGradable,
    time: secs(totalSecs),
    timestamp: now.toISOString(),
  })
  const suites = v.groups.map((g, i) => suite(v, g, i, count, now))
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${root}>\n${suites.join('')}</testsuites>\n`
}

function suite(
  v: Verification,
  g: StepGroup,
  index: number,
  count: (c: readonly GradedCheck[], s: Status) => number,
  now: Date,
): string {
  const head = attrs({
    name: g.id,
    tests: g.checks.length,
    failures: count(g.checks, 'FAIL'),
    errors: 0,
    skipped: count(g.checks, 'NOT-GRADABLE'),
    time: secs((g.durationMs ?? 0) / 1000),
    timestamp: now.toISOString(),
    id: String(index),
    package: 'lab4',
  })
  const props: Array<[string, string]> = [
    ['step.title', g.title],
    ['lab.items', g.labItems.join(',')],
    ['source.kind', v.source.kind],
    ['source.run', v.source.runId ?? ''],
    ['source.profile', v.source.profile],
    ['source.simulated', String(v.source.simulated)],
  ]
  const properties = `    <properties>\n${props.map(([n, val]) => `      <property ${attrs({ name: n, value: val })}/>\n`).join('')}    </properties>\n`
  const cases = g.checks.map(testcase).join('')
  const out = g.error ? `    <system-out>${text(`step error: ${g.error}`)}</system-out>\n` : ''
  return `  <testsuite ${head}>\n${properties}${cases}${out}  </testsuite>\n`
}

function testcase(c: GradedCheck): string {
  const head = attrs({ name: c.check, classname: c.step, time: '0' })
  const details = [
    `check: ${c.title}`,
    `expected: ${c.expected}`,
    `actual: ${c.actual}`,
    ...(c.hint ? [`hint: ${c.hint}`] : []),
    ...c.refs.map((r) => `judged on ${describeRef(r)}`),
  ].join('\n')
  if (c.status === 'FAIL') {
    const message = `expected ${c.expected}; got ${c.actual}`
    return `    <testcase ${head}>\n      <failure ${attrs({ message, type: 'FAIL' })}>${text(details)}</failure>\n    </testcase>\n`
  }
  if (c.status === 'NOT-GRADABLE') {
    const why = c.wouldBe
      ? `${c.cause}; would be ${c.wouldBe} on real evidence`
      : (c.cause ?? 'unknown cause')
    const message = `NOT-GRADABLE (${why}): ${c.actual}`
    return `    <testcase ${head}>\n      <skipped ${attrs({ message })}/>\n      <system-out>${text(details)}</system-out>\n    </testcase>\n`
  }
  return `    <testcase ${head}>\n      <system-out>${text(details)}</system-out>\n    </testcase>\n`
}

const secs = (n: number): string => n.toFixed(3)

function attrs(a: Record<string, string | number>): string {
  return Object.entries(a)
    .map(([k, val]) => `${k}="${attr(String(val))}"`)
    .join(' ')
}

// XML 1.0 forbids most control characters (kubectl output may carry ANSI escapes); show them as U+FFFD.
const clean = (s: string): string =>
  s.replace(/[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')

export const text = (s: string): string =>
  clean(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

export const attr = (s: string): string =>
  text(s).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;')
