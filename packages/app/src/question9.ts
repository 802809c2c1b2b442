// Pure: the data behind the answer to lab question 9 ("do Container name and IP change, and why?").
import { ipInCidr } from '@lab4/core'
import type { ZonePool } from './k8s.ts'

/** One page load, as recorded under observation KEY.page. */
export type PageObservation = {
  url: string
  username: string | null
  company: string | null
  containerName: string | null
  containerIp: string | null
  via: 'service' | 'pod'
  /** Journal id of the port-forward process that served the load. */
  forward: string
  /** 0 for the first load through a forward, then 1, 2, … */
  reload: number
}

export type Q9Pod = {
  name: string
  ip: string | undefined
  node: string | undefined
  zone: string | undefined
}

export type Question9Answer = {
  /** One entry per port-forward process, in the order they were used. */
  forwards: Array<{
    forward: string
    via: 'service' | 'pod'
    loads: number
    pods: string[]
    changed: boolean
  }>
  /** Did name or IP change between loads through one and the same port-forward? (Expected: no, it pins one pod.) */
  changedWithinForward: boolean
  /** Did a different forward (a restart, or `pod/<other>`) show a different pod? */
  changedAcrossForwards: boolean
  /** Username and company were the same on every load (same env in both replicas). */
  envConstant: boolean
  podsSeen: Array<{
    name: string
    ip: string | null
    node: string | undefined
    zone: string | undefined
    pool: string | undefined
    /** The shown IP is the pod's IP and lies inside the pool of the pod's zone. */
    ipInZonePool: boolean | undefined
    /** The shown name is a pod of the Deployment. */
    ofDeployment: boolean
  }>
  /** Why the values behave this way; the report phrases it. */
  mechanism: 'port-forward-pins-one-pod'
}

export function answerQuestion9(
  observations: readonly PageObservation[],
  pods: readonly Q9Pod[],
  pools: readonly ZonePool[],
): Question9Answer {
  const byForward = new Map<string, PageObservation[]>()
  for (const o of observations) byForward.set(o.forward, [...(byForward.get(o.forward) ?? []), o])
  const identity = (o: PageObservation) => `${o.containerName ?? '?'}@${o.containerIp ?? '?'}`

  const forwards = [...byForward.entries()].map(([forward, loads]) => {
    const ids = new Set(loads.map(identity))
    return {
      forward,
      via: loads[0]?.via ?? 'service',
      loads: loads.length,
      pods: [...new Set(loads.map((o) => o.containerName ?? '?'))],
      changed: ids.size > 1,
    }
  })

  const seen = new Map<string, PageObservation>()
  for (const o of observations)
    if (o.containerName && !seen.has(o.containerName)) seen.set(o.containerName, o)
  const podsSeen = [...seen.values()].map((o) => {
    const pod = pods.find((p) => p.name === o.containerName)
    const pool = pod?.zone === undefined ? undefined : pools.find((p) => p.zone === pod.zone)
    return {
      name: o.containerName ?? '',
      ip: o.containerIp,
      node: pod?.node,
      zone: pod?.zone,
      pool: pool?.name,
      ipInZonePool:
        pod === undefined || pool === undefined || !o.containerIp
          ? undefined
          : o.containerIp === pod.ip && ipInCidr(o.containerIp, pool.cidr),
      ofDeployment: pod !== undefined,
    }
  })

  return {
    forwards,
    changedWithinForward: forwards.some((f) => f.changed),
    changedAcrossForwards: new Set(observations.map(identity)).size > 1,
    envConstant: new Set(observations.map((o) => `${o.username}\u0000${o.company}`)).size <= 1,
    podsSeen,
    mechanism: 'port-forward-pins-one-pod',
  }
}
