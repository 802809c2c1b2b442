// What live verify runs: every step's collect, plus the `run` of steps whose plan lists no write command
// (the browser step loads the page only in `run`; without it its checks could never be graded live).
// A guard on the runner makes "verify changes nothing" a property, not a promise.
import { LabError, formatArgv, isWriteCommand, type LabConfig, type Runner, type Step } from '@lab4/core'

/** A step's `run` is read-only when its plan names no command that changes the cluster. */
export function hasReadOnlyRun(step: Step, config: LabConfig): boolean {
  try {
    return step.plan(config).every((p) => p.kind !== 'command' || !isWriteCommand(p.argv))
  } catch {
    return false // a plan that cannot be built tells us nothing; keep to collect
  }
}

/** The steps as verify runs them (under collectOnly): read-only runs folded into collect. */
export function verifyPhase(steps: readonly Step[], config: LabConfig): Step[] {
  return steps.map((s) =>
    hasReadOnlyRun(s, config)
      ? {
          ...s,
          collect: async (ctx) => {
            await s.run(ctx)
            await s.collect(ctx)
          },
        }
      : s,
  )
}

/** A runner that refuses every command that would change the cluster. */
export function readOnlyRunner(runner: Runner): Runner {
  return async (command) => {
    if (isWriteCommand(command.argv)) {
      throw new LabError(`pnpm verify is read-only and refused \`${formatArgv(command.argv)}\``, {
        hint: 'A step tried to change the cluster while verifying; run `pnpm lab` to change it.',
      })
    }
    return runner(command)
  }
}
