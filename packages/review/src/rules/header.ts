// The header block the course requires at the top of every report (reportdesign.md), and the simulator's mark.
import type { Finding } from '../types.ts'
import { type Rule, finding } from './finding.ts'

const FIELDS = [
  'University',
  'Faculty',
  'Course',
  'Year',
  'Group',
  'Author',
  'Lab',
  'Date of create',
  'Date of finished',
] as const
type Field = (typeof FIELDS)[number]

const FIELD_LINE = new RegExp(
  `^\\s*(?:>\\s*)?(?:[-*]\\s+)?(?:\\*\\*)?(${FIELDS.join('|')})(?:\\*\\*)?\\s*:\\s*(?:\\*\\*)?(.*?)(?:\\*\\*)?\\s*(?:\\\\|<br\\s*/?>)?\\s*$`,
  'i',
)
const PLACEHOLDER =
  /^(|[-–—?~]+|\.{2,}|…|x{2,}|k0000|student name|фио|фамилия.*|surname.*|name surname|<[^>]*>|\[[^\]]*\]\(\s*\)|tbd|tba|todo|n\/a|to be (added|filled|done)|dd\.mm\.yyyy)$/i
const DATE = /^(\d{2})\.(\d{2})\.(\d{4})$/
/** The header sits in the first lines; a long report mentioning "Lab:" further down is not a header. */
const HEADER_SPAN = 40

export const headerRule: Rule = (ctx) => {
  const found = new Map<Field, { n: number; value: string }>()
  for (const l of ctx.doc.lines.slice(0, HEADER_SPAN)) {
    const m = FIELD_LINE.exec(l.text)
    if (!m) continue
    const field = FIELDS.find((f) => f.toLowerCase() === (m[1] ?? '').toLowerCase())
    if (field && !found.has(field)) found.set(field, { n: l.n, value: (m[2] ?? '').trim() })
  }
  const out: Finding[] = []
  if (found.size === 0) {
    return [
      finding(ctx, {
        kind: 'header.missing',
        severity: 'warning',
        item: null,
        line: null,
        excerpt: '(no header block in the first lines)',
        message: 'the report does not begin with the course header block',
        hint: 'start the report with University, Faculty, Course, Year, Group, Author, Lab, Date of create and Date of finished, one per line',
      }),
    ]
  }
  const firstLine = Math.min(...[...found.values()].map((v) => v.n))
  for (const field of FIELDS) {
    const f = found.get(field)
    if (!f) {
      out.push(
        finding(ctx, {
          kind: 'header.missing-field',
          severity: 'warning',
          item: null,
          line: firstLine,
          excerpt: `(no "${field}:" line)`,
          message: `the header has no "${field}:" field`,
          hint: `add a line "${field}: …" to the header block`,
        }),
      )
      continue
    }
    if (field === 'Date of finished') {
      if (PLACEHOLDER.test(f.value))
        out.push(
          finding(ctx, {
            kind: 'header.date-finished',
            severity: 'note',
            item: null,
            line: f.n,
            message: `"Date of finished" is "${f.value || '(empty)'}": the report does not say when the lab was defended`,
            hint: 'write the date of the defence as DD.MM.YYYY once the lab is defended',
          }),
        )
      continue
    }
    if (PLACEHOLDER.test(f.value)) {
      out.push(
        finding(ctx, {
          kind: 'header.placeholder',
          severity: 'warning',
          item: null,
          line: f.n,
          message: `the header field "${field}" is a placeholder ("${f.value || '(empty)'}")`,
          hint: `fill in "${field}"`,
        }),
      )
      continue
    }
    if (field === 'Lab' && !/^lab\s*[_ -]?4$/i.test(f.value.replace(/\s+/g, ''))) {
      out.push(
        finding(ctx, {
          kind: 'header.wrong-lab',
          severity: 'error',
          item: null,
          line: f.n,
          message: `the header says "Lab: ${f.value}", not Lab4: the header was copied from another lab`,
          hint: 'write "Lab: Lab4"',
        }),
      )
    }
  }
  const created = dateOf(found.get('Date of create')?.value)
  const finished = dateOf(found.get('Date of finished')?.value)
  const fin = found.get('Date of finished')
  if (created !== undefined && finished !== undefined && finished < created && fin)
    out.push(
      finding(ctx, {
        kind: 'header.dates',
        severity: 'warning',
        item: null,
        line: fin.n,
        message: '"Date of finished" is before "Date of create"',
        hint: 'check both dates (DD.MM.YYYY)',
      }),
    )
  return out
}

function dateOf(v: string | undefined): number | undefined {
  const m = v ? DATE.exec(v) : null
  return m ? Number(`${m[3]}${m[2]}${m[1]}`) : undefined
}

/** `pnpm report` opens a write-up from the simulator with a bold SIMULATED banner (any language); such a report is not evidence. */
const SIMULATED_BANNER = /^\s*(>\s*)?\*\*SIMULATED\s+[—–-]+/

export const simulatedRule: Rule = (ctx) =>
  ctx.doc.lines
    .filter((l) => SIMULATED_BANNER.test(l.text))
    .slice(0, 1)
    .map((l) =>
      finding(ctx, {
        kind: 'evidence.simulated',
        severity: 'error',
        item: null,
        line: l.n,
        message: 'the write-up was generated from a simulated run: its outputs come from no real cluster',
        hint: 'run `pnpm lab` on minikube, then `pnpm report`, and hand in that report',
      }),
    )
