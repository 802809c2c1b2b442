// Appends synchronously, one line per event, so a killed run still leaves a readable record.
// Each line carries `prev`, the sha256 of the line before it (the first line: of nothing), so edits show.
import { appendFileSync, mkdirSync, writeFileSync, rmSync, symlinkSync, readFileSync } from 'node:fs'
import { createHash, randomBytes } from 'node:crypto'
import { homedir } from 'node:os'
import { join, dirname } from 'node:path'
import { type JournalEntry, JournalEntry as JournalEntrySchema } from './schema.ts'
import { type RedactOptions, redact, redactValue } from '../redact.ts'

export const JOURNAL_FILE = 'journal.ndjson'

/** sha256 hex of one journal line as written (without its newline); `lineHash('')` is what the first line records. */
export const lineHash = (line: string): string => createHash('sha256').update(line, 'utf8').digest('hex')
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
  /** The hash the next line records: of the last line on disk, or of nothing for a new journal. */
  private prev = lineHash('')

  constructor(dir: string, opts: { append?: boolean; home?: string } = {}) {
    this.dir = dir
    this.file = join(dir, JOURNAL_FILE)
    this.redaction = { home: opts.home ?? process.env.HOME ?? homedir() }
    mkdirSync(join(dir, 'artifacts'), { recursive: true })
    if (opts.append) {
      const { entries, last } = readEntries(this.file)
      this.written.push(...entries)
      this.seq = this.written.length
      if (last !== undefined) this.prev = lineHash(last)
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
    const line = JSON.stringify({ ...clean, prev: this.prev })
    appendFileSync(this.file, line + '\n')
    this.prev = lineHash(line)
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
// `last` is the last whole line: the chain goes on from it.
function readEntries(file: string): { entries: JournalEntry[]; last: string | undefined } {
  let text = ''
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    return { entries: [], last: undefined }
  }
  let last: string | undefined
  const entries = text.split('\n').flatMap((line) => {
    if (line.trim() === '') return []
    try {
      const entry = JournalEntrySchema.parse(JSON.parse(line))
      last = line
      return [entry]
    } catch {
      return []
    }
  })
  return { entries, last }
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
