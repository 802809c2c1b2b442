// The app package's steps, in the order the lab runs them.
import type { LabConfig, PlanItem, Step } from '@lab4/core'
import { deployStep } from './deploy/step.ts'
import { browserStep } from './browser/step.ts'
import { networkStep } from './network/step.ts'

export const appSteps: readonly Step[] = [deployStep, browserStep, networkStep]

/** Every command, wait and manifest of lab items 6–10, computed without a cluster. */
export const appPlan = (config: LabConfig): PlanItem[] => appSteps.flatMap((s) => s.plan(config))
