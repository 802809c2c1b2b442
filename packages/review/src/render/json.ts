// `--json`: the review as one document, schema `lab4.review/v1` (docs/review-json.md). No field is ever left out.
import { TOOL } from '@lab4/core'
import type { Review } from '../types.ts'
import { summaryLine } from './text.ts'

export const REVIEW_SCHEMA = 'lab4.review/v1'

export type ReviewJson = ReturnType<typeof toReviewJson>

export function toReviewJson(r: Review, opts: { root: string; now?: Date }) {
  const ids = new Map(r.findings.map((f, i) => [f, `f${i + 1}`]))
  return {
    schema: REVIEW_SCHEMA,
    tool: { name: TOOL.name, version: TOOL.version },
    generatedAt: (opts.now ?? new Date()).toISOString(),
    report: { root: opts.root, file: r.file, lines: r.lines, manifests: [...r.manifests] },
    exitCode: r.exitCode,
    summary: {
      errors: r.summary.errors,
      warnings: r.summary.warnings,
      notes: r.summary.notes,
      items: { ok: r.summary.ok, problem: r.summary.problem, notCheckable: r.summary.notCheckable },
      line: summaryLine(r),
    },
    items: r.items.map((v) => ({
      item: v.item,
      title: v.title,
      verdict: v.verdict,
      evidence: v.evidence,
      findings: v.findings.map((f) => ids.get(f) ?? ''),
    })),
    findings: r.findings.map((f) => ({
      id: ids.get(f) ?? '',
      kind: f.kind,
      severity: f.severity,
      item: f.item,
      file: f.file,
      line: f.line,
      excerpt: f.excerpt,
      message: f.message,
      hint: f.hint,
    })),
  }
}

export const stringifyReviewJson = (r: Review, opts: { root: string; now?: Date }): string =>
  `${JSON.stringify(toReviewJson(r, opts), null, 2)}\n`
