// One kubectl call against one simulated cluster: resolve the context, advance the world, act under the lock.
import { fail, type Io } from './io.ts'
import { resolveContext } from './kubeconfig.ts'
import { updateWorld } from '../world/store.ts'
import type { Cluster, World } from '../world/types.ts'

export type Target = { profile: string; context: string }

export function target(io: Io, wantedContext: string | undefined): Target {
  const r = resolveContext(io.kubeconfig, wantedContext)
  if ('error' in r) return fail(r.error)
  return { profile: r.cluster, context: r.context }
}

/** Run `fn` on the target cluster, advanced to now; the world is saved afterwards. */
export async function withCluster<T>(
  io: Io,
  t: Target,
  fn: (c: Cluster, w: World, now: number) => T,
): Promise<T> {
  const { value } = await updateWorld(io.stateDir, (w, now) => {
    const c = w.clusters[t.profile]
    if (!c || c.status !== 'Running')
      return { down: c ? (c.nodes[0]?.ip ?? '192.168.49.2') : '192.168.49.2' } as const
    return { ok: fn(c, w, now) } as const
  })
  if ('down' in value)
    return fail(
      `The connection to the server ${value.down}:8443 was refused - did you specify the right host or port?`,
    )
  return value.ok
}
