// The lab record's own checks: the hash chain, one cluster, time moving forward, the same pod everywhere.
// They judge the record, not a step, so they sit in a group of their own (`record`).
import {
  Evidence,
  IDENTITY_KEY,
  entryTime,
  formatIdentity,
  verifyChain,
  type LabRecord,
  type Status,
  type NotGradableCause,
  simulatedReason,
} from '@lab4/core'
import { asSimulated, refOf, type GradedCheck } from '../grade.ts'
import { describeMismatch, podSightings, type PodReaders } from './pods.ts'

/** The group the record checks are shown in (verify's printers, JSON and JUnit group by step). */
export const RECORD_GROUP = {
  id: 'record',
  title: 'the lab record: integrity and consistency',
  labItems: [] as number[],
}

export const RECORD_CHECKS = {
  integrity: 'record.integrity',
  oneCluster: 'record.one-cluster',
  timeOrder: 'record.time-order',
  pods: 'record.pods-consistent',
} as const

/** Grace for clocks: a command's end (start + duration) may be a moment after the line written next. */
const SKEW_MS = 1500

type Body = {
  status: Status
  expected: string
  actual: string
  hint: string
  evidence?: string[]
  cause?: NotGradableCause
}

const result = (ev: Evidence, check: string, title: string, b: Body): GradedCheck => ({
  check,
  step: RECORD_GROUP.id,
  title,
  status: b.status,
  expected: b.expected,
  actual: b.actual,
  hint: b.hint,
  evidence: b.evidence ?? [],
  refs: (b.evidence ?? []).map((id) => refOf(ev, id)),
  ...(b.status === 'NOT-GRADABLE' ? { cause: b.cause ?? 'missing-evidence' } : {}),
})

export type RecordGradeOptions = {
  readonly allowSimulated?: boolean
  readonly pods?: PodReaders
  /** The steps' grade of the same record: a `record.integrity` in it (the artifacts) is merged with the chain's. */
  readonly graded?: readonly GradedCheck[]
}

/** The record checks; with `graded`, the whole grade: the steps' checks, then the record's, one `record.integrity`. */
export function gradeLabRecord(record: LabRecord, o: RecordGradeOptions = {}): GradedCheck[] {
  const ev = new Evidence(record.entries)
  const checks = [
    integrity(record, ev),
    oneCluster(record, ev),
    timeOrder(record, ev),
    ...(o.pods ? [pods(ev, o.pods)] : []),
  ]
  // Masked as the step checks are: by the header or by the simulator's fingerprints in the outputs.
  const mine = simulatedReason(record) && !o.allowSimulated ? checks.map(asSimulated) : checks
  if (!o.graded) return mine
  const theirs = o.graded.find((r) => r.check === RECORD_CHECKS.integrity)
  const rest = o.graded.filter((r) => r !== theirs)
  return [
    ...rest,
    ...mine.map((r) => (theirs && r.check === RECORD_CHECKS.integrity ? mergeIntegrity(r, theirs) : r)),
  ]
}

const RANK: Record<Status, number> = { PASS: 0, 'NOT-GRADABLE': 1, FAIL: 2 }

/** The chain and the artifact files answer one question (is this the record the tool wrote?): one verdict. */
function mergeIntegrity(chain: GradedCheck, files: GradedCheck): GradedCheck {
  const worse = RANK[files.status] > RANK[chain.status] ? files : chain
  return {
    ...worse,
    check: RECORD_CHECKS.integrity,
    step: RECORD_GROUP.id,
    title: `${chain.title}; ${files.title}`,
    expected: `${chain.expected}; ${files.expected}`,
    actual: `${chain.actual}; ${files.actual}`,
    hint: [chain.hint, files.hint].filter(Boolean).join(' '),
    evidence: [...new Set([...chain.evidence, ...files.evidence])],
    refs: [...chain.refs, ...files.refs],
  }
}

function integrity(record: LabRecord, ev: Evidence): GradedCheck {
  const title = 'every journal line records the sha256 of the line before it'
  const expected = 'an intact hash chain in every run of the record'
  const chains = record.members.map(verifyChain)
  const unreadable = record.refused.filter((r) => r.reason.includes('cannot be read'))
  const broken = chains.filter((c) => c.status === 'broken')
  const hint =
    'The record was changed after it was written. Re-run `pnpm lab` for a clean record; never edit report/runs by hand.'
  if (broken.length > 0 || unreadable.length > 0)
    return result(ev, RECORD_CHECKS.integrity, title, {
      status: 'FAIL',
      expected,
      actual: [...broken.map((c) => c.detail), ...unreadable.map((u) => u.reason)].join('; '),
      hint,
    })
  const unchained = chains.filter((c) => c.status === 'unchained')
  if (unchained.length > 0)
    return result(ev, RECORD_CHECKS.integrity, title, {
      status: 'NOT-GRADABLE',
      expected,
      actual: `${unchained.map((c) => c.detail).join('; ')}${chains.length > unchained.length ? `; the other ${chains.length - unchained.length} run(s) are intact` : ''}`,
      hint: 'A lab4.journal/v1 record was written before the chain existed: it cannot be checked, and that is no sign of tampering. Re-run `pnpm lab` to record a chained run.',
    })
  return result(ev, RECORD_CHECKS.integrity, title, {
    status: 'PASS',
    expected,
    actual: `${chains.length} run(s), ${record.members.reduce((n, m) => n + m.lines.length, 0)} lines, chain intact${record.truncated ? ' (the last run was killed mid-line; that line is not counted)' : ''}`,
    hint: '',
  })
}

function oneCluster(record: LabRecord, ev: Evidence): GradedCheck {
  const title = 'every run of the record ran against the same cluster'
  const expected = 'one cluster identity (kube-system UID and node UIDs) across the composed runs'
  const refused = record.refused.filter((r) => !r.reason.includes('cannot be read'))
  const without = record.runs.filter((r) => !r.identity).map((r) => r.id)
  if (!record.identity)
    return result(ev, RECORD_CHECKS.oneCluster, title, {
      status: 'NOT-GRADABLE',
      expected,
      actual: 'no run of the record recorded the cluster identity (it is read in cluster.ready)',
      hint: 'Run `pnpm lab` through cluster.ready (an older lab4.journal/v1 run records no identity).',
    })
  const ids = record.entries.flatMap((e) =>
    e.type === 'observation' && e.key === IDENTITY_KEY ? [e.id] : [],
  )
  return result(ev, RECORD_CHECKS.oneCluster, title, {
    status: 'PASS',
    expected,
    actual: [
      `${record.runs.length} run(s) against ${formatIdentity(record.identity)}`,
      ...(without.length
        ? [`no identity recorded in ${without.join(', ')} (stopped before cluster.ready)`]
        : []),
      ...refused.map((r) => r.reason),
    ].join('; '),
    hint: '',
    evidence: ids,
  })
}

function timeOrder(record: LabRecord, ev: Evidence): GradedCheck {
  const title = 'timestamps only move forward, within each run and from run to run'
  const expected = 'every line written no earlier than the one before it'
  const problems: string[] = []
  let previousEnd: { run: string; at: number } | undefined
  for (const run of record.members) {
    let latest: { at: number; what: string } | undefined
    run.entries.forEach((e, i) => {
      const t = entryTime(e)
      if (t === undefined || Number.isNaN(t)) return
      const what = `line ${run.lines[i]?.n ?? i + 1} (${'id' in e && typeof e.id === 'string' ? `${e.type} ${e.id}` : e.type})`
      if (latest && t < latest.at - SKEW_MS)
        problems.push(
          `run ${run.header.runId}: ${what} is dated ${new Date(t).toISOString()}, before ${latest.what} at ${new Date(latest.at).toISOString()}`,
        )
      if (!latest || t > latest.at) latest = { at: t, what }
    })
    const start = Date.parse(run.header.startedAt)
    if (previousEnd && start < previousEnd.at - SKEW_MS)
      problems.push(
        `run ${run.header.runId} starts at ${run.header.startedAt}, before run ${previousEnd.run} ended (${new Date(previousEnd.at).toISOString()})`,
      )
    if (latest) previousEnd = { run: run.header.runId, at: latest.at }
  }
  if (problems.length > 0)
    return result(ev, RECORD_CHECKS.timeOrder, title, {
      status: 'FAIL',
      expected,
      actual:
        problems.slice(0, 3).join('; ') + (problems.length > 3 ? `; and ${problems.length - 3} more` : ''),
      hint: 'Lines from another time were put into the record (pasted from another run?). Re-run `pnpm lab` for a clean record.',
    })
  return result(ev, RECORD_CHECKS.timeOrder, title, {
    status: 'PASS',
    expected,
    actual: `${record.members.length} run(s) from ${record.members[0]?.header.startedAt ?? '?'} to ${previousEnd ? new Date(previousEnd.at).toISOString() : '?'}, in order`,
    hint: '',
  })
}

function pods(ev: Evidence, readers: PodReaders): GradedCheck {
  const title = 'each pod has one IP and one node in every output that shows it'
  const expected =
    'the same IP and node in get pods -o wide, the JSON, the ping target, the reply address and the nslookup answer'
  const c = podSightings(ev, readers)
  const entries = (xs: ReadonlyArray<{ entry: string }>) => [...new Set(xs.map((s) => s.entry))]
  if (c.mismatches.length > 0 || c.strays.length > 0)
    return result(ev, RECORD_CHECKS.pods, title, {
      status: 'FAIL',
      expected,
      actual: [
        ...c.mismatches.map(describeMismatch),
        ...c.strays.map((s) => `${s.where} names ${s.value}, which no pod has in the pods JSON`),
      ].join('; '),
      hint: 'Outputs that disagree were changed by hand or come from different runs; every output in the record must be the one the command printed.',
      evidence: entries([...c.mismatches.flatMap((m) => m.seen), ...c.strays]),
    })
  if (c.sightings.length === 0)
    return result(ev, RECORD_CHECKS.pods, title, {
      status: 'NOT-GRADABLE',
      expected,
      actual: 'the record shows no pod (no pods table or JSON was recorded)',
      hint: 'Run the lab through app.deploy and app.network.',
    })
  return result(ev, RECORD_CHECKS.pods, title, {
    status: 'PASS',
    expected,
    actual: `${c.pods} pod(s) agree across ${entries(c.sightings).length} output(s)`,
    hint: '',
    // The wide tables are what a hand edit touches first; the rest agree with them.
    evidence: entries(c.sightings.filter((s) => s.where.startsWith('kubectl get pods -o wide'))),
  })
}
