// kubectl re-marshals objects as unstructured maps: keys come out sorted, indented by 4 spaces.
import { stamp } from './table.ts'
import type { Meta } from '../world/types.ts'
import { simDigest, simLabels, simUid } from './fingerprint.ts'

export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, sortKeys(x)]),
    )
  }
  return v
}

export const kubectlJson = (v: unknown): string => `${JSON.stringify(sortKeys(v), null, 4)}\n`

export const list = (items: unknown[]): Record<string, unknown> => ({
  apiVersion: 'v1',
  items,
  kind: 'List',
  metadata: { resourceVersion: '' },
})

export type ObjectMeta = Record<string, unknown>

export function objectMeta(m: Meta, extra: ObjectMeta = {}): ObjectMeta {
  const annotations = Object.keys(m.annotations).length > 0 ? m.annotations : undefined
  const labels = Object.keys(m.labels).length > 0 ? m.labels : undefined
  return {
    ...(annotations ? { annotations } : {}),
    creationTimestamp: stamp(m.createdAt),
    ...(labels ? { labels: simLabels(labels) } : {}),
    name: m.name,
    ...(m.namespace ? { namespace: m.namespace } : {}),
    resourceVersion: String(100 + (Math.floor(m.createdAt / 1000) % 100000)),
    uid: simUid(m.uid),
    ...extra,
  }
}

export const envList = (env: Record<string, string> | undefined) =>
  env ? Object.entries(env).map(([name, value]) => ({ name, value })) : undefined

/** A docker container id: 64 hex chars derived from the pod uid and container name (self-checking, see fingerprint.ts). */
export function containerId(podUid: string, name: string): string {
  const base = `${podUid}${name}`.replace(/[^0-9a-f]/g, '')
  let out = ''
  for (let i = 0; out.length < 64; i++)
    out += ((base.charCodeAt(i % Math.max(1, base.length)) * (i + 7)) % 16).toString(16)
  return `docker://${simDigest(out)}`
}
