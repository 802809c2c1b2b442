// A negative control: a small, reversible change to the lab world that named checks must notice.
import type { Command, LabConfig, Probe, Result, WaitOptions } from '@lab4/core'

export type Flags = Readonly<Record<string, string | boolean | undefined>>

/** Values `apply` hands to `restore` (e.g. the replica count it found before scaling to 0). */
export type Memo = Readonly<Record<string, string>>

/** What a mutation may do to the world: recorded commands, named waits, and re-running lab steps. */
export type World = {
  readonly config: LabConfig
  run(command: Command): Promise<Result>
  /** Like run, but throws on a non-zero exit. */
  must(command: Command, hint?: string): Promise<Result>
  /** kubectl argv against the lab context. */
  kubectl(...args: string[]): string[]
  /** calicoctl argv through the calicoctl pod (`kubectl exec -i -n kube-system calicoctl -- calicoctl …`). */
  calicoctl(...args: string[]): string[]
  waitFor(condition: string, probe: Probe, opts: WaitOptions): Promise<unknown>
  /** Re-run lab steps' `run` phase in order: the lab's own idempotent repair, used to restore. */
  rerun(stepIds: readonly string[], flags?: Flags): Promise<void>
}

export type Mutation = {
  readonly id: string
  readonly description: string
  /**
   * What must turn red while the mutation is in effect: a check id (that check), or a step id (at least
   * one check of that step). Red means FAIL, or NOT-GRADABLE because the evidence is missing.
   */
  readonly targets: readonly string[]
  /** Flags the collect phase runs with while the mutation is in effect (e.g. `ping-target: 'self'`). */
  readonly collectFlags?: Flags
  apply(w: World): Promise<Memo | void>
  restore(w: World, memo: Memo): Promise<void>
}

export const defineMutation = (m: Mutation): Mutation => m
