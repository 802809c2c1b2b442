// The grader's checklist as text: problems first, then every check by lab step, then the summary line.
import { formatArgv, type Status } from '@lab4/core'
import type { EvidenceRef, GradedCheck } from './grade.ts'
import type { Source, StepGroup, Verification } from './verification.ts'

export type PrintOptions = { readonly color?: boolean }

type Paint = (code: string, text: string) => string

const LABEL: Record<Status, string> = { PASS: 'PASS', FAIL: 'FAIL', 'NOT-GRADABLE': 'N/G ' }
const COLOR: Record<Status, string> = { PASS: '32', FAIL: '31', 'NOT-GRADABLE': '33' }
const PAD = '       '
const RUN_WIDE: readonly string[] = ['no-cluster', 'simulated']

export function printVerification(v: Verification, opts: PrintOptions = {}): string {
  const paint: Paint = opts.color ? (code, text) => `\x1b[${code}m${text}\x1b[0m` : (_c, text) => text
  const out: string[] = [header(v.source)]
  if (v.simulatedBanner) {
    out.push(
      paint(
        '1;35',
        'SIMULATED: this run came from the simulator and is graded as if real (--allow-simulated). It tests the grader; it is not evidence about a cluster.',
      ),
    )
  }
  if (v.source.truncated)
    out.push(
      paint(
        '33',
        'note: the journal ends in a torn line (the run was killed); checks see everything before it.',
      ),
    )
  if (v.results.length === 0) out.push('', 'No checks to grade: the step catalogue is empty.')

  const problems = v.results.filter((r) => r.status !== 'PASS')
  if (problems.length > 0) {
    out.push('', paint('1', `Problems (${problems.length})`))
    const byId = new Map(v.groups.map((g) => [g.id, g]))
    // A cause that covers the whole run (no cluster, simulator) is said once, not once per check.
    for (const cause of RUN_WIDE) {
      const same = problems.filter((r) => r.cause === cause)
      if (same.length === 0) continue
      out.push(
        `  ${paint(COLOR['NOT-GRADABLE'], LABEL['NOT-GRADABLE'])} ${same.length} check${same.length === 1 ? '' : 's'} (${cause}): ${same[0]?.actual && cause === 'no-cluster' ? same[0].actual : 'the evidence comes from the simulator'}`,
      )
      out.push(`${PAD}hint:     ${same[0]?.hint ?? ''}`)
    }
    // A hint many checks share is written out once; later checks point back to the first.
    const hintOwner = new Map<string, string>()
    for (const r of problems.filter((x) => !RUN_WIDE.includes(x.cause ?? 'missing-evidence'))) {
      const first = r.hint ? hintOwner.get(r.hint) : undefined
      if (r.hint && !first) hintOwner.set(r.hint, r.check)
      out.push(...checkLines(r, paint, byId.get(r.step), first))
    }
  }

  if (v.groups.length > 0) out.push('', paint('1', 'Checklist'))
  for (const g of v.groups) {
    out.push(paint('1', `${items(g.labItems)}${g.id}: ${g.title}`))
    if (g.error) out.push(`  ${paint('31', '!')} step error: ${g.error.split('\n')[0]}`)
    // A problem's details are under Problems already: the checklist gives it one line.
    for (const r of g.checks)
      out.push(...(r.status === 'PASS' ? checkLines(r, paint) : [statusLine(r, paint)]))
  }
  out.push('', summaryLine(v, paint))
  return out.join('\n') + '\n'
}

function header(s: Source): string {
  const what =
    s.kind === 'live' ? (s.runId ? `live collect, run ${s.runId}` : 'live') : `recorded run ${s.runId ?? '?'}`
  const detail = [
    s.runMode && s.kind === 'recorded' ? `mode ${s.runMode}` : '',
    s.startedAt ? `started ${s.startedAt}` : '',
    s.simulated ? 'simulated' : '',
  ]
    .filter(Boolean)
    .join(', ')
  return `lab4 verify · ${what}${detail ? ` (${detail})` : ''} · profile ${s.profile}`
}

const items = (labItems: readonly number[]): string =>
  labItems.length ? `[item${labItems.length > 1 ? 's' : ''} ${labItems.join(', ')}] ` : ''

const statusLine = (r: GradedCheck, paint: Paint, where = ''): string =>
  `  ${paint(COLOR[r.status], LABEL[r.status])} ${r.check}: ${r.title}${statusNote(r)}${where}`

/** `sameHintAs`: the check whose identical hint was printed above, so this one only names it. */
function checkLines(r: GradedCheck, paint: Paint, group?: StepGroup, sameHintAs?: string): string[] {
  const where = group ? ` · ${items(group.labItems)}${group.id}` : ''
  const lines = [statusLine(r, paint, where)]
  if (r.status === 'PASS') {
    lines.push(
      `${PAD}${r.actual}${r.expected && r.expected !== r.actual ? paint('2', ` (expected: ${r.expected})`) : ''}`,
    )
  } else {
    lines.push(`${PAD}expected: ${r.expected}`, `${PAD}actual:   ${r.actual}`)
    if (r.hint)
      lines.push(`${PAD}hint:     ${sameHintAs ? paint('2', `the same as for ${sameHintAs} above`) : r.hint}`)
  }
  if (r.recorded)
    lines.push(
      `${PAD}${paint('33', `note: the run itself recorded ${r.recorded}; re-graded from its evidence as ${r.wouldBe ?? r.status}`)}`,
    )
  for (const ref of r.refs) lines.push(`${PAD}${paint('2', `judged on ${describeRef(ref)}`)}`)
  return lines
}

function statusNote(r: GradedCheck): string {
  if (r.status !== 'NOT-GRADABLE') return ''
  if (r.wouldBe) return ` (${r.cause}; would be ${r.wouldBe} on real evidence)`
  return r.cause ? ` (${r.cause})` : ''
}

export function describeRef(ref: EvidenceRef): string {
  switch (ref.kind) {
    case 'command':
      return `${ref.id} \`${formatArgv(ref.argv)}\` (exit ${ref.exitCode ?? 'killed'})`
    case 'observation':
      return `${ref.id} observation ${ref.key}`
    case 'artifact':
      return `${ref.id} artifact ${ref.key} (${ref.path})`
    case 'unknown':
      return `${ref.id} (not in the journal)`
  }
}

function summaryLine(v: Verification, paint: Paint): string {
  const s = v.summary
  const code =
    s.failed > 0
      ? COLOR.FAIL
      : s.notGradable > 0 || v.results.length === 0
        ? COLOR['NOT-GRADABLE']
        : COLOR.PASS
  return paint(code, s.line)
}
