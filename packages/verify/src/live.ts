// Is there a cluster to verify? Asked once, through `minikube status`, before any collect runs.
import { which, type Result, type Runner } from '@lab4/core'

export type Reachability =
  { readonly reachable: true } | { readonly reachable: false; readonly detail: string }

/** The argv of the probe (the same command the cluster.profile step records as `cluster.status`). */
export const statusArgv = (profile: string): string[] => ['minikube', 'status', '-p', profile, '-o', 'json']

/** Pure: read `minikube status -o json`'s exit code (85 = no profile; otherwise a bitmask of 1/2/4). */
export function classifyStatus(
  profile: string,
  r: Pick<Result, 'exitCode' | 'stderr' | 'stdout'>,
): Reachability {
  const code = r.exitCode
  if (code === 0) return { reachable: true }
  if (code === 85)
    return { reachable: false, detail: `there is no minikube profile "${profile}" on this machine` }
  if (code === null) return { reachable: false, detail: '`minikube status` did not finish' }
  const down = [
    code & 1 ? 'a node host is not running' : '',
    code & 2 ? 'the apiserver or kubelet is not running' : '',
    code & 4 ? 'the kubeconfig entry is not configured' : '',
  ]
    .filter(Boolean)
    .join('; ')
  const said = (r.stderr || r.stdout)
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim()
  return {
    reachable: false,
    detail: `minikube profile "${profile}" is not running (${down || `minikube status exited ${code}`})${said && code > 7 ? `: ${said}` : ''}`,
  }
}

/** Shell: look for minikube on PATH, then ask it. */
export async function probeCluster(runner: Runner, profile: string, path: string): Promise<Reachability> {
  if (!which('minikube', path))
    return { reachable: false, detail: 'minikube is not installed on this machine (not on PATH)' }
  return classifyStatus(profile, await runner({ argv: statusArgv(profile), timeoutMs: 60_000 }))
}
