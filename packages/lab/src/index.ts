// @lab4/lab: the composition root. The CLIs take the steps and rules from here and hand them to the
// engine and the grader, which know no domain package.

// Config rules load without the step catalogue, so `pnpm lab lint` starts fast.
export { labRules } from './rules.ts'
// The steps in run order (cluster → ipam → app), each with its checks.
export { labSteps } from './steps.ts'
