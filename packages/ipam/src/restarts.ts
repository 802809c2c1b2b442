// Which Deployments to restart so their pods get IPs from their zone pool (pure; judged on the pools seen at step start).
import type { V1Node, V1Pod } from '@lab4/core'
import { type Placement, deploymentOf, placePods } from './placement.ts'
import type { IPPool } from './pool.ts'

export type Restart = {
  readonly namespace: string
  readonly deployment: string
  readonly pods: readonly string[]
}

/** Restarted whenever the pools change: they got their IPs from the old pools at cluster start. */
export const SYSTEM_DEPLOYMENTS: readonly Restart[] = [
  { namespace: 'kube-system', deployment: 'coredns', pods: [] },
  { namespace: 'kube-system', deployment: 'calico-kube-controllers', pods: [] },
]

export type RestartPlan = {
  readonly workloads: readonly Restart[]
  /** Misplaced pods no Deployment owns: the step reports them instead of guessing. */
  readonly unowned: readonly Placement[]
}

export function planRestarts(
  pods: readonly V1Pod[],
  nodes: readonly V1Node[],
  poolsAtStart: readonly IPPool[],
  opts: { systemRestarted: boolean },
): RestartPlan {
  // With no pools there is nothing to judge against (calico-node has not created its default pool yet).
  if (poolsAtStart.length === 0) return { workloads: [], unowned: [] }
  const misplaced = placePods(pods, nodes, poolsAtStart).filter((p) => !p.ok && p.expected.length > 0)
  const skip = new Set(
    opts.systemRestarted ? SYSTEM_DEPLOYMENTS.map((s) => `${s.namespace}/${s.deployment}`) : [],
  )
  const byOwner = new Map<string, Restart & { pods: string[] }>()
  const unowned: Placement[] = []
  for (const p of misplaced) {
    const deployment = deploymentOf(p.pod)
    if (!deployment) {
      unowned.push(p)
      continue
    }
    const id = `${p.pod.namespace}/${deployment}`
    if (skip.has(id)) continue
    const r = byOwner.get(id) ?? { namespace: p.pod.namespace, deployment, pods: [] }
    r.pods.push(`${p.pod.name} ${p.pod.ip}`)
    byOwner.set(id, r)
  }
  const workloads = [...byOwner.values()].sort(
    (a, b) => a.namespace.localeCompare(b.namespace) || a.deployment.localeCompare(b.deployment),
  )
  return { workloads, unowned }
}
