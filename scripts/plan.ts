// `pnpm lab --plan`: every step, command (argv) and manifest, computed from the config alone.
import { type LabConfig, type Step, formatArgv } from '@lab4/core'

export function renderPlan(steps: readonly Step[], config: LabConfig): string {
  const out: string[] = [
    `Plan for profile "${config.profile}" (${steps.length} steps). Nothing has been run.`,
    '',
  ]
  steps.forEach((step, i) => {
    out.push(`${i + 1}. ${step.id}: ${step.title}  [lab items ${step.labItems.join(', ')}]`)
    for (const item of step.plan(config)) {
      switch (item.kind) {
        case 'command':
          out.push(`   $ ${formatArgv(item.argv)}${item.stdin !== undefined ? '  < (stdin below)' : ''}`)
          out.push(`     ${item.why}${item.when ? ` (when: ${item.when})` : ''}`)
          break
        case 'manifest':
          out.push(`   manifest ${item.path}: ${item.why}`)
          out.push(
            ...item.yaml
              .trimEnd()
              .split('\n')
              .map((l) => `     | ${l}`),
          )
          break
        case 'wait':
          out.push(`   wait: ${item.condition} (up to ${item.timeoutS}s)`)
          break
        case 'note':
          out.push(`   note: ${item.text}`)
          break
        default:
          item satisfies never
      }
    }
    if (step.checks.length > 0) out.push(`   checks: ${step.checks.map((c) => c.id).join(', ')}`)
    out.push('')
  })
  return out.join('\n')
}
