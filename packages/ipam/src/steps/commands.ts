// Every command of the ipam steps, built once: run and collect execute these argv, plan() lists the same ones.
import { type LabConfig, type StepContext, kubectlArgv } from '@lab4/core'
import { KEY } from '../contract.ts'
import { CALICOCTL_NAME, CALICOCTL_NAMESPACE } from '../manifests/calicoctl.ts'
import { renderPoolDocs } from '../manifests/pools.ts'
import type { PoolAction } from '../plan-pools.ts'
import type { Restart } from '../restarts.ts'

/** What builds a kubectl argv: the step context when running, the configured profile in plan(). */
export type Kube = Pick<StepContext, 'kubectl'>
export const planKube = (config: LabConfig): Kube => ({
  kubectl: (...a: string[]) => kubectlArgv(config.profile, ...a),
})

// ipam.calicoctl
export const clusterInformationArgv = (k: Kube) =>
  k.kubectl('get', 'clusterinformations.crd.projectcalico.org', 'default', '-o', 'json')
export const getCalicoctlPodArgv = (k: Kube) =>
  k.kubectl('-n', CALICOCTL_NAMESPACE, 'get', 'pod', CALICOCTL_NAME, '-o', 'json')
export const deleteCalicoctlPodArgv = (k: Kube) =>
  k.kubectl('-n', CALICOCTL_NAMESPACE, 'delete', 'pod', CALICOCTL_NAME, '--wait=true')
export const applyStdinArgv = (k: Kube) => k.kubectl('apply', '-f', '-')
export const CALICOCTL_READY = 'calicoctl pod Ready in kube-system'

/** calicoctl arguments; they run through calicoctlArgv (inside the pod, with the run's mismatch flag). */
export const CC = {
  version: ['version'],
  poolsJson: ['get', 'ippool', '-o', 'json'],
  poolsWide: ['get', 'ippool', '-o', 'wide'],
  ipamShow: ['ipam', 'show', '--show-blocks'],
  ipamCheck: ['ipam', 'check'],
} as const satisfies Record<string, readonly string[]>

// ipam.pools
export const podsArgv = (k: Kube) => k.kubectl('get', 'pods', '-A', '-o', 'json')
export const nodesArgv = (k: Kube) => k.kubectl('get', 'nodes', '-o', 'json')
export const affinitiesArgv = (k: Kube) =>
  k.kubectl('get', 'blockaffinities.crd.projectcalico.org', '-o', 'json')

/** One `rollout restart` for Deployments of one namespace. */
export const restartArgv = (k: Kube, rs: readonly Pick<Restart, 'namespace' | 'deployment'>[]) =>
  k.kubectl(
    '-n',
    rs[0]?.namespace ?? 'kube-system',
    'rollout',
    'restart',
    ...rs.map((r) => `deployment/${r.deployment}`),
  )

export const rolloutStatusArgv = (k: Kube, r: Pick<Restart, 'namespace' | 'deployment'>, timeoutS: number) =>
  k.kubectl('-n', r.namespace, 'rollout', 'status', `deployment/${r.deployment}`, `--timeout=${timeoutS}s`)

/** The calicoctl command that carries out one pool action, and the key it is recorded under. */
export function poolActionCommand(a: PoolAction): { args: string[]; key: string; stdin?: string } {
  if (a.op === 'delete') return { args: ['delete', 'ippool', a.name], key: KEY.poolDelete }
  const stdin = renderPoolDocs(a.pools)
  return a.op === 'create'
    ? { args: ['create', '-f', '-'], key: KEY.poolsCreate, stdin }
    : { args: ['apply', '-f', '-'], key: KEY.poolsApply, stdin }
}

/** What ipam.pools collects, in order: calicoctl commands (`cc`) or kubectl ones. */
export type Collected =
  | { readonly key: string; readonly cc: readonly string[] }
  | { readonly key: string; readonly kubectl: (k: Kube) => string[] }

export const POOLS_COLLECT: readonly Collected[] = [
  { key: KEY.poolsAfterJson, cc: CC.poolsJson },
  { key: KEY.poolsAfterWide, cc: CC.poolsWide },
  { key: KEY.blocks, cc: CC.ipamShow },
  { key: KEY.check, cc: CC.ipamCheck },
  { key: KEY.affinitiesJson, kubectl: affinitiesArgv },
  { key: KEY.podsJson, kubectl: podsArgv },
  { key: KEY.nodesJson, kubectl: nodesArgv },
]
