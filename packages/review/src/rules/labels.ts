// Item 4: node labels. A label output must answer its own command; the labelled node must exist.
import { expectedNodeNames } from '@lab4/cluster'
import type { Finding } from '../types.ts'
import type { Ctx } from '../facts/context.ts'
import { verb } from '../command.ts'
import { mainItem } from '../items.ts'
import { isHeaderLine } from '../facts/tables.ts'
import { CHANGE_OUTPUT } from '../markdown/prompt.ts'
import { type Rule, finding } from './finding.ts'

const LABELED = /^node\/(\S+) (labeled|not labeled)$/

/** Node names the outputs show: node lists and the NODE column of pod lists. */
export const shownNodeNames = (ctx: Ctx): Set<string> =>
  new Set([...ctx.nodes.map((n) => n.name), ...ctx.pods.map((p) => p.node ?? '')].filter(Boolean))

/** The names minikube gives the profile that `minikube start` started (`P`, `P-m02`, …). */
export function startedNodeNames(ctx: Ctx): Set<string> {
  const names = new Set<string>()
  for (const s of ctx.starts)
    for (const n of expectedNodeNames({
      profile: s.profile,
      cluster: { nodes: Math.max(1, s.nodes ?? 1) + ctx.nodeAdds.length },
    }))
      names.add(n)
  return names
}

/** Node names the report shows, or else the names of the profile it started. */
export function knownNodeNames(ctx: Ctx): Set<string> {
  const shown = shownNodeNames(ctx)
  return shown.size > 0 ? shown : startedNodeNames(ctx)
}

/** The `minikube start` shown names other nodes than the outputs run on: the start is from another cluster. */
export const nodeNamesRule: Rule = (ctx) => {
  const shown = shownNodeNames(ctx)
  const started = startedNodeNames(ctx)
  const start = ctx.starts[0]
  if (!start || shown.size === 0 || [...shown].some((n) => started.has(n))) return []
  return [
    finding(ctx, {
      kind: 'consistency.node-names',
      severity: 'warning',
      item: 1,
      line: start.n,
      message: `this start names the nodes ${[...started].join(', ')}, but the outputs run on ${[...shown].join(', ')}: the start shown is not the cluster the outputs come from`,
      hint: "show the `minikube start` of the profile you worked on (its -p name is the first node's name)",
    }),
  ]
}

export const labelRule: Rule = (ctx) => {
  const out: Finding[] = []
  const nodes = knownNodeNames(ctx)
  for (const l of ctx.labels.filter((x) => x.t.cmd && verb(x.t.cmd) === 'label')) {
    for (const line of l.t.out) {
      const text = line.text.trim()
      if (text === '') continue
      const m = LABELED.exec(text)
      if (m && m[1] !== l.node) {
        out.push(
          finding(ctx, {
            kind: 'labels.output-mismatch',
            severity: 'error',
            item: 4,
            line: line.n,
            message: `the command labels ${l.node}, but its output says node/${m[1]}: the output belongs to another command`,
            hint: `paste the output of \`kubectl label nodes ${l.node} …\` as printed: node/${l.node} labeled`,
          }),
        )
      } else if (!m && !/^error:|^Error from server/.test(text)) {
        out.push(
          finding(ctx, {
            kind: 'labels.stray-line',
            severity: 'warning',
            item: 4,
            line: line.n,
            message: `"${text}" is not something \`kubectl label\` prints: a line was pasted into this output`,
            hint: 'paste the command output exactly as printed; `kubectl label` prints only node/<name> labeled',
          }),
        )
      }
    }
    if (nodes.size > 0 && !nodes.has(l.node)) {
      out.push(
        finding(ctx, {
          kind: 'labels.unknown-node',
          severity: 'error',
          item: 4,
          line: l.n,
          message: `node ${l.node} is not one of the cluster's nodes (${[...nodes].join(', ')}): the profile name sets the node names`,
          hint: `label the nodes by their real names (\`kubectl get nodes\`): ${[...nodes].join(', ')}`,
        }),
      )
    }
  }
  return out
}

/** A table header pasted above lines that are not its rows (`NAME  AGE` over `Successfully deleted …`). */
export const strayHeaderRule: Rule = (ctx) => {
  const out: Finding[] = []
  for (const t of ctx.transcripts) {
    if (t.cmd && verb(t.cmd) === 'label') continue // labelRule names these
    const lines = t.out.filter((l) => l.text.trim() !== '')
    lines.forEach((l, i) => {
      const next = lines[i + 1]?.text.trim() ?? ''
      if (
        !isHeaderLine(l.text) ||
        !(CHANGE_OUTPUT.test(next) || /^Successfully (created|deleted|applied|replaced)/.test(next))
      )
        return
      out.push(
        finding(ctx, {
          kind: 'consistency.stray-header',
          severity: 'warning',
          item: (t.cmd && mainItem(t.cmd)) ?? 5,
          line: l.n,
          message: `the header "${l.text.trim()}" stands over "${next}", which is not a table row: the output was edited or pasted together`,
          hint: 'paste each command with its own output, as printed',
        }),
      )
    })
  }
  return out
}
