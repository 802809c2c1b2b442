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

  constructor(dir: string, opts: { append?: boolean } = {}) {
    this.dir = dir
    this.file = join(dir, JOURNAL_FILE)
    mkdirSync(join(dir, 'artifacts'), { recursive: true })
    if (opts.append) this.seq = countLines(this.file)
  }

  /** A stable id for the next entry: `e0001`, `e0002`, … (continues when appending to a run). */
  nextId(): string {
    this.seq += 1
    return `e${String(this.seq).padStart(4, '0')}`
  }

  write(entry: JournalEntry): void {
    if (this.closed) return
    JournalEntrySchema.parse(entry) // a malformed entry is a bug here, not a problem for the reader later
    appendFileSync(this.file, JSON.stringify(entry) + '\n')
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

function countLines(file: string): number {
  try {
    return readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l.trim() !== '').length
  } catch {
    return 0
  }
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
