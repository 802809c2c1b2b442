// Items 6–7: the frontend as a Deployment of 2 replicas of the course image with both variables, and a Service
// that selects its pods. Read from the manifests (report yaml blocks and files) and from kubectl's change output.
import { workloadSummary } from '../adapters.ts'
import type { Finding } from '../types.ts'
import type { Ctx } from '../facts/context.ts'
import type { YamlDoc } from '../facts/yaml.ts'
import { verb } from '../command.ts'
import { type Rule, finding } from './finding.ts'

const VARS = ['REACT_APP_USERNAME', 'REACT_APP_COMPANY_NAME'] as const
const WORKLOAD = new Set(['Deployment', 'ReplicaSet'])

type Container = {
  image?: string
  env?: Array<{ name?: string }>
  envFrom?: Array<{ configMapRef?: { name?: string } }>
}
const containersOf = (d: YamlDoc): Container[] =>
  (d.obj.spec as { template?: { spec?: { containers?: Container[] } } } | undefined)?.template?.spec
    ?.containers ?? []

/** The frontend workloads: those running the course image or passing its variables; else every workload shown. */
export function frontendWorkloads(ctx: Ctx): YamlDoc[] {
  const all = ctx.yaml.filter((d) => WORKLOAD.has(d.kind))
  const front = all.filter((d) =>
    containersOf(d).some(
      (c) =>
        (c.image ?? '').includes('itdt-contained-frontend') ||
        (c.env ?? []).some((e) => VARS.includes(e.name as (typeof VARS)[number])),
    ),
  )
  const chosen = front.length ? front : all
  // The same object in the report and in a file is judged once, where the report shows it.
  const seen = new Set<string>()
  return [
    ...chosen.filter((d) => d.source === 'report'),
    ...chosen.filter((d) => d.source === 'file'),
  ].filter((d) => !seen.has(`${d.kind}/${d.name}`) && Boolean(seen.add(`${d.kind}/${d.name}`)))
}

function lineIn(ctx: Ctx, d: YamlDoc, re: RegExp): number {
  const lines = d.file === ctx.file ? ctx.doc.lines : ctx.manifests.find((m) => m.file === d.file)?.lines
  for (let n = d.line; lines && n <= lines.length; n += 1) {
    const t = lines[n - 1]?.text ?? ''
    if (n > d.line && /^---/.test(t)) break
    if (re.test(t)) return n
  }
  return d.kindLine
}

export const workloadRule: Rule = (ctx) => {
  const out: Finding[] = []
  const at = (d: YamlDoc, re: RegExp) => ({ file: d.file, line: lineIn(ctx, d, re) })
  for (const d of frontendWorkloads(ctx)) {
    if (d.kind === 'ReplicaSet')
      out.push(
        finding(ctx, {
          kind: 'app.replicaset',
          severity: 'error',
          item: 6,
          ...at(d, /^\s*kind:/),
          message: `${d.name} is a ReplicaSet (reused from lab 3): lab 4 asks for a Deployment`,
          hint: 'write kind: Deployment (apiVersion apps/v1); the Deployment creates and replaces the ReplicaSet itself',
        }),
      )
    const summary = workloadSummary(d.obj)
    const replicas = (d.obj.spec as { replicas?: unknown } | undefined)?.replicas
    if (summary.replicas !== 2)
      out.push(
        finding(ctx, {
          kind: 'app.replicas',
          severity: 'error',
          item: 6,
          ...at(d, replicas === undefined ? /^\s*kind:/ : /^\s*replicas:/),
          message: `${d.kind} ${d.name} has ${replicas === undefined ? 'no replicas field (so 1 replica)' : `replicas: ${String(replicas)}`}: the task asks for 2`,
          hint: 'set spec.replicas: 2',
        }),
      )
    for (const v of missingVars(ctx, summary.env, summary.envFrom))
      out.push(
        finding(ctx, {
          kind: 'app.env-missing',
          severity: 'error',
          item: 6,
          ...at(d, /^\s*containers:/),
          message: `${d.kind} ${d.name} does not pass ${v}: the page will show the placeholder for it`,
          hint: `add env: - name: ${v} with a value (or valueFrom a ConfigMap key, or envFrom a ConfigMap that has it)`,
        }),
      )
  }
  if (!ctx.yaml.some((d) => d.kind === 'ReplicaSet')) {
    const t = ctx.transcripts.find(
      (x) =>
        x.cmd?.tool === 'kubectl' &&
        /^(apply|create)$/.test(verb(x.cmd)) &&
        x.out.some((l) => /^replicaset\.apps\/\S+ created/.test(l.text.trim())),
    )
    const expose = ctx.transcripts.find(
      (x) =>
        x.cmd?.tool === 'kubectl' &&
        verb(x.cmd) === 'expose' &&
        /^(rs|replicasets?)(\/|$)/.test(x.cmd.positionals[1] ?? ''),
    )
    const hit = t ?? expose
    if (hit)
      out.push(
        finding(ctx, {
          kind: 'app.replicaset',
          severity: 'error',
          item: 6,
          line: hit.cmdLine ?? hit.block.start,
          message: 'the app was created as a ReplicaSet: lab 4 asks for a Deployment',
          hint: 'apply a Deployment (kind: Deployment) with 2 replicas instead',
        }),
      )
  }
  return out
}

/** Variables neither set directly, nor from a ConfigMap key, nor by envFrom of a ConfigMap that holds them. */
function missingVars(ctx: Ctx, env: readonly string[], envFrom: readonly string[]): string[] {
  const fromMaps = new Set<string>()
  for (const name of envFrom) {
    const map = ctx.yaml.find((y) => y.kind === 'ConfigMap' && y.name === name)
    if (!map) return [] // the ConfigMap is not shown: its keys cannot be judged
    for (const k of Object.keys((map.obj.data as Record<string, unknown> | undefined) ?? {})) fromMaps.add(k)
  }
  return VARS.filter((v) => !env.includes(v) && !fromMaps.has(v))
}

export const serviceRule: Rule = (ctx) => {
  const out: Finding[] = []
  const workloads = frontendWorkloads(ctx)
  if (workloads.length !== 1) return out
  const w = workloads[0] as YamlDoc
  const podLabels =
    (w.obj.spec as { template?: { metadata?: { labels?: Record<string, string> } } } | undefined)?.template
      ?.metadata?.labels ?? {}
  const services = ctx.yaml.filter((d) => d.kind === 'Service')
  const seen = new Set<string>()
  for (const s of services) {
    if (seen.has(s.name)) continue
    seen.add(s.name)
    const selector = (s.obj.spec as { selector?: Record<string, string> } | undefined)?.selector ?? {}
    const wrong = Object.entries(selector).filter(([k, v]) => String(podLabels[k]) !== String(v))
    if (Object.keys(selector).length === 0 || wrong.length > 0)
      out.push(
        finding(ctx, {
          kind: 'app.service-selector',
          severity: 'error',
          item: 7,
          file: s.file,
          line: lineIn(ctx, s, /^\s*selector:/),
          message: `Service ${s.name} selects ${
            Object.entries(selector)
              .map(([k, v]) => `${k}=${v}`)
              .join(',') || 'nothing'
          }, but the pods of ${w.name} carry ${
            Object.entries(podLabels)
              .map(([k, v]) => `${k}=${v}`)
              .join(',') || 'no labels'
          }: it has no endpoints`,
          hint: "make spec.selector of the Service equal to the labels in the Deployment's pod template",
        }),
      )
  }
  return out
}
