// The app package's steps, in the order the lab runs them.
import type { Step } from '@lab4/core'
import { deployStep } from './deploy.ts'
import { browserStep } from './browser.ts'
import { networkStep } from './network.ts'

export const appSteps: readonly Step[] = [deployStep, browserStep, networkStep]
