// How every calicoctl command reaches the cluster: `kubectl exec -i` into our calicoctl pod, never `/calicoctl`, never `sh -c`.
import { CommandError, Evidence, type Result, type StepContext, kubectlArgv, readRun } from '@lab4/core'
import { KEY } from '../contract.ts'
import type { Kube } from './commands.ts'
import { CALICOCTL_NAME, CALICOCTL_NAMESPACE } from '../manifests/calicoctl.ts'
import { isVersionMismatch } from '../parse/version.ts'

/**
 * Used when ClusterInformation cannot be read: the Calico that the newest minikube releases (v1.38.x) install,
 * so a student who just installed minikube gets a matching calicoctl; other clusters get --allow-version-mismatch.
 */
export const FALLBACK_CALICO_VERSION = 'v3.31.3'

export type CalicoctlMode = {
  readonly calicoVersion: string
  /** True when the cluster's version is unknown or differs from the image: append --allow-version-mismatch. */
  readonly allowMismatch: boolean
  readonly source: 'clusterinformation' | 'fallback' | 'calicoctl-version' | 'mismatch-refusal'
}

/** `kubectl --context P exec -i -n kube-system calicoctl -- calicoctl <args> [--allow-version-mismatch]`. */
export function calicoctlArgv(
  target: Kube | string,
  args: readonly string[],
  opts: { allowMismatch?: boolean } = {},
): string[] {
  const exec = [
    'exec',
    '-i',
    '-n',
    CALICOCTL_NAMESPACE,
    CALICOCTL_NAME,
    '--',
    'calicoctl',
    ...args,
    ...(opts.allowMismatch ? ['--allow-version-mismatch'] : []),
  ]
  return typeof target === 'string' ? kubectlArgv(target, ...exec) : target.kubectl(...exec)
}

/** The mode the calicoctl step recorded in this run, if it ran. */
export function recordedMode(ctx: Pick<StepContext, 'journal'>): CalicoctlMode | undefined {
  try {
    return new Evidence(readRun(ctx.journal.dir).entries).observation<CalicoctlMode>(KEY.calicoctlMode)?.value
  } catch {
    return undefined
  }
}

export type Calicoctl = {
  /** Run `CC <args>`, recorded under `key`. */
  run(args: readonly string[], key: string, stdin?: string): Promise<Result>
  /** Like run, but throws CommandError (with `hint`) on a non-zero exit. */
  must(args: readonly string[], key: string, hint: string, stdin?: string): Promise<Result>
}

/**
 * calicoctl bound to this run's mode. Without a recorded mode (`--only ipam.pools`) a version-mismatch refusal
 * switches the flag on for the rest of the step and the command is run again; checks read the last record.
 */
export function calicoctlFor(
  ctx: Pick<StepContext, 'kubectl' | 'journal' | 'run' | 'note' | 'observe' | 'lastEntryId'>,
): Calicoctl {
  const recorded = recordedMode(ctx)
  let allowMismatch = recorded?.allowMismatch ?? false
  const run = async (args: readonly string[], key: string, stdin?: string): Promise<Result> => {
    const once = () =>
      ctx.run({
        argv: calicoctlArgv(ctx, args, { allowMismatch }),
        key,
        ...(stdin === undefined ? {} : { stdin }),
      })
    const r = await once()
    if (r.exitCode === 0 || allowMismatch || !isVersionMismatch(r.stderr)) return r
    allowMismatch = true
    // Recorded, so the rest of this run (collect, later steps) uses the flag too.
    const cluster = /Cluster Version:\s+(\S+)/.exec(r.stderr)?.[1]
    const mode: CalicoctlMode = {
      calicoVersion: cluster ?? recorded?.calicoVersion ?? FALLBACK_CALICO_VERSION,
      allowMismatch,
      source: 'mismatch-refusal',
    }
    ctx.observe(KEY.calicoctlMode, mode, [ctx.lastEntryId() ?? ''].filter(Boolean))
    ctx.note(
      'calicoctl refused a version mismatch with the cluster; calicoctl commands now run with --allow-version-mismatch.',
      'warn',
    )
    return once()
  }
  return {
    run,
    must: async (args, key, hint, stdin) => {
      const r = await run(args, key, stdin)
      if (r.exitCode !== 0)
        throw new CommandError(
          { argv: calicoctlArgv(ctx, args, { allowMismatch }), ...(stdin === undefined ? {} : { stdin }) },
          r,
          hint,
        )
      return r
    },
  }
}
