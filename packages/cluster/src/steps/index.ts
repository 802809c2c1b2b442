// The cluster package's steps, in run order.
import type { Step } from '@lab4/core'
import { profileStep } from './profile-step.ts'
import { readyStep } from './ready-step.ts'
import { labelsStep } from './labels-step.ts'
import { prepullStep } from './prepull-step.ts'

// prepull last: its wait (usually nothing left by then) comes after everything the pull can overlap.
export const clusterSteps: readonly Step[] = [profileStep, readyStep, labelsStep, prepullStep]
