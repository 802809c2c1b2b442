// Pure: the experiment's record. It is built from this run's journal once the experiment has cleaned up, kept in a
// ConfigMap, and read back by a re-run or `pnpm verify`, which judge it without repeating the experiment.
import { parseItems, podSummary, type CommandEntry, type V1Pod } from '@lab4/core'
import { KEY, POLICY_PHASES, POLICY_PROBE_KEYS, type PolicyPhase, type PolicyProbe } from '../contract.ts'
import { RECORD_DATA_KEY } from '../manifests/policy.ts'

export const RECORD_SCHEMA = 'lab4.policy-record/v1'

export type ExperimentPod = { name: string; ip: string; node: string; labels: Record<string, string> }

/** One probe as it was recorded: the journal entry's own fields, and the entry id in the run that made it. */
export type RecordedProbe = {
  key: string
  argv: string[]
  stdout: string
  stderr: string
  exitCode: number | null
  startedAt: string
  durationMs: number
  entry: string
}

export type PolicyRecord = {
  schema: typeof RECORD_SCHEMA
  /** The run that made the experiment, and when it ended. */
  run: string
  at: string
  /** policyManifests(config).hash at the time: a record made with other manifests is not complete. */
  hash: string
  pods: ExperimentPod[]
  manifests: { deny: string; allow: string }
  probes: RecordedProbe[]
}

/** Pods with an IP from a `get pods -o json`, with their labels (the policies select by label). */
export function experimentPods(stdout: string): ExperimentPod[] {
  return parseItems<V1Pod>(stdout)
    .map(podSummary)
    .filter((p) => p.ip !== undefined && !p.deleting)
    .map((p) => ({ name: p.name, ip: p.ip ?? '', node: p.node ?? '', labels: p.labels }))
    .sort((a, b) => a.name.localeCompare(b.name))
}

/** Which phase and probe a key belongs to, and for which pod. */
export function probeOf(
  key: string | undefined,
): { phase: PolicyPhase; probe: PolicyProbe; pod: string } | undefined {
  for (const phase of POLICY_PHASES)
    for (const probe of ['http', 'ping'] as const) {
      const pod = POLICY_PROBE_KEYS[phase][probe].idOf(key)
      if (pod !== undefined) return { phase, probe, pod }
    }
  return undefined
}

/** The last entry of every probe key among `entries`: a wait may have probed a phase more than once. */
export function lastProbes(entries: readonly CommandEntry[]): CommandEntry[] {
  const byKey = new Map<string, CommandEntry>()
  for (const e of entries) if (e.key && probeOf(e.key)) byKey.set(e.key, e)
  return [...byKey.values()]
}

/** The record of the experiment these entries (one run's app.policy commands) hold. */
export function buildRecord(
  entries: readonly CommandEntry[],
  o: { run: string; at: string; hash: string },
): PolicyRecord {
  const last = (key: string) => entries.filter((e) => e.key === key).at(-1)
  const pods = last(KEY.policyPods)
  return {
    schema: RECORD_SCHEMA,
    ...o,
    pods: pods?.exitCode === 0 ? experimentPods(pods.stdout) : [],
    manifests: {
      deny: last(KEY.policyApplyDeny)?.stdin ?? '',
      allow: last(KEY.policyApplyAllow)?.stdin ?? '',
    },
    probes: lastProbes(entries).map((e) => ({
      key: e.key ?? '',
      argv: [...e.argv],
      stdout: e.stdout,
      stderr: e.stderr,
      exitCode: e.exitCode,
      startedAt: e.startedAt,
      durationMs: e.durationMs,
      entry: e.id,
    })),
  }
}

/** Why the record cannot stand for this experiment, or undefined when it is complete. */
export function recordGap(record: PolicyRecord, hash: string): string | undefined {
  if (record.hash !== hash) return 'it was made with other policy manifests'
  if (record.pods.length < 2) return `it names ${record.pods.length} pod(s); the experiment needs two`
  const have = new Set(record.probes.map((p) => p.key))
  const missing = POLICY_PHASES.flatMap((phase) =>
    record.pods.flatMap((pod) =>
      (['http', 'ping'] as const)
        .map((probe) => POLICY_PROBE_KEYS[phase][probe](pod.name))
        .filter((k) => !have.has(k)),
    ),
  )
  return missing.length > 0 ? `it lacks ${missing.join(', ')}` : undefined
}

/** The record inside `kubectl get configmap <record> -o json`, or what is wrong with it. */
export function parseRecord(stdout: string): PolicyRecord | { problem: string } {
  let cm: { data?: Record<string, string> }
  try {
    cm = JSON.parse(stdout) as typeof cm
  } catch {
    return { problem: 'the ConfigMap output is not JSON' }
  }
  const text = cm.data?.[RECORD_DATA_KEY]
  if (text === undefined) return { problem: `the ConfigMap has no data.${RECORD_DATA_KEY}` }
  let r: Partial<PolicyRecord>
  try {
    r = JSON.parse(text) as Partial<PolicyRecord>
  } catch {
    return { problem: `data.${RECORD_DATA_KEY} is not JSON` }
  }
  if (r.schema !== RECORD_SCHEMA)
    return { problem: `data.${RECORD_DATA_KEY} is not a ${RECORD_SCHEMA} record` }
  if (!Array.isArray(r.probes) || !Array.isArray(r.pods) || !r.manifests || typeof r.hash !== 'string')
    return { problem: `data.${RECORD_DATA_KEY} lacks probes, pods, manifests or hash` }
  return r as PolicyRecord
}
