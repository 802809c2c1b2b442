// Simulated evidence is recognisable wherever it is printed, whatever the record's header says. The simulator
// (@lab4/sim) writes its hex identifiers self-checking with `selfChecking`: the tail of each is a keyed hash of its
// head, so the formats stay those of a real cluster while a real one matches by chance with odds of 2^-48 or less
// per value. The node kernel carries the simulator's own flavour name. Both sides of the format live here.
import { createHash } from 'node:crypto'
import type { JournalEntry } from '../journal/schema.ts'

/** The key both sides hash with; changing it is a format change of the simulator's outputs. */
export const FINGERPRINT_KEY = 'lab4-sim/v1:'

const fp = (head: string, n: number): string =>
  createHash('sha256')
    .update(FINGERPRINT_KEY + head.toLowerCase())
    .digest('hex')
    .slice(0, n)

/** The simulator's side: a hex string with its last `tail` digits replaced by the keyed hash of the others (idempotent). */
export const selfChecking = (hex: string, tail: number): string =>
  hex.slice(0, -tail) + fp(hex.slice(0, -tail), tail)

/** The grader's side: whether the last `tail` digits are the keyed hash of the rest. */
const selfChecks = (hex: string, tail: number): boolean =>
  fp(hex.slice(0, -tail), tail) === hex.slice(-tail).toLowerCase()

export type FingerprintKind =
  'object-uid' | 'machine-id' | 'sha256-digest' | 'container-id' | 'minikube-commit' | 'node-kernel'
export type Fingerprint = { readonly entry: string; readonly kind: FingerprintKind; readonly value: string }

// UUIDs (object UIDs, node boot/system ids), 64-hex (image digests, container ids), 40-hex (git commits),
// 32-hex (node machine ids).
const UUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi
const HEX64 = /(?<![0-9a-f])[0-9a-f]{64}(?![0-9a-f])/gi
const HEX40 = /(?<![0-9a-f])[0-9a-f]{40}(?![0-9a-f])/gi
const HEX32 = /(?<![0-9a-f-])[0-9a-f]{32}(?![0-9a-f-])/gi
export const SIM_KERNEL_FLAVOUR = 'lab4sim'
const KERNEL = /\b\d+\.\d+\.\d+-\d+-lab4sim\b/g

/** Pure: every simulator fingerprint in one text. */
export function fingerprintsIn(text: string): Array<{ kind: FingerprintKind; value: string }> {
  const out: Array<{ kind: FingerprintKind; value: string }> = []
  for (const [m] of text.matchAll(UUID))
    if (selfChecks(m.replace(/-/g, ''), 12)) out.push({ kind: 'object-uid', value: m })
  for (const m of text.matchAll(HEX64)) {
    if (!selfChecks(m[0], 16)) continue
    const before = text.slice(Math.max(0, (m.index ?? 0) - 12), m.index)
    out.push({ kind: /:\/\/$/.test(before) ? 'container-id' : 'sha256-digest', value: m[0] })
  }
  for (const [m] of text.matchAll(HEX40))
    if (selfChecks(m, 12)) out.push({ kind: 'minikube-commit', value: m })
  for (const [m] of text.matchAll(HEX32)) if (selfChecks(m, 12)) out.push({ kind: 'machine-id', value: m })
  for (const [m] of text.matchAll(KERNEL)) out.push({ kind: 'node-kernel', value: m })
  return out
}

/** Pure: the fingerprints in a record's evidence (command outputs and observed values), by entry. */
export function simulatorFingerprints(entries: readonly JournalEntry[]): Fingerprint[] {
  return entries.flatMap((e) => {
    if (e.type !== 'command' && e.type !== 'observation') return []
    const text = e.type === 'command' ? `${e.stdout}\n${e.stderr}` : JSON.stringify(e.value)
    return fingerprintsIn(text).map((f) => ({ entry: e.id, ...f }))
  })
}

/** One line for a person: how many fingerprints, of which kinds, and the first few entries. */
export function describeFingerprints(found: readonly Fingerprint[]): string {
  const kinds = [...new Set(found.map((f) => f.kind))]
  const entries = [...new Set(found.map((f) => f.entry))]
  const first = found[0]
  return `${found.length} simulator fingerprint${found.length === 1 ? '' : 's'} (${kinds.join(', ')}) in ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}${first ? `, first ${first.kind} ${first.value} in ${first.entry}` : ''}`
}

/**
 * Pure: is this record simulated, whatever its header claims? `undefined` for a real one; otherwise the hint a
 * grader reads (the fingerprints named when the header says otherwise).
 */
export function simulatedReason(run: {
  readonly header: { readonly simulated: boolean }
  readonly entries: readonly JournalEntry[]
}): { readonly hint?: string } | undefined {
  if (run.header.simulated) return {}
  const found = simulatorFingerprints(run.entries)
  if (found.length === 0) return undefined
  return {
    hint: `The header says this run came from a cluster, but its outputs carry ${describeFingerprints(found)}: it was recorded against the simulator. Run \`pnpm lab\` on minikube and verify that run.`,
  }
}
