// One way to write a finding: where (file, line, excerpt), what, how bad, which item, and what to do.
import type { Finding, ItemOrForm, Severity } from '../types.ts'
import type { Ctx } from '../facts/context.ts'

export type Rule = (ctx: Ctx) => Finding[]

const clip = (s: string, max = 160): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s)

export function finding(
  ctx: Ctx,
  f: {
    kind: string
    severity: Severity
    item: ItemOrForm
    line: number | null
    message: string
    hint: string
    /** Defaults to the text of `line` in the report. */
    excerpt?: string
    /** Defaults to the report. */
    file?: string
  },
): Finding {
  const file = f.file ?? ctx.file
  const fromFile = (n: number) =>
    file === ctx.file
      ? ctx.text(n)
      : (ctx.manifests.find((m) => m.file === file)?.lines[n - 1]?.text ?? '').trim()
  const excerpt = f.excerpt ?? (f.line === null ? '' : fromFile(f.line))
  return {
    kind: f.kind,
    severity: f.severity,
    item: f.item,
    file,
    line: f.line,
    excerpt: clip(excerpt.trim()),
    message: f.message,
    hint: f.hint,
  }
}
