import { readFileSync, existsSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { LabError } from '../errors.ts'
import {
  type JournalEntry,
  JournalEntry as JournalEntrySchema,
  type HeaderEntry,
  type JournalSchemaVersion,
} from './schema.ts'
import { JOURNAL_FILE } from './writer.ts'

/** One line of the file as it was read, beside the entry it holds: what the hash chain is checked on. */
export type JournalLine = {
  /** 1-based line number in journal.ndjson. */
  readonly n: number
  /** The line's exact text, without its newline. */
  readonly text: string
  /** The sha256 of the line before, as this line recorded it (v2); absent on v1 lines. */
  readonly prev: string | undefined
}

export type RunRecord = {
  readonly dir: string
  readonly header: HeaderEntry
  readonly entries: readonly JournalEntry[]
  /** True when the last line was cut off (the run was killed mid-write); that line is dropped. */
  readonly truncated: boolean
  /** The schema the header names: v1 runs have no hash chain. */
  readonly schema: JournalSchemaVersion
  /** The raw lines, one per entry (same order and length as `entries`). */
  readonly lines: readonly JournalLine[]
}

/** Read and validate a run record. Every line must match the schema; a torn last line is tolerated. */
export function readRun(dir: string): RunRecord {
  const real = existsSync(dir) ? realpathSync(dir) : dir
  const file = join(real, JOURNAL_FILE)
  if (!existsSync(file)) {
    throw new LabError(`No run record at ${file}`, {
      hint: 'Run `pnpm lab` (or `pnpm lab --simulate`) first, or pass --run <dir> of a recorded run.',
    })
  }
  const text = readFileSync(file, 'utf8').split('\n')
  const entries: JournalEntry[] = []
  const lines: JournalLine[] = []
  let truncated = false
  text.forEach((line, i) => {
    if (line.trim() === '') return
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      if (i >= text.length - 2) {
        truncated = true
        return
      }
      throw new LabError(`${file}:${i + 1} is not JSON`, {
        hint: 'The run record is damaged; re-run the lab.',
      })
    }
    const parsed = JournalEntrySchema.safeParse(json)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new LabError(
        `${file}:${i + 1} does not match the journal schema at ${issue?.path.join('.') || '(root)'}: ${issue?.message}`,
        {
          hint: 'See docs/journal.md for the schema; the record may come from another tool version.',
        },
      )
    }
    entries.push(parsed.data)
    const prev = (json as { prev?: unknown }).prev
    lines.push({ n: i + 1, text: line, prev: typeof prev === 'string' ? prev : undefined })
  })
  const header = entries[0]
  if (!header || header.type !== 'header')
    throw new LabError(`${file} has no header line`, { hint: 'The run record is damaged; re-run the lab.' })
  return { dir: real, header, entries, truncated, schema: header.schema, lines }
}
