// Outputs that cannot all come from one run of one cluster, or that do not answer the command above them.
import { stableJson } from '@lab4/core'
import type { Finding } from '../types.ts'
import type { PodRow } from '../facts/context.ts'
import { flag } from '../command.ts'
import { mainItem } from '../items.ts'
import { type Table, isHeaderLine } from '../facts/tables.ts'
import { isElision } from '../transcript.ts'
import { type Rule, finding } from './finding.ts'

/** Slack for clocks read a little apart (kubectl rounds ages; a node registers a moment before its pods). */
const AGE_SLACK_S = 30

const fmtAge = (s: number) =>
  s >= 3600
    ? `${Math.floor(s / 3600)}h${Math.floor((s % 3600) / 60)}m`
    : s >= 60
      ? `${Math.floor(s / 60)}m${s % 60}s`
      : `${s}s`

export const ageRule: Rule = (ctx) => {
  const out: Finding[] = []
  const podTables = new Map<Table, PodRow[]>()
  for (const p of ctx.pods) podTables.set(p.table, [...(podTables.get(p.table) ?? []), p])
  const nodeTables = ctx.tables.filter((t) => t.kind === 'nodes')
  for (const [pt, pods] of podTables) {
    // A node list printed AFTER the pods can only show older nodes; an earlier one proves nothing (time passed).
    const later = nodeTables.find((nt) => nt.headerLine > pt.headerLine)
    if (!later) continue
    const nodes = ctx.nodes.filter((n) => n.table === later && n.age !== undefined)
    if (nodes.length === 0) continue
    const oldest = Math.max(...nodes.map((n) => n.age as number))
    let worst: { pod: PodRow; nodeAge: number; node: string } | undefined
    for (const p of pods) {
      if (p.age === undefined) continue
      const node = p.node ? nodes.find((n) => n.name === p.node) : undefined
      const nodeAge = node?.age ?? (p.node ? undefined : oldest)
      if (nodeAge === undefined || p.age <= nodeAge + AGE_SLACK_S) continue
      if (!worst || p.age - nodeAge > (worst.pod.age as number) - worst.nodeAge)
        worst = { pod: p, nodeAge, node: node?.name ?? 'the oldest node' }
    }
    if (!worst) continue
    out.push(
      finding(ctx, {
        kind: 'consistency.age',
        severity: 'warning',
        item: 2,
        line: worst.pod.row.n,
        message: `pod ${worst.pod.name} is ${fmtAge(worst.pod.age as number)} old, but the node list printed after it (line ${later.headerLine}) shows ${worst.node} only ${fmtAge(worst.nodeAge)} old: the outputs come from different runs`,
        hint: 'take all outputs from one cluster, in the order you ran the commands',
      }),
    )
  }
  return out
}

export const podIpRule: Rule = (ctx) => {
  const out: Finding[] = []
  const first = new Map<string, PodRow>()
  const flagged = new Set<string>()
  for (const p of ctx.pods) {
    if (!p.ip) continue
    const f = first.get(p.name)
    if (!f) first.set(p.name, p)
    else if (f.ip !== p.ip && !flagged.has(p.name)) {
      flagged.add(p.name)
      out.push(
        finding(ctx, {
          kind: 'consistency.pod-ip',
          severity: 'warning',
          item: 6,
          line: p.row.n,
          message: `pod ${p.name} has ${p.ip} here and ${f.ip} at line ${f.row.n}: a pod keeps its IP for life, so these outputs are from different runs or edited`,
          hint: 'take the outputs from one run; a recreated pod gets a new name as well as a new IP',
        }),
      )
    }
  }
  return out
}

export const formatRule: Rule = (ctx) => {
  const out: Finding[] = []
  for (const t of ctx.transcripts) {
    const c = t.cmd
    if (!c || c.tool === 'other' || c.pipe) continue
    const o = flag(c, '-o', '--output')
    if (o !== 'yaml' && o !== 'json') continue
    const firstOut = t.out.find((l) => l.text.trim() !== '' && !isElision(l.text))
    if (!firstOut || !isHeaderLine(firstOut.text)) continue
    out.push(
      finding(ctx, {
        kind: 'consistency.format',
        severity: 'warning',
        item: mainItem(c) ?? 2,
        line: firstOut.n,
        message: `the command asks for -o ${o}, but the output is a table: it is not this command's output`,
        hint: 'paste the output the command printed, or the command that printed this table',
      }),
    )
  }
  return out
}

export const versionRule: Rule = (ctx) => {
  const out: Finding[] = []
  const versions = [...new Set(ctx.nodes.map((n) => n.version).filter((v) => /^v\d/.test(v)))]
  for (const s of ctx.starts) {
    const want =
      s.kubernetesVersion ??
      s.t.out.map((l) => /Preparing Kubernetes (v[\d.]+)/.exec(l.text)?.[1]).find(Boolean)
    if (!want || versions.length === 0) continue
    const norm = (v: string) => v.replace(/^v?/, 'v')
    const other = versions.filter((v) => norm(v) !== norm(want))
    if (other.length === versions.length)
      out.push(
        finding(ctx, {
          kind: 'consistency.version',
          severity: 'warning',
          item: 1,
          line: s.n,
          message: `minikube started Kubernetes ${norm(want)}, but the nodes shown run ${other.join(', ')}: the outputs come from another cluster`,
          hint: 'take the outputs from the cluster this command started',
        }),
      )
  }
  return out
}

/** The same object in the report and in a committed file, with a different content. */
export const manifestRule: Rule = (ctx) => {
  const out: Finding[] = []
  const files = ctx.yaml.filter((d) => d.source === 'file')
  for (const d of ctx.yaml.filter((x) => x.source === 'report' && x.name)) {
    const f = files.find((x) => x.kind === d.kind && x.name === d.name)
    if (!f || stableJson(f.obj) === stableJson(d.obj)) continue
    out.push(
      finding(ctx, {
        kind: 'consistency.manifest-differs',
        severity: 'warning',
        item: d.kind === 'IPPool' ? 5 : d.kind === 'Service' ? 7 : 6,
        line: d.kindLine,
        message: `${d.kind} ${d.name} in the report differs from ${f.file}: which one was applied?`,
        hint: `show the manifest you applied, the same as the committed ${f.file}`,
      }),
    )
  }
  return out
}
