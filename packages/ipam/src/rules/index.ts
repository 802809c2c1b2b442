import type { ConfigRule, Finding, LabConfig } from '@lab4/core'
import {
  blockSizeFits,
  cidrWellFormed,
  oneEncapsulation,
  poolsClearOfCluster,
  poolsDisjoint,
} from './cidr-rules.ts'
import { poolNamesUnique, poolsHoldReplicas, zoneLabels, zonesCovered } from './zone-rules.ts'

export { labelKeyProblem, labelValueProblem } from './labels.ts'

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

/** All findings of all rules at once, in rule order. */
export const lintConfig = (config: LabConfig): Finding[] => ipamRules.flatMap((r) => r.check(config))
