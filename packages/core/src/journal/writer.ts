// Appends synchronously, one line per event, so a killed run still leaves a readable record.
import { appendFileSync, mkdirSync, writeFileSync, rmSync, symlinkSync, readFileSync } from 'node:fs'
import { createHash, randomBytes } from 'node:crypto'
import { homedir } from 'node:os'
import { join, dirname } from 'node:path'
import { type JournalEntry, JournalEntry as JournalEntrySchema } from './schema.ts'
import { type RedactOptions, redact, redactValue } from '../redact.ts'

export const JOURNAL_FILE = 'journal.ndjson'
export const CONFIG_FILE = 'config.json'

// Artifacts stored as text are redacted like every entry; images and other bytes are kept as they are.
const TEXT_MEDIA = /^(text\/|application\/(json|yaml|x-yaml|xml)|image\/svg\+xml)|\+(json|xml|yaml)$/

export class Journal {
  readonly dir: string
  readonly file: string
  private seq = 0
  private closed = false
  private readonly written: JournalEntry[] = []
  private readonly redaction: RedactOptions

  constructor(dir: string, opts: { append?: boolean; home?: string } = {}) {
    this.dir = dir
    this.file = join(dir, JOURNAL_FILE)
    this.redaction = { home: opts.home ?? process.env.HOME ?? homedir() }
    mkdirSync(join(dir, 'artifacts'), { recursive: true })
    if (opts.append) {
      this.written.push(...readEntries(this.file))
      this.seq = this.written.length
    }
  }

  /** Every entry of the run so far, unredacted for entries written by this process: checks judge the real values (the disk holds redacted lines). */
  get entries(): readonly JournalEntry[] {
    return this.written
  }

  /** A stable id for the next entry: `e0001`, `e0002`, … (continues when appending to a run). */
  nextId(): string {
    this.seq += 1
    return `e${String(this.seq).padStart(4, '0')}`
  }

  /** Append one entry. Every field is redacted here, the one place all of them pass, before the line is hashed or written. */
  write(entry: JournalEntry): void {
    if (this.closed) return
    const valid = JournalEntrySchema.parse(entry) // a malformed entry is a bug here, not a problem for the reader later
    // Redaction only rewrites strings inside strings, so the redacted line matches the schema as well.
    const clean = redactValue(entry, this.redaction)
    appendFileSync(this.file, JSON.stringify(clean) + '\n')
    this.written.push(valid)
  }

  /** Store bytes under artifacts/ (text redacted) and return what an artifact entry needs: the sha256 is of the stored bytes. */
  saveArtifact(
    name: string,
    bytes: Buffer | string,
    mediaType?: string,
  ): { path: string; sha256: string; bytes: number } {
    const rel = join('artifacts', name)
    const text = typeof bytes === 'string' || (mediaType !== undefined && TEXT_MEDIA.test(mediaType))
    const buf = text ? Buffer.from(redact(bytes.toString(), this.redaction)) : Buffer.from(bytes)
    mkdirSync(dirname(join(this.dir, rel)), { recursive: true })
    writeFileSync(join(this.dir, rel), buf)
    return { path: rel, sha256: createHash('sha256').update(buf).digest('hex'), bytes: buf.length }
  }

  /** The run's own config beside the journal (offline checks read it), redacted like every entry. */
  writeConfig(config: unknown): void {
    writeFileSync(
      join(this.dir, CONFIG_FILE),
      JSON.stringify(redactValue(config, this.redaction), null, 2) + '\n',
    )
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
