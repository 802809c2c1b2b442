// Which runs form the lab record: the runs of one profile against one cluster identity, back to the run that
// created that cluster (`--recreate`) or to `pnpm lab down`. Pure over run summaries.
import type { EndEntry, JournalEntry, JournalSchemaVersion } from '../journal/schema.ts'
import type { RunRecord } from '../journal/reader.ts'
import { isWriteCommand } from '../command.ts'
import { formatIdentity, identityOf, sameIdentity, type ClusterIdentity } from './identity.ts'
import { stepAttempts, type StepAttempt } from './steps.ts'

export type RunInfo = {
  readonly id: string
  readonly dir: string
  readonly startedAt: string
  readonly mode: RunRecord['header']['mode']
  readonly profile: string
  readonly simulated: boolean
  readonly schema: JournalSchemaVersion
  readonly configHash: string
  /** `killed`: no end line (the process died without closing its journal). */
  readonly outcome: EndEntry['outcome'] | 'killed'
  readonly identity: ClusterIdentity | undefined
  /** The run deleted the cluster (`minikube delete` succeeded): what it did after belongs to a new cluster. */
  readonly recreated: boolean
  readonly steps: readonly StepAttempt[]
}

/** A run kept out of the record, and why. */
export type Refusal = { readonly runId: string; readonly dir: string; readonly reason: string }

/** `minikube delete …`: the one command after which the cluster is another one. */
export const deletesCluster = (argv: readonly string[]): boolean =>
  (argv[0]?.split('/').pop() ?? '') === 'minikube' && isWriteCommand(argv) && argv.slice(1).includes('delete')

export function runInfo(run: Pick<RunRecord, 'dir' | 'header' | 'entries' | 'schema'>): RunInfo {
  const h = run.header
  const end = run.entries.findLast((e): e is EndEntry => e.type === 'end')
  return {
    id: h.runId,
    dir: run.dir,
    startedAt: h.startedAt,
    mode: h.mode,
    profile: h.profile,
    simulated: h.simulated,
    schema: run.schema,
    configHash: h.configHash,
    outcome: end?.outcome ?? 'killed',
    identity: identityOf(run.entries),
    recreated: run.entries.some((e) => e.type === 'command' && e.exitCode === 0 && deletesCluster(e.argv)),
    steps: [...stepAttempts(run.entries).values()],
  }
}

export type Selection = {
  /** Oldest first; the last one is the run the record ends with. */
  readonly members: readonly RunInfo[]
  readonly refused: readonly Refusal[]
  readonly identity: ClusterIdentity | undefined
  /** Set when the newest run is `pnpm lab down`: the lab has no run since its cluster was deleted. */
  readonly deletedBy: RunInfo | undefined
}

const byStart = (a: RunInfo, b: RunInfo) =>
  a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.id.localeCompare(b.id)

/**
 * The record ends with the newest lab run (or `down`) and takes that run's profile. Walking back, it stops
 * before a `down` run and after a run that deleted the cluster; a run of another cluster identity is refused.
 * Live-verify and self-test runs are not lab runs and take no part.
 */
export function selectRecord(runs: readonly RunInfo[]): Selection {
  // A down that failed deleted nothing: it ends no record.
  const lab = runs
    .filter((r) => r.mode === 'lab' || (r.mode === 'down' && r.outcome === 'passed'))
    .sort(byStart)
  const anchor = lab.at(-1)
  if (!anchor) return { members: [], refused: [], identity: undefined, deletedBy: undefined }
  if (anchor.mode === 'down') return { members: [], refused: [], identity: undefined, deletedBy: anchor }
  const mine = lab.filter((r) => r.profile === anchor.profile)
  const members: RunInfo[] = []
  const refused: Refusal[] = []
  let identity: ClusterIdentity | undefined
  for (let i = mine.length - 1; i >= 0; i -= 1) {
    const r = mine[i] as RunInfo
    if (r.mode === 'down') break
    if (r.identity && identity && !sameIdentity(r.identity, identity)) {
      refused.push({
        runId: r.id,
        dir: r.dir,
        reason: `run ${r.id} ran against another cluster (${formatIdentity(r.identity)}) than this lab record (${formatIdentity(identity)}): refused from the composition`,
      })
      continue
    }
    identity ??= r.identity
    members.unshift(r)
    if (r.recreated) break
  }
  return { members, refused: refused.reverse(), identity, deletedBy: undefined }
}

/** Every timestamp an entry carries, as the moment the entry was written (a command: when it ended). */
export function entryTime(e: JournalEntry): number | undefined {
  if (e.type === 'header') return Date.parse(e.startedAt)
  if (e.type === 'command') return Date.parse(e.startedAt) + e.durationMs
  if ('at' in e && typeof e.at === 'string') return Date.parse(e.at)
  return undefined
}
