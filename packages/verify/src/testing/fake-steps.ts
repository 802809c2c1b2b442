// Test support: small steps under the real step ids whose checks are pure over recorded evidence,
// so grading, the engine driver and the mutation catalogue are exercised without a cluster.
import type { Step } from '@lab4/core'
import { labelsStep, readyStep, unbreakableStep } from './fake-cluster-steps.ts'
import { calicoctlStep, poolsStep } from './fake-ipam-steps.ts'
import { deployStep, networkStep } from './fake-app-steps.ts'

export { readyStep, labelsStep, unbreakableStep, calicoctlStep, poolsStep, deployStep, networkStep }
export { pingStats } from './fake-evidence.ts'

/** `ready` adds cluster.ready with the lab's real readiness checks (what the node and CNI mutations target). */
export const fakeSteps = (o: { unbreakable?: boolean; ready?: boolean } = {}): Step[] => [
  ...(o.unbreakable ? [unbreakableStep] : []),
  ...(o.ready ? [readyStep] : []),
  labelsStep,
  calicoctlStep,
  poolsStep,
  deployStep,
  networkStep,
]
