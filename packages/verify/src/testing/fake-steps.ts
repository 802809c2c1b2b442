// Test support: small steps under the real step ids whose checks are pure over recorded evidence,
// so grading, the engine driver and the mutation catalogue are exercised without a cluster.
import type { Step } from '@lab4/core'
import { labelsStep, unbreakableStep } from './fake-cluster-steps.ts'
import { calicoctlStep, poolsStep } from './fake-ipam-steps.ts'
import { deployStep, networkStep } from './fake-app-steps.ts'

export { labelsStep, unbreakableStep, calicoctlStep, poolsStep, deployStep, networkStep }
export { pingStats } from './fake-evidence.ts'

export const fakeSteps = (o: { unbreakable?: boolean } = {}): Step[] => [
  ...(o.unbreakable ? [unbreakableStep] : []),
  labelsStep,
  calicoctlStep,
  poolsStep,
  deployStep,
  networkStep,
]
