// The hash chain of one run: every v2 line records the sha256 of the line before it. Pure over the lines as read.
import { JOURNAL_SCHEMA_V1 } from '../journal/schema.ts'
import { lineHash } from '../journal/writer.ts'
import type { RunRecord } from '../journal/reader.ts'

export type ChainReport = {
  readonly runId: string
  /** `unchained`: a v1 run, written before the chain existed (never called tampered). */
  readonly status: 'intact' | 'unchained' | 'broken'
  readonly detail: string
  /** The first line that is not where the tool wrote it (1-based), and its entry. */
  readonly line?: number
  readonly entry?: string
}

type Line = RunRecord['lines'][number]

const short = (h: string | undefined) => (h ? `${h.slice(0, 12)}…` : 'none')

/** Check that each line records the hash of the line before it; name the first line that breaks the chain. */
export function verifyChain(run: Pick<RunRecord, 'header' | 'entries' | 'lines' | 'truncated'>): ChainReport {
  const runId = run.header.runId
  const { lines } = run
  const name = (i: number) => entryName(run.entries[i], lines[i])
  if (run.header.schema === JOURNAL_SCHEMA_V1) {
    const chained = lines.findIndex((l) => l.prev !== undefined)
    if (chained < 0)
      return {
        runId,
        status: 'unchained',
        detail: `run ${runId} is a lab4.journal/v1 record: it has no hash chain`,
      }
    // A v2 line under a v1 header: the header was rewritten to dodge the chain.
    return {
      runId,
      status: 'broken',
      line: 1,
      entry: name(0),
      detail: `run ${runId}: the header says lab4.journal/v1 but line ${lines[chained]?.n} carries a hash (prev): the header was edited`,
    }
  }
  const hashes = lines.map((l) => lineHash(l.text))
  for (let i = 0; i < lines.length; i += 1) {
    const expected = i === 0 ? lineHash('') : hashes[i - 1]
    const line = lines[i] as Line
    if (line.prev === expected) continue
    return { runId, status: 'broken', ...culprit(i, lines, hashes, name) }
  }
  const torn = run.truncated
    ? '; its last line was cut off (the run was killed while writing it) and is not counted'
    : ''
  return {
    runId,
    status: 'intact',
    detail: `run ${runId}: ${lines.length} lines, each records the sha256 of the line before it${torn}`,
  }
}

/** Line i does not record the hash of line i-1: say which line is out of place, and how it most likely got there. */
function culprit(
  i: number,
  lines: readonly Line[],
  hashes: readonly string[],
  name: (i: number) => string,
): { line: number; entry: string; detail: string } {
  const here = lines[i] as Line
  const at = (j: number) => `line ${lines[j]?.n} (${name(j)})`
  if (here.prev === undefined)
    return {
      line: here.n,
      entry: name(i),
      detail: `${at(i)} carries no hash of the line before it: it was not written by the tool (pasted in by hand?)`,
    }
  if (i === 0)
    return {
      line: here.n,
      entry: name(i),
      detail: `${at(i)} is not the first line the run wrote: it records the hash ${short(here.prev)} of a line before it`,
    }
  const from = hashes.findIndex((h, j) => j !== i - 1 && h === here.prev)
  if (from >= 0)
    return {
      line: here.n,
      entry: name(i),
      detail: `${at(i)} was moved or copied here: it records the hash of ${at(from)}, not of ${at(i - 1)} before it`,
    }
  // The chain goes around line i: it was inserted between two lines that still follow each other.
  if (lines[i + 1]?.prev === hashes[i - 1])
    return {
      line: here.n,
      entry: name(i),
      detail: `${at(i)} was inserted: ${at(i + 1)} records the hash of ${at(i - 1)}`,
    }
  return {
    line: lines[i - 1]?.n ?? here.n,
    entry: name(i - 1),
    detail: `${at(i - 1)} was changed after it was written: ${at(i)} records sha256 ${short(here.prev)} for it, it now hashes to ${short(hashes[i - 1])}`,
  }
}

function entryName(e: RunRecord['entries'][number] | undefined, l: Line | undefined): string {
  if (!e) return `line ${l?.n ?? '?'}`
  if ('id' in e && typeof e.id === 'string')
    return `${e.type} ${e.id}${'key' in e && e.key ? ` ${e.key}` : ''}`
  if ('step' in e && e.step) return `${e.type} of ${e.step}`
  return e.type
}
