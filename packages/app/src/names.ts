// Names shared by the steps and the checks: evidence keys, DNS names, the spec-hash annotation.
import { dashed, type LabConfig } from '@lab4/core'

export const SPEC_HASH = 'lab4.itmo/spec-hash'
/** The image serves on this port once its `npm run build` is done. */
export const CONTAINER_PORT = 3000
export const MANIFEST_FILE = 'frontend.yaml'

export const STEP = { deploy: 'app.deploy', browser: 'app.browser', network: 'app.network' } as const

export const KEY = {
  deployment: 'app.deployment.json',
  service: 'app.service.json',
  apply: 'app.apply',
  rollout: 'app.rollout',
  endpointSlices: 'app.endpointslices.json',
  pods: 'app.pods.json',
  podsWide: 'app.pods.wide',
  objectsWide: 'app.objects.wide',
  nodes: 'app.nodes.json',
  pools: 'app.pools.json',
  manifest: 'app.manifest',
  portForward: 'app.port-forward',
  portForwardOther: 'app.port-forward.other',
  browserPods: 'app.browser.pods.json',
  page: 'app.page',
  drop: 'app.port-forward.drop',
  localPort: 'app.local-port',
  screenshot: 'app.screenshot',
  networkPods: 'app.network.pods.json',
  networkService: 'app.network.service.json',
  dnsEndpoint: (pod: string) => `app.dns.endpoint.${pod}`,
  pingEndpoint: (pod: string) => `app.ping.endpoint.${pod}`,
  pingPod: (pod: string) => `app.ping.pod.${pod}`,
  dnsService: (pod: string) => `app.dns.service.${pod}`,
  pingClusterIp: (pod: string) => `app.ping.clusterip.${pod}`,
  corednsPods: 'app.coredns.pods',
  corefile: 'app.coredns.corefile',
} as const

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
