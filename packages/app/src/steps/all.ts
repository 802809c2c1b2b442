// The app package's steps, in the order the lab runs them.
import type { Step } from '@lab4/core'
import { deployStep } from './deploy.ts'
import { browserStep } from './browser.ts'
import { networkStep } from './network.ts'
import { afterPolicyLeftovers, policyStep } from './policy.ts'

// app.network first deletes lab NetworkPolicies an interrupted app.policy left: its pings are judged before app.policy runs.
export const appSteps: readonly Step[] = [
  deployStep,
  browserStep,
  afterPolicyLeftovers(networkStep),
  policyStep,
]
