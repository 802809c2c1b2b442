// How preflight reads on the terminal: every problem with its fix, warnings the same way, one line when all is well.
import type { PreflightResult } from '../preflight.ts'
import type { Item } from './driver.ts'

const list = (mark: string, items: readonly Item[]) =>
  items.map((i) => `  ${mark} ${i.what}\n    fix: ${i.fix}`).join('\n')

/** The message of the usage error (exit 2) that stops the lab before it starts anything. */
export function formatPreflightFailure(r: PreflightResult): string {
  const n = r.problems.length
  return [
    `preflight found ${n} problem${n === 1 ? '' : 's'}; nothing was started or changed:`,
    list('✗', r.problems),
    ...(r.warnings.length ? [list('!', r.warnings)] : []),
  ].join('\n')
}

/** What a passing preflight prints before the steps: what it found, and any warnings. */
export function formatPreflightPass(r: PreflightResult, ms: number): string {
  const line = `preflight ✔ ${r.seen.join(' · ')} (${(ms / 1000).toFixed(1)}s)`
  return r.warnings.length ? `${line}\n${list('!', r.warnings)}` : line
}
