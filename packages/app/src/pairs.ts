// Pure: which pod each pod pings. The neighbour is a pod on another node; a self-test may point a pod at itself.
import type { PodSummary } from '@lab4/core'

export type PodRef = Pick<PodSummary, 'name' | 'ip' | 'node'>
export type Pair<P extends PodRef = PodRef> = { a: P; b: P }

/** The pod `a` should reach: the first pod (by name) on another node, else any other pod; undefined when alone. */
export function neighbourOf<P extends PodRef>(a: P, pods: readonly P[]): P | undefined {
  const others = pods.filter((p) => p.name !== a.name && p.ip !== undefined)
  return others.find((p) => p.node !== a.node) ?? others[0]
}

/** One pair per pod with an IP. `self` makes every pod its own target (used only to prove the check can fail). */
export function pingPairs<P extends PodRef>(
  pods: readonly P[],
  target: 'neighbour' | 'self' = 'neighbour',
): Pair<P>[] {
  const withIp = pods.filter((p) => p.ip !== undefined)
  return withIp.flatMap((a) => {
    const b = target === 'self' ? a : neighbourOf(a, withIp)
    return b ? [{ a, b }] : []
  })
}
