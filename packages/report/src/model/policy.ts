// The NetworkPolicy experiment for the write-up: its two manifests as applied, and per phase a row per pair with
// what HTTP and ping did. Read through app's own reader (this run's probes, or the record an earlier run left).
import type { Evidence, LabConfig } from '@lab4/core'
import {
  POLICY_EXPECTED,
  POLICY_PHASES,
  allowName,
  denyName,
  phaseRows,
  readExperiment,
  type PolicyPhase,
  type ProbeOutcome,
  type ProbeView,
} from '@lab4/app'

export type PolicyCell = {
  /** `missing`: the run recorded no such probe. */
  outcome: ProbeOutcome | 'missing'
  /** `wget: download timed out`, `page (640 bytes)`, `3/3 replies`. */
  detail: string
  /** The parts the templates word in each language: a page's size, ping replies, the line a failure printed. */
  bytes: number | undefined
  got: number | undefined
  sent: number | undefined
  line: string | undefined
  command: string
  expected: 'ok' | 'blocked'
  met: boolean
}
export type PolicyRow = { from: string; to: string; http: PolicyCell; ping: PolicyCell; met: boolean }
export type PolicyPhaseView = { phase: PolicyPhase; rows: PolicyRow[] }

export type PolicyView = {
  /** The section appears when app.policy ran in the record or an experiment can be read. */
  shown: boolean
  enabled: boolean
  /** `record`: read back from the ConfigMap an earlier run left (this run repeated nothing). */
  source: 'run' | 'record' | undefined
  recordedRun: string | undefined
  recordedAt: string | undefined
  missing: string | undefined
  deny: { name: string; yaml: string | undefined }
  allow: { name: string; yaml: string | undefined }
  phases: PolicyPhaseView[]
  /** Traffic got through a policy meant to stop it (kindnet, or a selector that matches no pod). */
  passedPolicy: boolean
}

function cellOf(p: ProbeView | undefined, expected: 'ok' | 'blocked'): PolicyCell {
  const none = { bytes: undefined, got: undefined, sent: undefined, line: undefined }
  if (!p) return { ...none, outcome: 'missing', detail: '', command: '', expected, met: false }
  return {
    ...none,
    outcome: p.outcome,
    detail: p.detail,
    bytes: p.bytes,
    got: p.replies?.got,
    sent: p.replies?.sent,
    line: p.line,
    command: p.command,
    expected,
    met: p.outcome === expected,
  }
}

const trim = (yaml: string | undefined) => yaml?.replace(/\n+$/, '')

export function policyView(ev: Evidence, config: LabConfig, stepRan: boolean): PolicyView {
  const names = { deny: denyName(config), allow: allowName(config) }
  const x = readExperiment(ev)
  const base = {
    enabled: config.policy.enabled,
    deny: { name: names.deny, yaml: undefined },
    allow: { name: names.allow, yaml: undefined },
    phases: [],
    passedPolicy: false,
    recordedRun: undefined,
    recordedAt: undefined,
  }
  if ('missing' in x)
    return {
      ...base,
      shown: stepRan,
      source: undefined,
      missing: config.policy.enabled ? x.missing : undefined,
    }
  const phases = POLICY_PHASES.map((phase) => ({
    phase,
    rows: phaseRows(x, phase).map((r) => {
      const http = cellOf(r.http, POLICY_EXPECTED[phase].http)
      const ping = cellOf(r.ping, POLICY_EXPECTED[phase].ping)
      return { from: r.from, to: r.to, http, ping, met: http.met && ping.met }
    }),
  }))
  const passedPolicy = phases.some(
    (p) =>
      p.phase !== 'baseline' &&
      p.phase !== 'clean' &&
      p.rows.some((r) =>
        [r.http, r.ping].some(
          (c) => c.expected === 'blocked' && (c.outcome === 'ok' || c.outcome === 'partial'),
        ),
      ),
  )
  return {
    ...base,
    shown: true,
    source: x.source,
    recordedRun: x.recordedBy?.run,
    recordedAt: x.recordedBy?.at,
    missing: undefined,
    deny: { name: names.deny, yaml: trim(x.manifests.deny) },
    allow: { name: names.allow, yaml: trim(x.manifests.allow) },
    phases,
    passedPolicy,
  }
}
