// `CC …` for this package: calicoctl in its pod, with --allow-version-mismatch exactly when the ipam steps needed it.
import { readRun, type Result, type StepContext } from '@lab4/core'
import { ALLOW_MISMATCH, kube } from './argv.ts'

/** Did an earlier calicoctl call in this run carry the mismatch flag (the Calico version could not be read)? */
function earlierNeededFlag(ctx: StepContext): boolean {
  try {
    return readRun(ctx.journal.dir).entries.some((e) => e.type === 'command' && e.argv.includes('calicoctl') && e.argv.includes(ALLOW_MISMATCH))
  } catch {
    return false
  }
}

/** Run `CC <args>`; when calicoctl refuses a version mismatch, run it again with the flag (the last record wins). */
export async function runCalicoctl(ctx: StepContext, key: string, ...args: string[]): Promise<Result> {
  const argv = ctx.kubectl(...kube.calicoctl(...args))
  if (earlierNeededFlag(ctx)) return ctx.run({ argv: [...argv, ALLOW_MISMATCH], key })
  const r = await ctx.run({ argv, key })
  if (r.exitCode !== 0 && /version mismatch/i.test(r.stderr + r.stdout)) return ctx.run({ argv: [...argv, ALLOW_MISMATCH], key })
  return r
}
