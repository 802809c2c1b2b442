import { blocksInZonePoolCheck } from './blocks-in-zone-pool.ts'
import { ipamPodsInZonePoolCheck } from './pods-in-zone-pool.ts'
import { defaultPoolGoneCheck, poolsExactCheck } from './pools-exact.ts'

export { blocksInZonePoolCheck } from './blocks-in-zone-pool.ts'
export {
  podsInZonePoolCheck,
  ipamPodsInZonePoolCheck,
  appAndDns,
  type PodsInZonePoolOptions,
} from './pods-in-zone-pool.ts'
export { poolsExactCheck, defaultPoolGoneCheck } from './pools-exact.ts'

/** The checks judged after the ipam.pools step. */
export const poolsChecks = [
  poolsExactCheck,
  defaultPoolGoneCheck,
  ipamPodsInZonePoolCheck,
  blocksInZonePoolCheck,
]
