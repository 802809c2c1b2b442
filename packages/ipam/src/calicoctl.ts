// How every calicoctl command reaches the cluster: `kubectl exec -i` into our calicoctl pod, never `/calicoctl`, never `sh -c`.
import { Evidence, type StepContext, kubectlArgv, readRun } from '@lab4/core'
import { CALICOCTL_NAME, CALICOCTL_NAMESPACE } from './manifests/calicoctl.ts'

/**
 * Used when ClusterInformation cannot be read: the Calico that the newest minikube releases (v1.38.x) install,
 * so a student who just installed minikube gets a matching calicoctl; other clusters get --allow-version-mismatch.
 */
export const FALLBACK_CALICO_VERSION = 'v3.31.3'

/** Observation key under which the calicoctl step records the version it chose; later steps read it back. */
export const CALICOCTL_MODE_KEY = 'ipam.calicoctl'

export type CalicoctlMode = {
  readonly calicoVersion: string
  /** True when the cluster's version is unknown or differs from the image: append --allow-version-mismatch. */
  readonly allowMismatch: boolean
  readonly source: 'clusterinformation' | 'fallback' | 'calicoctl-version'
}

type Kubectl = Pick<StepContext, 'kubectl'>

/** `kubectl --context P exec -i -n kube-system calicoctl -- calicoctl <args> [--allow-version-mismatch]`. */
export function calicoctlArgv(target: Kubectl | string, args: readonly string[], opts: { allowMismatch?: boolean } = {}): string[] {
  const exec = ['exec', '-i', '-n', CALICOCTL_NAMESPACE, CALICOCTL_NAME, '--', 'calicoctl', ...args, ...(opts.allowMismatch ? ['--allow-version-mismatch'] : [])]
  return typeof target === 'string' ? kubectlArgv(target, ...exec) : target.kubectl(...exec)
}

/** `spec.calicoVersion` of ClusterInformation `default`, when it looks like a release tag. */
export function calicoVersionFrom(clusterInformationJson: string): string | undefined {
  try {
    const v = (JSON.parse(clusterInformationJson) as { spec?: { calicoVersion?: unknown } }).spec?.calicoVersion
    return typeof v === 'string' && /^v\d+\.\d+\.\d+([-+][\w.]+)?$/.test(v) ? v : undefined
  } catch {
    return undefined
  }
}

/** The mode the calicoctl step recorded in this run, if it ran. */
export function recordedMode(ctx: Pick<StepContext, 'journal'>): CalicoctlMode | undefined {
  try {
    return new Evidence(readRun(ctx.journal.dir).entries).observation<CalicoctlMode>(CALICOCTL_MODE_KEY)?.value
  } catch {
    return undefined
  }
}

/** A calicoctl argv builder bound to this run's mode (no flag when the calicoctl step did not run). */
export function calicoctlFor(ctx: Pick<StepContext, 'kubectl' | 'journal'>): (args: readonly string[]) => string[] {
  const allowMismatch = recordedMode(ctx)?.allowMismatch ?? false
  return (args) => calicoctlArgv(ctx, args, { allowMismatch })
}
