// @lab4/verify: the grader. It takes the steps and the mutations as parameters and knows no domain package.

// Command line: the flags of `pnpm verify` and its usage text.
export { parseVerifyArgs, USAGE, type VerifyArgs } from './args.ts'

// Grading a recorded run offline (`--run`): re-judge every check from evidence, with the run's own config.
export { gradeRecord, readRunConfig } from './grade.ts'
export { buildVerification, sourceOfRun, type Verification } from './verification.ts'

// The lab record's own checks (hash chain, one cluster, time order, the same pod everywhere), in group `record`.
export { gradeLabRecord, RECORD_GROUP, RECORD_CHECKS } from './record/checks.ts'
export { probeReaders, type PodReaders, type ProbeReading } from './record/pods.ts'

// Live grading: probe the cluster, collect read-only into a new run, grade it.
export { probeCluster } from './live.ts'
export { verifyLive } from './live-verify.ts'

// Output: the checklist for a person, JSON and JUnit for machines (with the XSD the JUnit validates against).
export { printVerification } from './print.ts'
export { stringifyVerifyJson } from './json.ts'
export { toJunit } from './junit.ts'
export const JUNIT_XSD = new URL('./junit.xsd', import.meta.url)

// Negative controls (`--self-test`): the lab's mutations, the run that applies them, its printout.
export { labMutations } from './self-test/catalogue.ts'
export { runNegativeControls } from './self-test/run.ts'
export { printSelfTest } from './self-test/print.ts'

// `pnpm test:live`: when the live suite can run here, and its stages.
export { liveSkipReason, liveStages } from './live-suite.ts'
