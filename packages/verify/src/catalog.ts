// The lab's steps in run order, each carrying its checks. Verify takes steps as a parameter everywhere;
// this is the one place that names them. Empty until the lead wires in clusterSteps, ipamSteps and appSteps.
import type { Step } from '@lab4/core'

export function labSteps(): Step[] {
  return []
}
