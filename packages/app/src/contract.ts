// Pure: app's evidence contract. Step ids, the keys steps record under, and the parsers of what those commands print.
import { keyFamily, type KeyFamily } from '@lab4/core'

export const STEP = {
  deploy: 'app.deploy',
  browser: 'app.browser',
  network: 'app.network',
  policy: 'app.policy',
} as const

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
  /** app.policy: lab NetworkPolicies an interrupted run left, found (and deleted) before anything is judged. */
  policyLeftovers: 'app.policy.leftovers.json',
  policyLeftoversDelete: 'app.policy.leftovers.delete',
  /** The pods the experiment pairs (names, IPs, nodes, labels). */
  policyPods: 'app.policy.pods.json',
  policyApplyDeny: 'app.policy.apply.deny',
  policyApplyAllow: 'app.policy.apply.allow',
  policyDelete: 'app.policy.delete',
  /** The experiment's outcome kept in a ConfigMap, so a re-run and `pnpm verify` judge it without repeating it. */
  policyRecordApply: 'app.policy.record.apply',
  policyRecord: 'app.policy.record.json',
  /** Every NetworkPolicy in the namespace after the experiment (none of the lab's may be left). */
  policies: 'app.policy.networkpolicies.json',
  policyManifestDeny: 'app.policy.manifest.deny',
  policyManifestAllow: 'app.policy.manifest.allow',
  /** One key per phase, probe and pod: `app.policy.deny.http.<pod>`. */
  policyBaselineHttp: keyFamily('app.policy.baseline.http'),
  policyBaselinePing: keyFamily('app.policy.baseline.ping'),
  policyDenyHttp: keyFamily('app.policy.deny.http'),
  policyDenyPing: keyFamily('app.policy.deny.ping'),
  policyAllowHttp: keyFamily('app.policy.allow.http'),
  policyAllowPing: keyFamily('app.policy.allow.ping'),
  policyCleanHttp: keyFamily('app.policy.clean.http'),
  policyCleanPing: keyFamily('app.policy.clean.ping'),
} as const

/** The experiment's phases in run order; each probes HTTP and ping from every pod to its neighbour. */
export const POLICY_PHASES = ['baseline', 'deny', 'allow', 'clean'] as const
export type PolicyPhase = (typeof POLICY_PHASES)[number]
export type PolicyProbe = 'http' | 'ping'
export const POLICY_PROBE_KEYS: Readonly<Record<PolicyPhase, Readonly<Record<PolicyProbe, KeyFamily>>>> = {
  baseline: { http: KEY.policyBaselineHttp, ping: KEY.policyBaselinePing },
  deny: { http: KEY.policyDenyHttp, ping: KEY.policyDenyPing },
  allow: { http: KEY.policyAllowHttp, ping: KEY.policyAllowPing },
  clean: { http: KEY.policyCleanHttp, ping: KEY.policyCleanPing },
}

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
export { parseWget, type WgetResult } from './busybox/wget.ts'
