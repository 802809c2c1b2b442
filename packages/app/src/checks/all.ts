// Every app check, in step order (the report and `pnpm verify` list them from here).
import { appPodsInZonePool, deploymentReady, onePodPerZone, serviceEndpoints } from './deploy.ts'
import { pageValues, question9 } from './browser.ts'
import { clusterIpNoPing, dnsResolves, neighbourPing } from './network.ts'

export const appChecks = [
  deploymentReady,
  onePodPerZone,
  serviceEndpoints,
  appPodsInZonePool,
  pageValues,
  question9,
  neighbourPing,
  dnsResolves,
  clusterIpNoPing,
] as const
