// Evidence as checks see a recorded run, built from a few entries; every entry is validated by the journal schema.
import { isWriteCommand } from '../command.ts'
import { Evidence, type Versions } from '../evidence.ts'
import { JOURNAL_SCHEMA, JournalEntry, type HeaderEntry } from '../journal/schema.ts'
import { TOOL } from '../tool.ts'

export type CommandSpec = {
  key?: string
  stdout?: string
  stderr?: string
  exitCode?: number | null
  /** Defaults to a read under the lab context: `kubectl --context lab4 get <key>`. */
  argv?: readonly string[]
  stdin?: string
  step?: string
  /** Defaults to what isWriteCommand says of argv. */
  write?: boolean
  durationMs?: number
  long?: boolean
}

export type ArtifactSpec = {
  path?: string
  mediaType?: string
  description?: string
  evidence?: readonly string[]
  step?: string
  bytes?: number
  sha256?: string
}

export type BuilderOptions = {
  /** The step entries are recorded under unless they say otherwise. */
  step?: string
  profile?: string
  simulated?: boolean
  mode?: HeaderEntry['mode']
  /** Start without a header line (a bare list of entries, as some readers get). */
  header?: boolean
  /** Time of the first entry; each further entry is one second later. */
  start?: string
}

/** Builds a run record entry by entry; each method returns the new entry's id, for asserting verdict evidence. */
export class EvidenceBuilder {
  private readonly list: JournalEntry[] = []
  private seq = 0
  private tick = 0
  private readonly step: string
  private readonly profile: string
  private readonly start: number

  constructor(o: BuilderOptions = {}) {
    this.step = o.step ?? 'test.step'
    this.profile = o.profile ?? 'lab4'
    this.start = Date.parse(o.start ?? '2025-01-14T01:30:00.000Z')
    if (o.header ?? true)
      this.push({
        type: 'header',
        schema: JOURNAL_SCHEMA,
        runId: '20250114-013000-test',
        startedAt: this.at(),
        tool: TOOL,
        configHash: 'test',
        configFile: 'lab.config.yaml',
        simulated: o.simulated ?? false,
        mode: o.mode ?? 'lab',
        profile: this.profile,
        platform: { os: 'linux', arch: 'x64', node: 'v20.19.0' },
        argv: [],
      })
  }

  /** A recorded command; `stdout` is what the command printed (use a real-format builder or fixture). */
  command(key: string | undefined, stdout = '', o: Omit<CommandSpec, 'key' | 'stdout'> = {}): string {
    const id = this.nextId()
    const argv = [...(o.argv ?? ['kubectl', '--context', this.profile, 'get', key ?? 'test'])]
    const exitCode = o.exitCode === undefined ? 0 : o.exitCode
    this.push({
      type: 'command',
      id,
      step: o.step ?? this.step,
      ...(key !== undefined ? { key } : {}),
      argv,
      ...(o.stdin !== undefined ? { stdin: o.stdin } : {}),
      stdout,
      stderr: o.stderr ?? '',
      exitCode,
      startedAt: this.at(),
      durationMs: o.durationMs ?? 120,
      write: o.write ?? isWriteCommand(argv),
      ...(o.long ? { long: true } : {}),
    })
    return id
  }

  /** A value derived during the run, with the ids of the entries it came from. */
  observe(key: string, value: unknown, evidence: readonly string[] = [], step = this.step): string {
    const id = this.nextId()
    this.push({ type: 'observation', id, step, key, at: this.at(), value, evidence: [...evidence] })
    return id
  }

  /** A stored file (screenshot, manifest); only its entry is made, no bytes are written. */
  artifact(key: string, o: ArtifactSpec = {}): string {
    const id = this.nextId()
    const path = o.path ?? `artifacts/${key}.png`
    this.push({
      type: 'artifact',
      id,
      step: o.step ?? this.step,
      key,
      path,
      mediaType: o.mediaType ?? (path.endsWith('.png') ? 'image/png' : 'text/plain'),
      sha256: o.sha256 ?? '0'.repeat(64),
      bytes: o.bytes ?? 0,
      description: o.description ?? key,
      evidence: [...(o.evidence ?? [])],
    })
    return id
  }

  versions(v: Versions): this {
    this.push({ type: 'versions', at: this.at(), ...v })
    return this
  }

  get entries(): readonly JournalEntry[] {
    return this.list
  }

  build(): Evidence {
    return new Evidence([...this.list])
  }

  private push(entry: JournalEntry): void {
    // The same validation the journal writer applies: a builder must not make a record the tool could not.
    this.list.push(JournalEntry.parse(entry))
  }

  private nextId(): string {
    this.seq += 1
    return `e${String(this.seq).padStart(4, '0')}`
  }

  private at(): string {
    return new Date(this.start + 1000 * this.tick++).toISOString()
  }
}

export type EntrySpec =
  | ({ type?: 'command' } & CommandSpec)
  | { type: 'observation'; key: string; value: unknown; evidence?: readonly string[]; step?: string }
  | ({ type: 'artifact'; key: string } & ArtifactSpec)

/** Evidence from a few entries (commands unless `type` says otherwise), ids `e0001`, `e0002`, … in order. */
export function evidenceOf(...entries: readonly EntrySpec[]): Evidence {
  return evidenceWith({}, ...entries)
}

/** evidenceOf with builder options (a simulated run, another step or profile). */
export function evidenceWith(o: BuilderOptions, ...entries: readonly EntrySpec[]): Evidence {
  const b = new EvidenceBuilder(o)
  for (const e of entries) {
    if (e.type === 'observation') b.observe(e.key, e.value, e.evidence, e.step)
    else if (e.type === 'artifact') b.artifact(e.key, e)
    else b.command(e.key, e.stdout, e)
  }
  return b.build()
}
