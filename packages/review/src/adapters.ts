// Readings of write-up text that sit on top of the other packages' public readers.
import { deploymentSummary } from '@lab4/app'
import { selects } from '@lab4/ipam'
import type { V1Deployment } from '@lab4/core'

/** Does a Calico selector pick these labels? Undefined (not judged) for a selector Calico would refuse. */
export function selectorMatches(
  selector: string,
  labels: Readonly<Record<string, string>>,
): boolean | undefined {
  try {
    return selects(selector, { ...labels })
  } catch {
    return undefined
  }
}

/** Replicas, images and variable names of a pasted workload; `envFrom` names the ConfigMaps it reads whole. */
export function workloadSummary(obj: unknown): {
  replicas: number
  images: string[]
  env: string[]
  envFrom: string[]
} {
  const d = deploymentSummary(obj as V1Deployment)
  const envFrom = d.indirectEnv.filter((n) => n.startsWith('envFrom ')).map((n) => n.slice('envFrom '.length))
  return {
    replicas: d.replicas,
    images: d.images,
    env: [...Object.keys(d.env), ...d.indirectEnv.filter((n) => !n.startsWith('envFrom '))],
    envFrom,
  }
}
