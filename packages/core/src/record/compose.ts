// The composed view of a lab record: per step, its acts (write commands) from the runs that performed them and
// its reads, observations and verdicts from the latest run in which the step completed. Pure.
import type { ArtifactEntry, CommandEntry, HeaderEntry, JournalEntry } from '../journal/schema.ts'
import type { RunRecord } from '../journal/reader.ts'
import { judgeUnfinished, stepAttempts, type StepAttempt, type StepState } from './steps.ts'

export type Member = Pick<RunRecord, 'dir' | 'header' | 'entries'>

/** A write command as the composed view shows it, with the run that performed it. */
export type Act = {
  readonly runId: string
  /** The entry id in the composed view. */
  readonly id: string
  readonly at: string
  readonly key: string | undefined
  readonly argv: readonly string[]
  readonly exitCode: number | null
}

/** Where one step's evidence comes from. */
export type StepOrigin = {
  readonly step: string
  /** The run whose reads, observations and verdicts stand for the step: the latest in which it completed, else its latest attempt. */
  readonly observed:
    | {
        readonly runId: string
        readonly startedAt: string
        readonly endedAt: string | undefined
        readonly state: StepState
      }
    | undefined
  readonly acts: readonly Act[]
  /** The step's newest attempt, when it is newer than the observed one (so it did not complete). */
  readonly latest:
    | {
        readonly runId: string
        readonly startedAt: string
        readonly state: StepState
        readonly error: string | undefined
      }
    | undefined
}

export type Composition = {
  readonly header: HeaderEntry
  readonly entries: readonly JournalEntry[]
  readonly origins: readonly StepOrigin[]
  /** Composed entry id → the id of the run it was recorded in. */
  readonly entryRun: ReadonlyMap<string, string>
}

export type ComposeOptions = {
  /** Prefix entry ids with their run id (`<run>:e0001`); needed as soon as two runs are composed. */
  readonly qualify: boolean
  /** Prefix of artifact paths, so they resolve from the directory the composed view is read from. */
  readonly artifactPrefix?: (run: Member) => string
  /** Step ids in catalogue order; steps not listed follow in the order they first ran. */
  readonly order?: readonly string[]
}

type Segments = { byStep: Map<string, JournalEntry[]>; runLevel: JournalEntry[]; order: string[] }

/** Split a run into the entries of each step (an entry without a step belongs to the step it was written in). */
function segments(run: Member): Segments {
  const byStep = new Map<string, JournalEntry[]>()
  const runLevel: JournalEntry[] = []
  const order: string[] = []
  let current: string | undefined
  for (const e of run.entries) {
    if (e.type === 'header') continue
    if (e.type === 'step-start') {
      current = e.step
      if (!order.includes(e.step)) order.push(e.step)
    }
    const own = 'step' in e && typeof e.step === 'string' ? e.step : undefined
    const step = e.type === 'end' ? undefined : (own ?? current)
    if (step === undefined) runLevel.push(e)
    else byStep.set(step, [...(byStep.get(step) ?? []), e])
    if (e.type === 'step-end' && e.step === current) current = undefined
  }
  return { byStep, runLevel, order }
}

const isWrite = (e: JournalEntry): e is CommandEntry => e.type === 'command' && e.write
const actKey = (c: CommandEntry) => c.key ?? c.argv.join('\u0000')

export function compose(members: readonly Member[], opts: ComposeOptions): Composition {
  const anchor = members.at(-1)
  if (!anchor) throw new Error('compose: a lab record has at least one run')
  const segs = members.map(segments)
  const attempts = members.map((m) => stepAttempts(m.entries))
  const seen = segs.flatMap((s) => s.order)
  const order = [...new Set([...(opts.order ?? []), ...seen])]
  const entryRun = new Map<string, string>()

  const rewrite = (i: number, e: JournalEntry): JournalEntry => {
    const run = members[i] as Member
    const runId = run.header.runId
    const q = (id: string) => (opts.qualify ? `${runId}:${id}` : id)
    const prefix = opts.artifactPrefix?.(run) ?? ''
    let out: JournalEntry = e
    if (e.type === 'command') out = { ...e, id: q(e.id) }
    if (e.type === 'observation') out = { ...e, id: q(e.id), evidence: e.evidence.map(q) }
    if (e.type === 'artifact')
      out = { ...e, id: q(e.id), path: prefix + e.path, evidence: e.evidence.map(q) } satisfies ArtifactEntry
    if (e.type === 'verdict') out = { ...e, evidence: e.evidence.map(q) }
    if ('id' in out && typeof out.id === 'string') entryRun.set(out.id, runId)
    return out
  }

  const entries: JournalEntry[] = []
  const origins: StepOrigin[] = []
  for (const step of order) {
    const tried = members.flatMap((_, i) => (attempts[i]?.has(step) ? [i] : []))
    const done = tried.filter((i) => attempts[i]?.get(step)?.state === 'completed')
    const obs = done.at(-1) ?? tried.at(-1)
    const acts: Act[] = []
    members.forEach((m, i) => {
      const seg = segs[i]?.byStep.get(step) ?? []
      const attempt = attempts[i]?.get(step) as StepAttempt | undefined
      const kept =
        i === obs
          ? seg
          : seg.filter(
              (e) =>
                isWrite(e) &&
                // A failed or killed act that a later run performed again is shown once: the later one.
                (e.exitCode === 0 ||
                  !segs
                    .slice(i + 1)
                    .some((s) =>
                      (s.byStep.get(step) ?? []).some((x) => isWrite(x) && actKey(x) === actKey(e)),
                    )),
            )
      for (const e of kept) {
        const judged = e.type === 'verdict' && i === obs ? judgeUnfinished(e, attempt) : e
        const out = rewrite(i, judged)
        entries.push(out)
        if (out.type === 'command' && out.write)
          acts.push({
            runId: m.header.runId,
            id: out.id,
            at: out.startedAt,
            key: out.key,
            argv: out.argv,
            exitCode: out.exitCode,
          })
      }
    })
    const o = obs === undefined ? undefined : attempts[obs]?.get(step)
    const newest = tried.at(-1)
    const l = newest === undefined || newest === obs ? undefined : attempts[newest]?.get(step)
    origins.push({
      step,
      observed:
        o && obs !== undefined
          ? {
              runId: members[obs]?.header.runId ?? '',
              startedAt: o.startedAt,
              endedAt: o.endedAt,
              state: o.state,
            }
          : undefined,
      acts,
      latest:
        l && newest !== undefined
          ? {
              runId: members[newest]?.header.runId ?? '',
              startedAt: l.startedAt,
              state: l.state,
              error: l.error,
            }
          : undefined,
    })
  }
  // The last run's own lines (its end, notes of no step) close the view: its outcome is the lab's latest word.
  const last = members.length - 1
  for (const e of segs[last]?.runLevel ?? []) entries.push(rewrite(last, e))
  const header: HeaderEntry = { ...anchor.header, simulated: members.some((m) => m.header.simulated) }
  return { header, entries: [header, ...entries], origins, entryRun }
}
