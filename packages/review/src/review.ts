// The pure core: a write-up (and the manifests beside it) in, findings and a verdict per lab item out.
import type { Finding, Item, ItemOrForm, ItemVerdict, Review, ReviewInput } from './types.ts'
import { ITEMS } from './types.ts'
import { context } from './facts/context.ts'
import { titleOf } from './items.ts'
import type { Rule } from './rules/finding.ts'
import { headerRule, simulatedRule } from './rules/header.ts'
import { calicoReadyRule, nodesRule, startRule } from './rules/cluster.ts'
import { labelRule, nodeNamesRule, strayHeaderRule } from './rules/labels.ts'
import { calicoctlVersionRule, crdPoolRule, defaultPoolRule, poolRangeRule } from './rules/pools.ts'
import { podIpRule as podInPoolRule } from './rules/ipam.ts'
import { serviceRule, workloadRule } from './rules/app.ts'
import { pingRule } from './rules/ping.ts'
import { ageRule, formatRule, manifestRule, podIpRule, versionRule } from './rules/consistency.ts'
import {
  type ItemEvidence,
  evidenceFindings,
  itemEvidence,
  leftoverFindings,
  q9AnswerLine,
  q9Findings,
} from './rules/evidence.ts'

/** Every rule, in the order their findings are listed within an item. */
export const RULES: readonly Rule[] = [
  simulatedRule,
  headerRule,
  startRule,
  nodesRule,
  calicoReadyRule,
  labelRule,
  nodeNamesRule,
  strayHeaderRule,
  calicoctlVersionRule,
  poolRangeRule,
  defaultPoolRule,
  crdPoolRule,
  podInPoolRule,
  workloadRule,
  serviceRule,
  pingRule,
  ageRule,
  podIpRule,
  formatRule,
  versionRule,
  manifestRule,
]

const RANK = { error: 0, warning: 1, note: 2 } as const
const order = (a: Finding, b: Finding) =>
  (a.item ?? 0) - (b.item ?? 0) ||
  (a.file === b.file ? 0 : a.file < b.file ? -1 : 1) ||
  (a.line ?? Infinity) - (b.line ?? Infinity) ||
  RANK[a.severity] - RANK[b.severity]

export function review(input: ReviewInput): Review {
  const ctx = context(input)
  const found = RULES.flatMap((r) => r(ctx))
  const q9 = q9AnswerLine(ctx)
  const evidence = itemEvidence(ctx, q9)
  found.push(...q9Findings(ctx, q9), ...leftoverFindings(ctx))
  found.push(...evidenceFindings(ctx, evidence, found))
  const findings = dedupe(found).sort(order)
  const items: ItemVerdict[] = [null, ...ITEMS].map((item) => verdictOf(item, findings, evidence))
  const count = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length
  const errors = count('error')
  return {
    file: input.file,
    manifests: input.manifests.map((m) => m.file),
    lines: ctx.doc.lines.length,
    findings,
    items,
    summary: {
      errors,
      warnings: count('warning'),
      notes: count('note'),
      ok: items.filter((i) => i.verdict === 'ok').length,
      problem: items.filter((i) => i.verdict === 'problem').length,
      notCheckable: items.filter((i) => i.verdict === 'not checkable').length,
    },
    exitCode: errors > 0 ? 1 : 0,
  }
}

function verdictOf(
  item: ItemOrForm,
  findings: readonly Finding[],
  evidence: Map<Item, ItemEvidence>,
): ItemVerdict {
  const own = findings.filter((f) => f.item === item)
  const e = item === null ? undefined : evidence.get(item)
  const kind: ItemVerdict['evidence'] =
    item === null || (e && e.text.length > 0)
      ? 'text'
      : e && e.screenshots.length > 0
        ? 'screenshots'
        : e && e.commands.length > 0
          ? 'commands'
          : 'none'
  const problem = own.some((f) => f.severity !== 'note')
  return {
    item,
    title: titleOf(item),
    verdict: problem ? 'problem' : kind === 'text' ? 'ok' : 'not checkable',
    evidence: kind,
    findings: own,
  }
}

function dedupe(fs: readonly Finding[]): Finding[] {
  const seen = new Set<string>()
  return fs.filter((f) => {
    const key = `${f.kind}|${f.file}|${f.line}|${f.message}`
    if (seen.has(key)) return false
    seen.add(key)
    return true
  })
}
