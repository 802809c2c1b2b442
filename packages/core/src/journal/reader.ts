import { readFileSync, existsSync, realpathSync } from 'node:fs'
import { join } from 'node:path'
import { LabError } from '../errors.ts'
import { type JournalEntry, JournalEntry as JournalEntrySchema, type HeaderEntry } from './schema.ts'
import { JOURNAL_FILE } from './writer.ts'

export type RunRecord = {
  readonly dir: string
  readonly header: HeaderEntry
  readonly entries: readonly JournalEntry[]
  /** True when the last line was cut off (the run was killed mid-write); that line is dropped. */
  readonly truncated: boolean
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
  const lines = readFileSync(file, 'utf8').split('\n')
  const entries: JournalEntry[] = []
  let truncated = false
  lines.forEach((line, i) => {
    if (line.trim() === '') return
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch {
      if (i >= lines.length - 2) {
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
  })
  const header = entries[0]
  if (!header || header.type !== 'header')
    throw new LabError(`${file} has no header line`, { hint: 'The run record is damaged; re-run the lab.' })
  return { dir: real, header, entries, truncated }
}
