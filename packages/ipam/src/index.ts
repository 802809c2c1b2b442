// @lab4/ipam: Calico IP pools by zone through the calicoctl pod, validated before any command, proven by pod IPs.
import type { Step } from '@lab4/core'
import { calicoctlStep } from './steps/calicoctl-step.ts'
import { poolsStep } from './steps/pools-step.ts'

// Steps in run order, each carrying its checks (the lab's composition root runs them).
export const ipamSteps: Step[] = [calicoctlStep, poolsStep]

// Evidence contract: step ids, evidence keys and the parsers of what they record (report, verify, review).
export {
  STEP as ipamStepIds,
  KEY as ipamKeys,
  parsePools,
  parsePoolsTable,
  parseIpamCheck,
  parseAffinities,
  parseCalicoctlVersion,
  type IPPool,
  type PoolRow,
} from './contract.ts'
export { DEFAULT_POOL_NAME } from './pool.ts'

// Calico's selector language, for readers that judge which pool a node's labels pick (review).
export { selects, SelectorError } from './selector/index.ts'

// Config rules on the pools, run before any command (the composition root; review lints a write-up's pools).
export { ipamRules } from './rules/index.ts'

// For the app step: calicoctl through our pod (runner and plan argv), and the zone-pool check under app's keys.
export { calicoctlFor, calicoctlArgv } from './steps/calicoctl.ts'
export { podsInZonePoolCheck } from './checks/index.ts'
