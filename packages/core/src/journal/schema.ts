// The run record: one JSON object per line in report/runs/<run-id>/journal.ndjson. See docs/journal.md.
import { z } from 'zod'

/** What new runs write: v1 plus `prev` (sha256 of the line before) on every line, and the `down` mode. */
export const JOURNAL_SCHEMA = 'lab4.journal/v2'
/** Runs of older tool versions: read as they are, without a hash chain. */
export const JOURNAL_SCHEMA_V1 = 'lab4.journal/v1'
export const JournalSchemaVersion = z.enum([JOURNAL_SCHEMA_V1, JOURNAL_SCHEMA])
export type JournalSchemaVersion = z.infer<typeof JournalSchemaVersion>

export const Status = z.enum(['PASS', 'FAIL', 'NOT-GRADABLE'])
export type Status = z.infer<typeof Status>
export const NotGradableCause = z.enum([
  'no-cluster',
  'simulated',
  'missing-evidence',
  'environment',
  'interrupted',
])
export type NotGradableCause = z.infer<typeof NotGradableCause>
export const StepStatus = z.enum(['changed', 'unchanged', 'failed', 'skipped'])
export type StepStatus = z.infer<typeof StepStatus>

const at = z.string()

export const HeaderEntry = z.object({
  type: z.literal('header'),
  schema: JournalSchemaVersion,
  runId: z.string(),
  startedAt: at,
  tool: z.object({ name: z.string(), version: z.string() }),
  configHash: z.string(),
  configFile: z.string(),
  simulated: z.boolean(),
  /** `down`: a record of `pnpm lab down` alone (it deleted the profile, so the next run starts a new lab record). */
  mode: z.enum(['lab', 'verify', 'self-test', 'down']),
  profile: z.string(),
  platform: z.object({ os: z.string(), arch: z.string(), node: z.string() }),
  argv: z.array(z.string()),
})

export const VersionsEntry = z.object({
  type: z.literal('versions'),
  at,
  minikube: z.string().optional(),
  kubernetes: z.string().optional(),
  calico: z.string().optional(),
  kubectl: z.string().optional(),
  driver: z.string().optional(),
  calicoctl: z.string().optional(),
  images: z.record(z.string(), z.string()).optional(),
})

export const CommandEntry = z.object({
  type: z.literal('command'),
  id: z.string(),
  step: z.string(),
  key: z.string().optional(),
  argv: z.array(z.string()),
  stdin: z.string().optional(),
  stdout: z.string(),
  stderr: z.string(),
  exitCode: z.number().nullable(),
  signal: z.string().optional(),
  timedOut: z.boolean().optional(),
  startedAt: at,
  durationMs: z.number(),
  write: z.boolean(),
  /** A long-running child (port-forward) recorded when it ended. */
  long: z.boolean().optional(),
})

/** A child as it started, with the OS start time: the next run ends it if this run was killed (matching both). */
export const ProcessEntry = z.object({
  type: z.literal('process'),
  at,
  step: z.string().optional(),
  pid: z.number().int(),
  startTime: z.string(),
  argv: z.array(z.string()),
})

export const ArtifactEntry = z.object({
  type: z.literal('artifact'),
  id: z.string(),
  step: z.string(),
  key: z.string(),
  path: z.string(),
  mediaType: z.string(),
  /** Of the stored bytes (after redaction): `pnpm verify` re-hashes the file, so a swapped screenshot shows. */
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be the hex sha256 of the stored file'),
  bytes: z.number(),
  description: z.string(),
  /** Ids of the entries whose output this artifact shows (e.g. the screenshot's port-forward). */
  evidence: z.array(z.string()).default([]),
})

export const ObservationEntry = z.object({
  type: z.literal('observation'),
  id: z.string(),
  step: z.string(),
  key: z.string(),
  at,
  value: z.unknown(),
  evidence: z.array(z.string()),
})

export const NoteEntry = z.object({
  type: z.literal('note'),
  at,
  step: z.string().optional(),
  level: z.enum(['info', 'warn']),
  message: z.string(),
})

export const VerdictEntry = z.object({
  type: z.literal('verdict'),
  at,
  step: z.string(),
  check: z.string(),
  title: z.string(),
  status: Status,
  expected: z.string(),
  actual: z.string(),
  hint: z.string(),
  evidence: z.array(z.string()),
  cause: NotGradableCause.optional(),
})

export const StepStartEntry = z.object({
  type: z.literal('step-start'),
  at,
  step: z.string(),
  title: z.string(),
})
export const StepEndEntry = z.object({
  type: z.literal('step-end'),
  at,
  step: z.string(),
  status: StepStatus,
  durationMs: z.number(),
  /** Time spent inside waits; the bench subtracts it to get orchestration overhead. */
  waitedMs: z.number().default(0),
  error: z.string().optional(),
})
export const EndEntry = z.object({
  type: z.literal('end'),
  at,
  exitCode: z.number(),
  outcome: z.enum(['passed', 'failed', 'error', 'interrupted']),
})

export const JournalEntry = z.discriminatedUnion('type', [
  HeaderEntry,
  VersionsEntry,
  CommandEntry,
  ProcessEntry,
  ArtifactEntry,
  ObservationEntry,
  NoteEntry,
  VerdictEntry,
  StepStartEntry,
  StepEndEntry,
  EndEntry,
])

export type HeaderEntry = z.infer<typeof HeaderEntry>
export type VersionsEntry = z.infer<typeof VersionsEntry>
export type CommandEntry = z.infer<typeof CommandEntry>
export type ProcessEntry = z.infer<typeof ProcessEntry>
export type ArtifactEntry = z.infer<typeof ArtifactEntry>
export type ObservationEntry = z.infer<typeof ObservationEntry>
export type NoteEntry = z.infer<typeof NoteEntry>
export type VerdictEntry = z.infer<typeof VerdictEntry>
export type StepStartEntry = z.infer<typeof StepStartEntry>
export type StepEndEntry = z.infer<typeof StepEndEntry>
export type EndEntry = z.infer<typeof EndEntry>
export type JournalEntry = z.infer<typeof JournalEntry>
