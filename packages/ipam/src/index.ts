// @lab4/ipam: Calico IP pools by zone through the calicoctl pod, validated before any command, proven by pod IPs.
import { calicoctlStep } from './steps/calicoctl-step.ts'
import { poolsStep } from './steps/pools-step.ts'

// Steps, in the order they run.
export { calicoctlStep } from './steps/calicoctl-step.ts'
export { poolsStep } from './steps/pools-step.ts'
export const ipamSteps = [calicoctlStep, poolsStep]

// Config validation (`pnpm lab lint`).
export { ipamRules, lintConfig, labelKeyProblem, labelValueProblem } from './rules/index.ts'

// Checks (the app step reuses podsInZonePoolCheck with its own evidence keys).
export {
  podsInZonePoolCheck,
  appAndDns,
  type PodsInZonePoolOptions,
  poolsExactCheck,
  defaultPoolGoneCheck,
  blocksInZonePoolCheck,
  ipamPodsInZonePoolCheck,
} from './checks/index.ts'
export { calicoctlWorksCheck } from './checks/calicoctl-works.ts'

// calicoctl through the pod.
export {
  calicoctlArgv,
  calicoctlFor,
  recordedMode,
  FALLBACK_CALICO_VERSION,
  CALICOCTL_MODE_KEY,
  type CalicoctlMode,
} from './calicoctl.ts'

// Manifests (pure).
export { renderPoolsYaml, renderPoolDocs, poolManifest } from './manifests/pools.ts'
export {
  renderCalicoctlYaml,
  calicoctlObjects,
  calicoctlSpecHash,
  calicoctlImage,
  SPEC_HASH_ANNOTATION,
} from './manifests/calicoctl.ts'

// Pools, plans and placement (pure).
export { type IPPool, DEFAULT_POOL_NAME, desiredPools, zoneSelector, poolDifferences } from './pool.ts'
export { planPools, type PoolAction } from './plan-pools.ts'
export {
  placePods,
  zonePoolsOf,
  poolsSelecting,
  poolHolding,
  deploymentOf,
  type Placement,
} from './placement.ts'

// Parsers for calicoctl / kubectl output (pure).
export { parsePools } from './parse/pools.ts'
export { parsePoolsTable, type PoolRow, type PoolTable } from './parse/pools-table.ts'
export { parseIpamShow, type IpamShow, type ShowPool, type ShowBlock } from './parse/ipam-show.ts'
export { parseIpamCheck, type IpamCheck, type CheckBlock } from './parse/ipam-check.ts'
export { parseAffinities, type BlockAffinity } from './parse/affinities.ts'
export {
  parseCalicoctlVersion,
  sameRelease,
  isVersionMismatch,
  type CalicoctlVersion,
} from './parse/version.ts'

// Calico selectors.
export {
  type Selector,
  SelectorError,
  parseSelector,
  parsePoolSelector,
  evaluate,
  formatSelector,
  selects,
} from './selector/index.ts'
