// `--junit`: one <testcase> per lab item (and one for the header): a problem is a <failure>, "not checkable" is
// <skipped> (the tool could not judge it; that is not a failure of the lab), notes go to <system-out>.
import type { Finding, Review } from '../types.ts'

const esc = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[ch] ?? ch,
  )
// XML 1.0 has no place for most control characters (terminal colours pasted into a report).
// eslint-disable-next-line no-control-regex -- these are exactly the characters XML 1.0 forbids
const text = (s: string) => esc(s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ''))
const attrs = (o: Record<string, string | number>) =>
  Object.entries(o)
    .map(([k, v]) => `${k}="${text(String(v))}"`)
    .join(' ')

const line = (f: Finding) =>
  `${f.severity} ${f.line === null ? f.file : `${f.file}:${f.line}`} [${f.kind}] ${f.message}\n  hint: ${f.hint}`

export function toJunit(r: Review, now: Date = new Date()): string {
  const failures = r.items.filter((v) => v.verdict === 'problem').length
  const skipped = r.items.filter((v) => v.verdict === 'not checkable').length
  const cases = r.items.map((v) => {
    const name = v.item === null ? `header: ${v.title}` : `item ${v.item}: ${v.title}`
    const head = `    <testcase ${attrs({ classname: `review.${v.item === null ? 'header' : `item${v.item}`}`, name, time: 0 })}>`
    const serious = v.findings.filter((f) => f.severity !== 'note')
    const notes = v.findings.filter((f) => f.severity === 'note')
    const body: string[] = []
    if (v.verdict === 'problem') {
      const first = serious[0] as Finding
      body.push(
        `      <failure ${attrs({ type: first.severity, message: first.message })}>${text(serious.map(line).join('\n'))}</failure>`,
      )
    } else if (v.verdict === 'not checkable') {
      body.push(
        `      <skipped ${attrs({ message: notes[0]?.message ?? `item ${v.item} is not shown as text` })}/>`,
      )
    }
    if (notes.length) body.push(`      <system-out>${text(notes.map(line).join('\n'))}</system-out>`)
    return body.length ? `${head}\n${body.join('\n')}\n    </testcase>` : `${head}</testcase>`
  })
  const suite = attrs({
    name: r.file,
    tests: r.items.length,
    failures,
    errors: 0,
    skipped,
    time: 0,
    timestamp: now.toISOString(),
  })
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites ${attrs({ name: 'lab4 review', tests: r.items.length, failures, errors: 0, skipped })}>\n  <testsuite ${suite}>\n${cases.join('\n')}\n  </testsuite>\n</testsuites>\n`
}
