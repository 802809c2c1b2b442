// Read a lab record from disk: a run directory pins that one run; a directory of runs (report/runs) gives
// the composed view of the lab record it holds. The thin shell around select.ts and compose.ts.
import { existsSync, lstatSync, readdirSync, realpathSync } from 'node:fs'
import { basename, join } from 'node:path'
import { LabError } from '../errors.ts'
import { readRun, type RunRecord } from '../journal/reader.ts'
import { JOURNAL_FILE } from '../journal/writer.ts'
import { compose, type StepOrigin } from './compose.ts'
import { identityOf, type ClusterIdentity } from './identity.ts'
import { runInfo, selectRecord, type Refusal, type RunInfo } from './record.ts'

export type LabRecord = RunRecord & {
  /** `run`: one run pinned with --run <run-dir>; `record`: the composed view of a directory of runs. */
  readonly kind: 'run' | 'record'
  /** The runs composed, oldest first, as read (their own lines: the hash chain is checked on these). */
  readonly members: readonly RunRecord[]
  readonly runs: readonly RunInfo[]
  readonly refused: readonly Refusal[]
  readonly identity: ClusterIdentity | undefined
  readonly origins: readonly StepOrigin[]
  /** Composed entry id → id of the run that recorded it. */
  readonly entryRun: ReadonlyMap<string, string>
  /** The newest run's directory: its config.json is the config the record is judged with. */
  readonly configDir: string
}

export type ReadRecordOptions = {
  /** Step ids in catalogue order (steps that never ran are listed too). */
  readonly order?: readonly string[]
}

/** `dir` is one run (journal.ndjson inside) or a directory of runs; the latter is composed into the lab record. */
export function readLabRecord(dir: string, opts: ReadRecordOptions = {}): LabRecord {
  if (existsSync(join(dir, JOURNAL_FILE))) return pinned(readRun(dir), opts)
  if (!existsSync(dir) || !lstatSync(realpathSync(dir)).isDirectory())
    throw new LabError(`No run record at ${dir}`, {
      hint: 'Run `pnpm lab` (or `pnpm lab --simulate`) first, or pass --run with a run directory (report/runs/<id>) or the runs directory (report/runs).',
    })
  const root = realpathSync(dir)
  const runs: RunRecord[] = []
  const unreadable: Refusal[] = []
  for (const name of readdirSync(root).sort()) {
    const path = join(root, name)
    // `latest` is a symlink to one of the runs; a run is a real directory with a journal in it.
    if (name.startsWith('.') || lstatSync(path).isSymbolicLink() || !existsSync(join(path, JOURNAL_FILE)))
      continue
    try {
      runs.push(readRun(path))
    } catch (err) {
      unreadable.push({
        runId: name,
        dir: path,
        reason: `run ${name} cannot be read: ${(err as Error).message}`,
      })
    }
  }
  const infos = runs.map(runInfo)
  const sel = selectRecord(infos)
  if (sel.deletedBy)
    throw new LabError(
      `The newest run in ${dir} is \`pnpm lab down\` (run ${sel.deletedBy.id}, ${sel.deletedBy.startedAt}): the lab's cluster was deleted and no lab has run since`,
      {
        hint: 'Run `pnpm lab` to start a new lab record, or pass --run report/runs/<id> to read one earlier run.',
      },
    )
  if (sel.members.length === 0)
    throw new LabError(
      `No lab run in ${dir}${unreadable.length ? ` (${unreadable.map((u) => u.reason).join('; ')})` : ''}`,
      {
        hint: 'Run `pnpm lab` (or `pnpm lab --simulate`) first.',
      },
    )
  const sorted = sel.members.map((m) => runs.find((r) => r.dir === m.dir) as RunRecord)
  const c = compose(sorted, {
    qualify: sorted.length > 1,
    artifactPrefix: (run) => `${basename(run.dir)}/`,
    ...(opts.order ? { order: opts.order } : {}),
  })
  const anchor = sorted.at(-1) as RunRecord
  return {
    dir: root,
    header: c.header,
    entries: c.entries,
    truncated: anchor.truncated,
    schema: anchor.schema,
    lines: [],
    kind: 'record',
    members: sorted,
    runs: sel.members,
    refused: [...unreadable, ...sel.refused],
    identity: sel.identity,
    origins: c.origins,
    entryRun: c.entryRun,
    configDir: anchor.dir,
  }
}

/** One run as a record of its own: ids and paths as recorded, verdicts of unfinished steps judged as such. */
function pinned(run: RunRecord, opts: ReadRecordOptions): LabRecord {
  const c = compose([run], { qualify: false, ...(opts.order ? { order: opts.order } : {}) })
  return {
    ...run,
    header: c.header,
    entries: c.entries,
    kind: 'run',
    members: [run],
    runs: [runInfo(run)],
    refused: [],
    identity: identityOf(run.entries),
    origins: c.origins,
    entryRun: c.entryRun,
    configDir: run.dir,
  }
}
