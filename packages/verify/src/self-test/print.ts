// The self-test report: what each mutation turned red, then for every check whether it can fail at all.
import type { SelfTestResult } from './orchestrate.ts'

export function printSelfTest(r: SelfTestResult, opts: { color?: boolean; where?: string } = {}): string {
  const paint = opts.color
    ? (code: string, text: string) => `\x1b[${code}m${text}\x1b[0m`
    : (_c: string, text: string) => text
  const ok = paint('32', '✔')
  const bad = paint('31', '✖')
  const out: string[] = [`lab4 verify --self-test${opts.where ? ` · ${opts.where}` : ''}`]

  if (r.mutations.length === 0 && r.stopped) {
    out.push(`${bad} not run: ${r.stopped}`)
    return out.join('\n') + '\n'
  }

  out.push('', paint('1', 'Mutations'))
  for (const m of r.mutations) {
    out.push(`${m.ok ? ok : bad} ${m.id}: ${m.description}`)
    out.push(`    targets: ${m.targets.join(', ') || '(none)'}`)
    out.push(
      `    turned red: ${m.red.map((x) => `${x.check} (${x.status === 'FAIL' ? 'FAIL' : `N/G ${x.cause ?? ''}`.trim()})`).join(', ') || 'nothing'}`,
    )
    if (m.missed.length) out.push(`    ${bad} stayed green although targeted: ${m.missed.join(', ')}`)
    if (m.unknown.length) out.push(`    ${bad} targets that name no check or step: ${m.unknown.join(', ')}`)
    if (m.applyError) out.push(`    ${bad} apply: ${m.applyError}`)
    if (m.restoreError) out.push(`    ${bad} restore: ${m.restoreError}`)
    if (m.stillRed.length) out.push(`    ${bad} still red after restore: ${m.stillRed.join(', ')}`)
    else if (m.untouched) out.push('    restored: nothing to restore (no command changed the cluster)')
    else if (!m.restoreError) out.push('    restored: all checks green again')
  }
  if (r.stopped) out.push(`${bad} stopped: ${r.stopped}`)

  out.push('', paint('1', 'Can each check fail?'))
  const width = Math.max(0, ...r.coverage.map((c) => c.check.length))
  for (const c of r.coverage) {
    const by = c.redBy.map((id) => (c.failedBy.includes(id) ? id : `${id} (N/G)`)).join(', ')
    const verdict = c.redBy.length
      ? `${ok} yes: ${by}`
      : `${bad} DEFECT: cannot be made to fail (no mutation turned it red)`
    out.push(`  ${c.check.padEnd(width)}  ${verdict}`)
  }

  const behaved = r.mutations.filter((m) => m.ok).length
  const canFail = r.coverage.length - r.defects.length
  const line = `${behaved}/${r.mutations.length} mutations behaved, ${canFail}/${r.coverage.length} checks can fail, ${r.defects.length} defect${r.defects.length === 1 ? '' : 's'}`
  out.push('', paint(r.exitCode === 0 ? '32' : '31', line))
  return out.join('\n') + '\n'
}
