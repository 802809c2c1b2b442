// Pure: app's evidence contract. Step ids, the keys steps record under, and the parsers of what those commands print.
import { keyFamily } from '@lab4/core'

export const STEP = { deploy: 'app.deploy', browser: 'app.browser', network: 'app.network' } as const

/** Every key the app steps record; recorded journals and report goldens depend on these exact strings. */
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
  /** One key per pod that ran the probe: `app.ping.endpoint.<pod>`. */
  dnsEndpoint: keyFamily('app.dns.endpoint'),
  pingEndpoint: keyFamily('app.ping.endpoint'),
  pingPod: keyFamily('app.ping.pod'),
  dnsService: keyFamily('app.dns.service'),
  pingClusterIp: keyFamily('app.ping.clusterip'),
  corednsPods: 'app.coredns.pods',
  corefile: 'app.coredns.corefile',
} as const

// The readers of what the app's commands print (BusyBox in the pod, the page, kubectl port-forward).
export {
  parsePing,
  parsePings,
  pingSucceeded,
  pingTtls,
  type PingResult,
  type PingReply,
} from './busybox/ping.ts'
export { parseNslookup, addressesFor, type NslookupResult } from './busybox/nslookup.ts'
export { parsePage, type PageValues } from './page.ts'
export { parseForwarding, type Forwarding } from './forwarding.ts'
