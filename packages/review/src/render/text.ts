// The human list: one block per lab item with its verdict, then its findings as `file:line` a terminal can open.
import type { Finding, ItemVerdict, Review } from '../types.ts'

const paint = (on: boolean) => (code: string, s: string) => (on ? `\u001b[${code}m${s}\u001b[0m` : s)

export function summaryLine(r: Review): string {
  const s = r.summary
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`
  return `${plural(r.findings.length, 'finding')}: ${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.notes, 'note')} · items: ${s.ok} ok, ${s.problem} problem, ${s.notCheckable} not checkable`
}

export function renderText(r: Review, opts: { color?: boolean } = {}): string {
  const c = paint(Boolean(opts.color))
  const sev = (f: Finding) =>
    f.severity === 'error'
      ? c('31;1', 'error  ')
      : f.severity === 'warning'
        ? c('33', 'warning')
        : c('36', 'note   ')
  const verdict = (v: ItemVerdict) =>
    v.verdict === 'ok'
      ? c('32', 'ok')
      : v.verdict === 'problem'
        ? c('31;1', 'problem')
        : c('33', 'not checkable')
  const out: string[] = [
    `review: ${r.file} (${r.lines} lines${r.manifests.length ? `; manifests: ${r.manifests.join(', ')}` : ''})`,
    '',
  ]
  for (const v of r.items) {
    const label = v.item === null ? '   ' : String(v.item).padStart(2) + ' '
    out.push(
      `${label}${v.title.padEnd(44, ' ')} ${verdict(v)}${v.verdict === 'not checkable' ? c('2', ` (${evidenceWords(v)})`) : ''}`,
    )
    for (const f of v.findings) {
      out.push(
        `     ${sev(f)} ${c('1', f.line === null ? f.file : `${f.file}:${f.line}`)}  ${f.message} ${c('2', `[${f.kind}]`)}`,
      )
      if (f.excerpt) out.push(`             ${c('2', `│ ${f.excerpt}`)}`)
      out.push(`             hint: ${f.hint}`)
    }
  }
  out.push('', `${summaryLine(r)} · exit ${r.exitCode}`)
  return `${out.join('\n')}\n`
}

const evidenceWords = (v: ItemVerdict): string =>
  v.evidence === 'screenshots'
    ? 'screenshots only'
    : v.evidence === 'commands'
      ? 'commands without output'
      : 'not shown'
