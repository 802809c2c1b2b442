// A lab is an ordered list of named steps: observe, decide, act only when needed, record evidence, judge.
import type { Command, Result } from './command.ts'
import type { Check } from './check.ts'
import type { LabConfig } from './config/schema.ts'
import type { Journal } from './journal/writer.ts'
import type { LiveProcess } from './runner/zx-runner.ts'
import type { WaitOptions, Probe, WaitResult } from './wait.ts'
import type { Versions } from './evidence.ts'

export type Pkg = 'cluster' | 'ipam' | 'app'

/** What `pnpm lab --plan` prints: every command with its argv and every manifest, computed without a cluster. */
export type PlanItem =
  | { kind: 'command'; argv: readonly string[]; stdin?: string; why: string; when?: string }
  | { kind: 'manifest'; path: string; yaml: string; why: string }
  | { kind: 'wait'; condition: string; timeoutS: number }
  | { kind: 'note'; text: string }

export type StepContext = {
  readonly config: LabConfig
  readonly step: string
  readonly signal: AbortSignal
  /** Repo root; manifests are written under `<root>/manifests`. */
  readonly root: string
  readonly journal: Journal
  /** Command-line switches a step may honour (e.g. `recreate`, `yes`, `simulate-self-ping` for self-tests). */
  readonly flags: Readonly<Record<string, string | boolean | undefined>>
  /** Run a command through the recording runner (kubectl must carry --context <profile>; use `kubectl()`). */
  run(command: Command): Promise<Result>
  /** Like run, but throws CommandError on a non-zero exit. */
  must(command: Command, hint?: string): Promise<Result>
  /** argv for kubectl against the lab's own context. */
  kubectl(...args: string[]): string[]
  /** Start a long-running child; it is recorded in the journal when it exits and killed on Ctrl-C. */
  spawn(command: Command): LiveProcess
  /** Record a value derived during the run (page values, pinned pod…) with the entries it came from. */
  observe(key: string, value: unknown, evidence: readonly string[]): string
  /** Store a file (screenshot, rendered manifest) as an artifact of this step; returns the entry id. */
  artifact(
    key: string,
    name: string,
    bytes: Buffer | string,
    o: { mediaType: string; description: string; evidence?: readonly string[] },
  ): string
  versions(v: Versions): void
  note(message: string, level?: 'info' | 'warn'): void
  /** Progress detail shown under the step's spinner. */
  progress(message: string): void
  waitFor(condition: string, probe: Probe, opts: WaitOptions): Promise<WaitResult>
  /** Id of the journal entry the last run()/must() produced. */
  lastEntryId(): string | undefined
}

export type StepOutcome = 'changed' | 'unchanged'

export type Step = {
  /** Stable id: `<pkg>.<name>`, e.g. `cluster.profile`. */
  readonly id: string
  readonly pkg: Pkg
  readonly title: string
  /** The course's numbered items this step covers (lab4-task.md §1), e.g. [1, 2]. */
  readonly labItems: readonly number[]
  plan(config: LabConfig): PlanItem[]
  /** Observe, decide, act; returns whether it changed the cluster. */
  run(ctx: StepContext): Promise<StepOutcome>
  /** Read-only evidence capture; the live `pnpm verify` runs only this. */
  collect(ctx: StepContext): Promise<void>
  readonly checks: readonly Check[]
}

export const defineStep = (s: Step): Step => s
