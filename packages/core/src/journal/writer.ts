// Appends synchronously, one line per event, so a killed run still leaves a readable record.
import { appendFileSync, mkdirSync, writeFileSync, rmSync, symlinkSync, readFileSync } from 'node:fs'
import { createHash, randomBytes } from 'node:crypto'
import { join, dirname } from 'node:path'
import { type JournalEntry, JournalEntry as JournalEntrySchema } from './schema.ts'

export const JOURNAL_FILE = 'journal.ndjson'

export class Journal {
  readonly dir: string
  readonly file: string
  private seq = 0
  private closed = false
  private readonly written: JournalEntry[] = []

  constructor(dir: string, opts: { append?: boolean } = {}) {
    this.dir = dir
    this.file = join(dir, JOURNAL_FILE)
    mkdirSync(join(dir, 'artifacts'), { recursive: true })
    if (opts.append) {
      this.written.push(...readEntries(this.file))
      this.seq = this.written.length
    }
  }

  /** Every entry of the run so far (those already on disk when appending, then each one written), as validated. */
  get entries(): readonly JournalEntry[] {
    return this.written
  }

  /** A stable id for the next entry: `e0001`, `e0002`, … (continues when appending to a run). */
  nextId(): string {
    this.seq += 1
    return `e${String(this.seq).padStart(4, '0')}`
  }

  write(entry: JournalEntry): void {
    if (this.closed) return
    const valid = JournalEntrySchema.parse(entry) // a malformed entry is a bug here, not a problem for the reader later
    appendFileSync(this.file, JSON.stringify(entry) + '\n')
    this.written.push(valid)
  }

  /** Store bytes under artifacts/ and return what an artifact entry needs. */
  saveArtifact(name: string, bytes: Buffer | string): { path: string; sha256: string; bytes: number } {
    const rel = join('artifacts', name)
    const buf = typeof bytes === 'string' ? Buffer.from(bytes) : bytes
    mkdirSync(dirname(join(this.dir, rel)), { recursive: true })
    writeFileSync(join(this.dir, rel), buf)
    return { path: rel, sha256: createHash('sha256').update(buf).digest('hex'), bytes: buf.length }
  }

  close(): void {
    this.closed = true
  }
}

// The lines already in a run we append to; a torn last line (a killed run) is skipped, as readRun does.
function readEntries(file: string): JournalEntry[] {
  let text = ''
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return []
  }
  return text.split('\n').flatMap((line) => {
    if (line.trim() === '') return []
    try {
      return [JournalEntrySchema.parse(JSON.parse(line))]
    } catch {
      return []
    }
  })
}

export function newRunId(now = new Date()): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${stamp}-${randomBytes(2).toString('hex')}`
}

/** Point `<runsDir>/latest` at `runId` (a relative symlink, so the folder can be moved or committed). */
export function markLatest(runsDir: string, runId: string): void {
  const link = join(runsDir, 'latest')
  rmSync(link, { force: true, recursive: false })
  symlinkSync(runId, link, 'dir')
}
