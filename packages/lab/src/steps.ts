// The lab's steps in run order, each carrying its checks: the one place that names them.
import type { Step } from '@lab4/core'
import { clusterSteps } from '@lab4/cluster'
import { ipamSteps } from '@lab4/ipam'
import { appSteps } from '@lab4/app'

export function labSteps(): Step[] {
  return [...clusterSteps, ...ipamSteps, ...appSteps]
}
