// Items 1–2: two nodes and Calico, judged from the `minikube start` line, its output and the tables shown.
import type { Finding } from '../types.ts'
import type { PodRow } from '../facts/context.ts'
import { type Rule, finding } from './finding.ts'

const ready = (r: string) => /^(\d+)\/(\d+)$/.exec(r)
const calicoOk = (p: PodRow) => {
  const m = ready(p.ready)
  return p.status === 'Running' && m !== null && m[1] === m[2]
}

export const startRule: Rule = (ctx) => {
  const out: Finding[] = []
  const calicoPods = ctx.pods.some((p) => p.name.startsWith('calico-node-'))
  for (const s of ctx.starts) {
    const adds = ctx.nodeAdds.filter((t) => (t.cmdLine ?? 0) > s.n).length
    const asked = s.nodes ?? 1
    const total = (s.startedNodes ?? asked) + adds
    if (total !== 2) {
      out.push(
        finding(ctx, {
          kind: 'cluster.node-count',
          severity: 'error',
          item: 1,
          line: s.n,
          message: `minikube was started with ${asked} node${asked === 1 ? '' : 's'}${adds ? ` and ${adds} added` : ''}: the lab needs exactly 2`,
          hint: 'minikube start --nodes 2 --cni calico (a profile with another node count must be deleted first)',
        }),
      )
    } else if (s.nodes === undefined && adds > 0) {
      out.push(
        finding(ctx, {
          kind: 'cluster.node-added',
          severity: 'note',
          item: 1,
          line: s.n,
          message:
            'minikube was started with one node and the second was added with `minikube node add`, not started with --nodes 2',
          hint: 'the task asks for `minikube start --nodes 2 --cni calico`; `node add` warns that the cluster has no CNI and may break networking',
        }),
      )
    }
    if (!s.calico && !s.configuredCalico) {
      out.push(
        finding(ctx, {
          kind: 'cluster.no-calico',
          severity: calicoPods ? 'note' : 'error',
          item: 1,
          line: s.n,
          message: calicoPods
            ? 'minikube was started without --cni calico; the calico-node pods shown must have come from a manual install'
            : 'minikube was started without --cni calico, and no output shows Calico: multi-node minikube then runs kindnet and the IP pools do nothing',
          hint: 'minikube start --nodes 2 --cni calico',
        }),
      )
    }
  }
  return out
}

export const nodesRule: Rule = (ctx) => {
  const out: Finding[] = []
  // Judge the last full node list: an earlier one may be from before `minikube node add`.
  const tables = ctx.tables.filter(
    (t) => t.kind === 'nodes' && !(t.t.cmd && (t.t.cmd.values.has('-l') || t.t.cmd.positionals.length > 2)),
  )
  const last = tables[tables.length - 1]
  if (last && last.rows.length !== 2 && !last.elided) {
    out.push(
      finding(ctx, {
        kind: 'cluster.node-count',
        severity: 'error',
        item: 2,
        line: last.headerLine,
        message: `the node list shows ${last.rows.length} node${last.rows.length === 1 ? '' : 's'}: the lab needs exactly 2`,
        hint: 'start the profile with --nodes 2; `minikube node add` after --nodes 2 gives a third node',
      }),
    )
  }
  return out
}

export const calicoReadyRule: Rule = (ctx) => {
  const out: Finding[] = []
  const byTable = new Map<number, PodRow[]>()
  for (const p of ctx.pods.filter((x) => x.name.startsWith('calico-node-')))
    byTable.set(p.table.headerLine, [...(byTable.get(p.table.headerLine) ?? []), p])
  const listings = [...byTable.values()]
  listings.forEach((pods, i) => {
    const bad = pods.filter((p) => !calicoOk(p))
    if (bad.length === 0) return
    const readyLater = listings.slice(i + 1).some((later) => later.length > 0 && later.every(calicoOk))
    const first = bad[0] as PodRow
    out.push(
      finding(ctx, {
        kind: 'cluster.calico-not-ready',
        severity: readyLater ? 'note' : 'error',
        item: 2,
        line: first.row.n,
        message: `${bad.map((p) => `${p.name} ${p.ready} ${p.status}`).join(', ')}: calico-node is not 1/1 Running${readyLater ? ' here; a later output shows it ready' : ', and no later output shows it ready'}`,
        hint: 'wait for `kubectl get pods -l k8s-app=calico-node -A` to show every pod 1/1 Running before creating pools and pods',
      }),
    )
  })
  return out
}
