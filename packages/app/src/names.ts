// Names shared by the steps and the checks: DNS names, labels, the spec-hash annotation (evidence keys: contract.ts).
import { dashed, type LabConfig } from '@lab4/core'

export const SPEC_HASH = 'lab4.itmo/spec-hash'
/** The image serves on this port once its `npm run build` is done. */
export const CONTAINER_PORT = 3000
export const MANIFEST_FILE = 'frontend.yaml'

/** Pod template labels and the Service selector. */
export const appLabels = (config: LabConfig): Record<string, string> => ({ app: config.app.name })
export const appSelector = (config: LabConfig): string => `app=${config.app.name}`

/** `<a-b-c-d>.<svc>.<ns>.svc.cluster.local`: answered from the Service's ready endpoints only. */
export const endpointFqdn = (config: LabConfig, ip: string): string =>
  `${dashed(ip)}.${config.app.service.name}.${config.app.namespace}.svc.cluster.local`
/** `<a-b-c-d>.<ns>.pod.cluster.local`: with `pods insecure` CoreDNS answers any dashed IP. */
export const podFqdn = (config: LabConfig, ip: string): string =>
  `${dashed(ip)}.${config.app.namespace}.pod.cluster.local`
export const serviceFqdn = (config: LabConfig): string =>
  `${config.app.service.name}.${config.app.namespace}.svc.cluster.local`

/** The IP a dashed DNS label encodes (`10-244-2-5.…` → `10.244.2.5`). */
export function ipFromDashedName(name: string): string | undefined {
  const m = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})\./.exec(name)
  return m ? m.slice(1, 5).join('.') : undefined
}
