// Pure: the experiment as checks and the report see it, from this run's journal or from the record in the cluster.
import { parse } from 'yaml'
import type { CommandEntry, Evidence } from '@lab4/core'
import { KEY, POLICY_PHASES, type PolicyPhase, type PolicyProbe } from '../contract.ts'
import { parsePing, pingSucceeded } from '../busybox/ping.ts'
import { parseWget } from '../busybox/wget.ts'
import { ipFromDashedName } from '../names.ts'
import {
  experimentPods,
  lastProbes,
  parseRecord,
  probeOf,
  type ExperimentPod,
  type RecordedProbe,
} from './record.ts'

/** ok: it got through; blocked: it timed out or got no reply; partial: some ping replies; error: it says why. */
export type Outcome = 'ok' | 'blocked' | 'partial' | 'error'

/** What each phase should show, for HTTP (TCP 3000) and ping (ICMP). */
export const EXPECTED: Readonly<Record<PolicyPhase, Readonly<Record<PolicyProbe, 'ok' | 'blocked'>>>> = {
  baseline: { http: 'ok', ping: 'ok' },
  deny: { http: 'blocked', ping: 'blocked' },
  allow: { http: 'ok', ping: 'blocked' },
  clean: { http: 'ok', ping: 'ok' },
}

export type ProbeView = {
  phase: PolicyPhase
  probe: PolicyProbe
  pod: string
  /** The name probed (the neighbour's endpoint FQDN) and the IP it encodes. */
  target: string
  targetIp: string | undefined
  command: string
  outcome: Outcome
  /** `wget: download timed out`, `page (640 bytes)`, `3/3 replies`, `0/3 replies`. */
  detail: string
  /** The same, as parts: the page's size, the ping's replies, the line the tool printed when it failed. */
  bytes?: number
  replies?: { got: number; sent: number | undefined }
  line?: string
  /** The entry id in the run that recorded it (the record's run when read from the record). */
  entry: string
}

export type Experiment = {
  source: 'run' | 'record'
  /** For a record: the run that made it and when; the entry of this run that read it. */
  recordedBy?: { run: string; at: string }
  /** Journal entries of this run the experiment is judged on. */
  evidence: string[]
  pods: ExperimentPod[]
  manifests: { deny: string | undefined; allow: string | undefined }
  probes: ProbeView[]
}

/** One probe, judged. `text` is the exec's output (stdout then stderr). */
export function judgeProbe(
  p: Pick<RecordedProbe, 'key' | 'stdout' | 'stderr' | 'exitCode' | 'entry'> & { argv: readonly string[] },
): ProbeView | undefined {
  const at = probeOf(p.key)
  if (!at) return undefined
  const text = `${p.stdout}\n${p.stderr}`
  const last = p.argv.at(-1) ?? ''
  const target = at.probe === 'http' ? last.replace(/^https?:\/\//, '').replace(/[:/].*$/, '') : last
  const dash = p.argv.indexOf('--')
  const base = { ...at, target, targetIp: ipFromDashedName(target), entry: p.entry }
  const command = (dash >= 0 ? p.argv.slice(dash + 1) : p.argv).join(' ')
  if (at.probe === 'http') {
    const w = parseWget(text, p.exitCode)
    const outcome: Outcome = w.outcome === 'ok' ? 'ok' : w.outcome === 'timeout' ? 'blocked' : 'error'
    return {
      ...base,
      command,
      outcome,
      detail: w.outcome === 'ok' ? `page (${Buffer.byteLength(p.stdout)} bytes)` : w.line,
      ...(w.outcome === 'ok' ? { bytes: Buffer.byteLength(p.stdout) } : { line: w.line }),
    }
  }
  const ping = parsePing(text)
  if (!ping || ping.error) {
    const line = ping?.error
      ? `ping: ${ping.error.replace('-', ' ')}`
      : text.trim().split('\n')[0] || 'no output'
    return { ...base, command, outcome: 'error', detail: line, line }
  }
  const got = ping.received ?? ping.replies.length
  const sent = ping.transmitted ?? '?'
  const outcome: Outcome = pingSucceeded(ping) ? 'ok' : got === 0 ? 'blocked' : 'partial'
  return {
    ...base,
    command,
    outcome,
    detail: `${got}/${sent} replies`,
    replies: { got, sent: ping.transmitted },
  }
}

const byPhase = (a: ProbeView, b: ProbeView) =>
  POLICY_PHASES.indexOf(a.phase) - POLICY_PHASES.indexOf(b.phase) ||
  a.pod.localeCompare(b.pod) ||
  a.probe.localeCompare(b.probe)

/**
 * The experiment this run made (its probes are in the journal), else the record an earlier run left in the cluster,
 * else why there is none.
 */
export function readExperiment(ev: Evidence): Experiment | { missing: string } {
  const own = lastProbes(ev.commands())
  if (own.length > 0) {
    const pods = ev.command(KEY.policyPods)
    const probes = own.flatMap((e) => judgeProbe({ ...e, key: e.key ?? '', entry: e.id }) ?? []).sort(byPhase)
    return {
      source: 'run',
      evidence: [...(pods ? [pods.id] : []), ...own.map((e) => e.id)],
      pods: pods?.exitCode === 0 ? experimentPods(pods.stdout) : [],
      manifests: {
        deny: ev.command(KEY.policyApplyDeny)?.stdin,
        allow: ev.command(KEY.policyApplyAllow)?.stdin,
      },
      probes,
    }
  }
  const read = ev.command(KEY.policyRecord)
  if (!read) return { missing: 'no experiment in this run and no read of its record' }
  if (read.exitCode !== 0)
    return {
      missing: `no experiment in this run, and \`${read.argv.join(' ')}\` found no record: ${firstLine(read)}`,
    }
  const record = parseRecord(read.stdout)
  if ('problem' in record) return { missing: `the record in the cluster is unusable: ${record.problem}` }
  return {
    source: 'record',
    recordedBy: { run: record.run, at: record.at },
    evidence: [read.id],
    pods: record.pods,
    manifests: { deny: record.manifests.deny || undefined, allow: record.manifests.allow || undefined },
    probes: record.probes.flatMap((p) => judgeProbe(p) ?? []).sort(byPhase),
  }
}

const firstLine = (e: CommandEntry) => (e.stderr || e.stdout).trim().split('\n')[0] ?? ''

/** The pod a probe reached: the one whose IP its target name encodes. */
export const podAt = (x: Experiment, ip: string | undefined): ExperimentPod | undefined =>
  x.pods.find((p) => p.ip === ip)

/** The labels a policy manifest's podSelector asks for (matchLabels; matchExpressions are shown, not evaluated). */
export function selectorOf(yaml: string | undefined): Record<string, string> | undefined {
  if (!yaml) return undefined
  try {
    const doc = parse(yaml) as { spec?: { podSelector?: { matchLabels?: Record<string, string> } } } | null
    return doc?.spec?.podSelector?.matchLabels ?? {}
  } catch {
    return undefined
  }
}

/** Does a podSelector's matchLabels select these labels? (An empty selector selects every pod.) */
export const selects = (selector: Record<string, string>, labels: Record<string, string>): boolean =>
  Object.entries(selector).every(([k, v]) => labels[k] === v)

export const labelText = (l: Record<string, string>): string =>
  Object.entries(l)
    .map(([k, v]) => `${k}=${v}`)
    .join(',') || '(none)'

/** Pairs `from → to` of one phase: the HTTP and ping probes each pod ran. */
export type PhaseRow = {
  phase: PolicyPhase
  from: string
  to: string
  http: ProbeView | undefined
  ping: ProbeView | undefined
  met: boolean
}

export function phaseRows(x: Experiment, phase: PolicyPhase): PhaseRow[] {
  const mine = x.probes.filter((p) => p.phase === phase)
  const pods = [...new Set(mine.map((p) => p.pod))]
  return pods.map((from) => {
    const http = mine.find((p) => p.pod === from && p.probe === 'http')
    const ping = mine.find((p) => p.pod === from && p.probe === 'ping')
    const ip = http?.targetIp ?? ping?.targetIp
    return {
      phase,
      from,
      to: podAt(x, ip)?.name ?? ip ?? '?',
      http,
      ping,
      met: http?.outcome === EXPECTED[phase].http && ping?.outcome === EXPECTED[phase].ping,
    }
  })
}
