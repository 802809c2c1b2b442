// Everything the rules read, worked out once per write-up: transcripts, tables, YAML objects, and what they say
// about nodes, pods, labels, pings and the `minikube start` line.
import { parsePings, type PingResult } from '@lab4/app'
import type { Line, ReviewInput } from '../types.ts'
import { type Cmd, flag, hasFlag, resource, resourceKind, verb } from '../command.ts'
import { type MarkdownDoc, extract, toLines } from '../markdown/extract.ts'
import { type Transcript, effective, isYamlBlock, transcripts } from '../transcript.ts'
import { type Row, type Table, bareName, parseAge, tablesOf } from './tables.ts'
import { type YamlDoc, yamlDocs } from './yaml.ts'

export type NodeRow = {
  readonly name: string
  readonly status: string
  readonly age: number | undefined
  readonly version: string
  readonly labels: Readonly<Record<string, string>>
  readonly row: Row
  readonly table: Table
}

export type PodRow = {
  readonly name: string
  readonly namespace: string | undefined
  readonly ready: string
  readonly status: string
  readonly age: number | undefined
  readonly ip: string | undefined
  readonly node: string | undefined
  readonly row: Row
  readonly table: Table
}

export type PingFact = {
  readonly t: Transcript
  /** Line of the `PING …` header or the `bad address` line; the command line when there is no output. */
  readonly n: number
  readonly result: PingResult | undefined
  /** What was pinged, as typed (from the command) or as BusyBox echoed it. */
  readonly target: string
  /** The pod the ping ran in, when the report shows it. */
  readonly pod: string | undefined
}

export type LabelFact = {
  readonly t: Transcript
  readonly n: number
  readonly node: string
  readonly labels: Readonly<Record<string, string>>
}

export type StartFact = {
  readonly t: Transcript
  readonly n: number
  readonly cmd: Cmd
  /** `--nodes` as given; undefined when the flag is absent (minikube starts one node). */
  readonly nodes: number | undefined
  readonly calico: boolean
  readonly profile: string
  readonly kubernetesVersion: string | undefined
  /** From the output: nodes started (control plane + workers), Calico configured, the NO_PROXY node IP. */
  readonly startedNodes: number | undefined
  readonly configuredCalico: boolean
  readonly nodeIp: string | undefined
}

export type Ctx = {
  readonly file: string
  readonly doc: MarkdownDoc
  readonly transcripts: readonly Transcript[]
  readonly tables: readonly Table[]
  readonly yaml: readonly YamlDoc[]
  readonly manifests: ReadonlyArray<{ readonly file: string; readonly lines: readonly Line[] }>
  readonly nodes: readonly NodeRow[]
  readonly pods: readonly PodRow[]
  readonly pings: readonly PingFact[]
  readonly labels: readonly LabelFact[]
  readonly starts: readonly StartFact[]
  /** `minikube node add` lines. */
  readonly nodeAdds: readonly Transcript[]
  /** The text of a report line (trimmed), for excerpts. */
  readonly text: (n: number) => string
}

export function context(input: ReviewInput): Ctx {
  const doc = extract(input.text)
  const ts = transcripts(doc)
  const tables = ts.flatMap(tablesOf)
  const manifests = input.manifests.map((m) => ({ file: m.file, lines: toLines(m.text) }))
  const yaml = [
    ...doc.blocks.filter(isYamlBlock).flatMap((b) => yamlDocs(b.lines, input.file, 'report')),
    ...manifests.flatMap((m) => yamlDocs(m.lines, m.file, 'file')),
  ]
  return {
    file: input.file,
    doc,
    transcripts: ts,
    tables,
    yaml,
    manifests,
    nodes: tables.filter((t) => t.kind === 'nodes').flatMap(nodeRows),
    pods: tables.filter((t) => t.kind === 'pods').flatMap(podRows),
    pings: ts.flatMap(pingFacts),
    labels: labelFacts(ts, tables),
    starts: ts.flatMap(startFact),
    nodeAdds: ts.filter(
      (t) => t.cmd?.tool === 'minikube' && verb(t.cmd) === 'node' && t.cmd.positionals[1] === 'add',
    ),
    text: (n) => (doc.lines[n - 1]?.text ?? '').trim(),
  }
}

const STANDARD_NODE_COLUMNS = new Set([
  'NAME',
  'STATUS',
  'ROLES',
  'AGE',
  'VERSION',
  'INTERNAL-IP',
  'EXTERNAL-IP',
  'OS-IMAGE',
  'KERNEL-VERSION',
  'CONTAINER-RUNTIME',
  'LABELS',
])

function nodeRows(table: Table): NodeRow[] {
  const cmd = table.t.cmd
  // `-L zone` adds a ZONE column: map it back to the key as typed.
  const keys = (cmd ? (flag(cmd, '-L', '--label-columns') ?? '') : '').split(',').filter(Boolean)
  return table.rows.map((row) => {
    const labels: Record<string, string> = {}
    for (const part of (row.cells.LABELS ?? '').split(',')) {
      const m = /^([^=]+)=(.*)$/.exec(part.trim())
      if (m && !part.includes('...') && !part.includes('…')) labels[m[1] ?? ''] = m[2] ?? ''
    }
    for (const col of table.columns) {
      if (STANDARD_NODE_COLUMNS.has(col)) continue
      const key =
        keys.find((k) => k.toUpperCase() === col || k.toUpperCase().endsWith(`/${col}`)) ?? col.toLowerCase()
      const v = row.cells[col]
      if (v) labels[key] = v
    }
    return {
      name: row.cells.NAME ?? '',
      status: row.cells.STATUS ?? '',
      age: parseAge(row.cells.AGE),
      version: row.cells.VERSION ?? '',
      labels,
      row,
      table,
    }
  })
}

function podRows(table: Table): PodRow[] {
  const ns = table.t.cmd ? flag(table.t.cmd, '-n', '--namespace') : undefined
  return table.rows.map((row) => ({
    name: bareName(row.cells.NAME ?? ''),
    namespace: row.cells.NAMESPACE || ns,
    ready: row.cells.READY ?? '',
    status: row.cells.STATUS ?? '',
    age: parseAge(row.cells.AGE),
    ip: /^\d{1,3}(\.\d{1,3}){3}$/.test(row.cells.IP ?? '') ? row.cells.IP : undefined,
    node: row.cells.NODE && row.cells.NODE !== '<none>' ? row.cells.NODE : undefined,
    row,
    table,
  }))
}

const PING_START = /PING \S+ \(\d{1,3}(?:\.\d{1,3}){3}\)|ping: bad address/

function pingFacts(t: Transcript): PingFact[] {
  const c = effective(t)
  const typedTarget =
    c?.tool === 'ping' ? [...c.positionals].reverse().find((p) => !/^\d+$/.test(p)) : undefined
  const text = t.out.map((l) => l.text).join('\n')
  const results = text.includes('PING ') || text.includes('ping: bad address') ? parsePings(text) : []
  const starts = t.out.filter((l) => PING_START.test(l.text))
  if (results.length === 0) {
    if (c?.tool !== 'ping' || !typedTarget) return []
    return [{ t, n: t.cmdLine ?? t.block.start, result: undefined, target: typedTarget, pod: t.pod }]
  }
  return results.map((result, i) => ({
    t,
    n: starts[i]?.n ?? t.cmdLine ?? t.block.start,
    result,
    target: (i === 0 ? typedTarget : undefined) ?? result.target,
    pod: t.pod,
  }))
}

function labelFacts(ts: readonly Transcript[], tables: readonly Table[]): LabelFact[] {
  const facts: LabelFact[] = []
  for (const t of ts) {
    const c = t.cmd
    if (!c || c.tool !== 'kubectl') continue
    if (verb(c) === 'label' && /^(nodes?|no)(\/|$)/.test(resource(c))) {
      const [, kind = '', third = ''] = c.positionals
      const node = kind.includes('/') ? (kind.split('/')[1] ?? '') : third
      const labels: Record<string, string> = {}
      for (const p of c.positionals.slice(kind.includes('/') ? 2 : 3)) {
        const m = /^([^=]+)=(.*)$/.exec(p)
        if (m) labels[m[1] ?? ''] = m[2] ?? ''
      }
      if (node) facts.push({ t, n: t.cmdLine ?? t.block.start, node, labels })
    }
    // `kubectl describe node X | grep rack` prints `rack=c01`.
    if (verb(c) === 'describe' && resourceKind(resource(c)) === 'nodes' && c.positionals[2]) {
      const labels: Record<string, string> = {}
      for (const l of t.out) {
        const m = /^\s*([\w./-]+)=([\w.-]*)\s*$/.exec(l.text)
        if (m) labels[m[1] ?? ''] = m[2] ?? ''
      }
      if (Object.keys(labels).length)
        facts.push({ t, n: t.cmdLine ?? t.block.start, node: c.positionals[2], labels })
    }
  }
  for (const table of tables.filter((x) => x.kind === 'nodes'))
    for (const r of nodeRows(table))
      if (Object.keys(r.labels).length) facts.push({ t: table.t, n: r.row.n, node: r.name, labels: r.labels })
  return facts
}

function startFact(t: Transcript): StartFact[] {
  const c = t.cmd
  if (!c || c.tool !== 'minikube' || verb(c) !== 'start') return []
  const nodesText = flag(c, '--nodes', '-n')
  const cni = flag(c, '--cni') ?? ''
  const out = t.out.map((l) => l.text)
  const workers = out.filter((l) =>
    /Starting (worker node \S+|node \S+ in cluster|"[^"]+" worker node)/.test(l),
  ).length
  const control = out.some((l) => /Starting (control plane node|"[^"]+" primary control-plane node)/.test(l))
  const proxy = out.map((l) => /NO_PROXY=(\d{1,3}(?:\.\d{1,3}){3})/.exec(l)?.[1]).find(Boolean)
  return [
    {
      t,
      n: t.cmdLine ?? t.block.start,
      cmd: c,
      nodes: nodesText !== undefined && /^\d+$/.test(nodesText) ? Number(nodesText) : undefined,
      calico: cni.toLowerCase() === 'calico' || hasFlag(c, '--cni=calico'),
      profile: flag(c, '-p', '--profile') ?? 'minikube',
      kubernetesVersion: flag(c, '--kubernetes-version'),
      startedNodes: control ? 1 + workers : undefined,
      configuredCalico: out.some((l) => /Configuring Calico/.test(l)),
      nodeIp: proxy,
    },
  ]
}
