// @lab4/app: lab items 6–10: the frontend Deployment + Service, port-forward + browser proof, question 9, ping by FQDN.
export { appSteps, appPlan } from './steps.ts'
export { deployStep } from './deploy/step.ts'
export { browserStep, makeBrowserStep, type BrowserStepOptions } from './browser/step.ts'
export { networkStep } from './network/step.ts'
export {
  frontendDeployment,
  frontendService,
  frontendManifest,
  specHashOf,
  type FrontendManifest,
} from './manifests/frontend.ts'
export { applyReason } from './deploy/decide.ts'
export {
  startForward,
  type Forward,
  type ForwardDrop,
  type ForwardOptions,
} from './port-forward/supervisor.ts'
export { parseForwarding, forwardedPort, type Forwarding } from './port-forward/parse.ts'
export { chooseLocalPort, isPortFree, freePort, type LocalPortChoice } from './port-forward/free-port.ts'
export { openBrowser, VIEWPORT, type Browsing, type Tab } from './browser/capture.ts'
export {
  parsePing,
  parsePings,
  pingSucceeded,
  replyingIps,
  type PingResult,
  type PingReply,
} from './busybox/ping.ts'
export { parseNslookup, addressesFor, type NslookupResult } from './busybox/nslookup.ts'
export {
  parsePage,
  isRendered,
  missingFields,
  PLACEHOLDER,
  type PageValues,
  type PageField,
} from './browser/page.ts'
export { answerQuestion9, type Question9Answer, type PageObservation, type Q9Pod } from './question9.ts'
export { neighbourOf, pingPairs, type Pair, type PodRef } from './network/pairs.ts'
export {
  readyEndpoints,
  deploymentSummary,
  appPods,
  imagePullTrouble,
  nodeZones,
  zonePools,
  configPools,
  podLine,
  type ZonePool,
  type DeploymentSummary,
} from './k8s.ts'
export {
  KEY,
  STEP,
  SPEC_HASH,
  CONTAINER_PORT,
  MANIFEST_FILE,
  endpointFqdn,
  podFqdn,
  serviceFqdn,
  ipFromDashedName,
} from './names.ts'
export { kube as appArgv } from './argv.ts'
export { deploymentReady, onePodPerZone, serviceEndpoints, appPodsInZonePool } from './checks/deploy.ts'
export { pageValues, question9 } from './checks/browser.ts'
export { neighbourPing, dnsResolves, clusterIpNoPing } from './checks/network.ts'

export { appChecks } from './checks/all.ts'
