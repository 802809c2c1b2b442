// A read-only view over a run record; checks see the world only through this.
import type {
  ArtifactEntry,
  CommandEntry,
  HeaderEntry,
  JournalEntry,
  ObservationEntry,
  VersionsEntry,
} from './journal/schema.ts'

export type Versions = Omit<VersionsEntry, 'type' | 'at'>

export class Evidence {
  readonly entries: readonly JournalEntry[]
  readonly header: HeaderEntry | undefined

  constructor(entries: readonly JournalEntry[]) {
    this.entries = entries
    const h = entries[0]
    this.header = h?.type === 'header' ? h : undefined
  }

  get simulated(): boolean {
    return this.header?.simulated ?? false
  }

  /** The most recent command recorded under `key`. */
  command(key: string): CommandEntry | undefined {
    return this.commands(key).at(-1)
  }

  commands(key?: string): CommandEntry[] {
    return this.entries.filter(
      (e): e is CommandEntry => e.type === 'command' && (key === undefined || e.key === key),
    )
  }

  /** Commands whose key starts with `prefix` (e.g. every `app.ping.` run). */
  commandsWithPrefix(prefix: string): CommandEntry[] {
    return this.commands().filter((c) => c.key?.startsWith(prefix))
  }

  observation<T = unknown>(key: string): (ObservationEntry & { value: T }) | undefined {
    return this.observations<T>(key).at(-1)
  }

  observations<T = unknown>(key: string): Array<ObservationEntry & { value: T }> {
    return this.entries.filter(
      (e): e is ObservationEntry & { value: T } => e.type === 'observation' && e.key === key,
    )
  }

  artifact(key: string): ArtifactEntry | undefined {
    return this.entries.filter((e): e is ArtifactEntry => e.type === 'artifact' && e.key === key).at(-1)
  }

  artifacts(): ArtifactEntry[] {
    return this.entries.filter((e): e is ArtifactEntry => e.type === 'artifact')
  }

  byId(id: string): JournalEntry | undefined {
    return this.entries.find((e) => 'id' in e && e.id === id)
  }

  /** Every versions line merged, later values winning. */
  versions(): Versions {
    const merged: Versions = {}
    for (const e of this.entries) {
      if (e.type !== 'versions') continue
      const { type: _t, at: _a, images, ...rest } = e
      Object.assign(merged, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)))
      // Image digests accumulate across lines; one line's images never hide another's.
      if (images) merged.images = { ...merged.images, ...images }
    }
    return merged
  }
}
