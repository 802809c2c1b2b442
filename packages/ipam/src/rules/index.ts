// The ipam config rules, in the order `pnpm lab lint` reports their findings.
import type { ConfigRule } from '@lab4/core'
import {
  blockSizeFits,
  cidrWellFormed,
  oneEncapsulation,
  poolsClearOfCluster,
  poolsDisjoint,
} from './cidr-rules.ts'
import { poolNamesUnique, poolsHoldReplicas, zoneLabels, zonesCovered } from './zone-rules.ts'

/** Every IP pool rule, run before any command (`pnpm lab`, `pnpm lab lint`). */
export const ipamRules: readonly ConfigRule[] = [
  cidrWellFormed,
  blockSizeFits,
  poolsDisjoint,
  poolsClearOfCluster,
  oneEncapsulation,
  zoneLabels,
  poolNamesUnique,
  zonesCovered,
  poolsHoldReplicas,
]
