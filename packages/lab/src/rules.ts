// The packages' cross-field config rules; kept apart from the step catalogue so validation loads fast.
import type { ConfigRule } from '@lab4/core'
import { clusterConfigRules } from '@lab4/cluster'
import { ipamRules } from '@lab4/ipam'

export function labRules(): ConfigRule[] {
  return [...clusterConfigRules, ...ipamRules]
}
