// One description per kubectl command: run executes it through ctx, plan() prints it, so the two cannot drift.
import { kubectlArgv, type Command, type LabConfig, type PlanItem, type StepContext } from '@lab4/core'

/** A kubectl command after `kubectl --context <profile>`, the key it is recorded under, and why it runs. */
export type StepCommand = {
  args: string[]
  key: string
  why: string
  when?: string
  stdin?: string
  timeoutMs?: number
}

/** What a step hands to ctx.run / ctx.must. */
export const toCommand = (ctx: Pick<StepContext, 'kubectl'>, c: StepCommand): Command => ({
  argv: ctx.kubectl(...c.args),
  key: c.key,
  ...(c.stdin === undefined ? {} : { stdin: c.stdin }),
  ...(c.timeoutMs === undefined ? {} : { timeoutMs: c.timeoutMs }),
})

/** What `pnpm lab --plan` prints for it. */
export const toPlan = (config: LabConfig, c: StepCommand): PlanItem => ({
  kind: 'command',
  argv: kubectlArgv(config.profile, ...c.args),
  why: c.why,
  ...(c.stdin === undefined ? {} : { stdin: c.stdin }),
  ...(c.when === undefined ? {} : { when: c.when }),
})
