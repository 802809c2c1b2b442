// The lab's steps in run order, each carrying its checks, and the packages' cross-field config rules.
// Verify takes steps as a parameter everywhere; this is the one place that names them.
import type { ConfigRule, Step } from '@lab4/core'
import { clusterSteps, clusterConfigRules } from '@lab4/cluster'
import { ipamSteps, ipamRules } from '@lab4/ipam'
import { appSteps } from '@lab4/app'

export function labSteps(): Step[] {
  return [...clusterSteps, ...ipamSteps, ...appSteps]
}

export function labRules(): ConfigRule[] {
  return [...clusterConfigRules, ...ipamRules]
}
