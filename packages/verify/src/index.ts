export {
  gradeRecord,
  gradeNoCluster,
  readRunConfig,
  RUN_CONFIG_FILE,
  type GradedCheck,
  type EvidenceRef,
  type GradeOptions,
} from './grade.ts'
export {
  buildVerification,
  sourceOfRun,
  exitCodeFor,
  worst,
  type Verification,
  type StepGroup,
  type Source,
} from './verification.ts'
export { printVerification, describeRef, type PrintOptions } from './print.ts'
export {
  toVerifyJson,
  stringifyVerifyJson,
  VERIFY_JSON_SCHEMA,
  type VerifyJson,
  type VerifyJsonCheck,
  type VerifyJsonEvidence,
} from './json.ts'
export { toJunit } from './junit.ts'
export { parseVerifyArgs, USAGE, type VerifyArgs } from './args.ts'
export { probeCluster, classifyStatus, statusArgv, type Reachability } from './live.ts'
export { liveSkipReason, liveStages, SKIP_HINT, type LiveMachine, type LiveStage } from './live-suite.ts'
export { defineMutation, type Mutation, type World, type Memo, type Flags } from './self-test/mutation.ts'
export {
  labMutations,
  scaleToZero,
  relabelZone,
  deleteService,
  defaultPoolBack,
  pingSelf,
  breakDns,
  foreignZone,
  defaultPoolYaml,
} from './self-test/catalogue.ts'
export {
  stopWorkerNode,
  foreignCni,
  foreignCniYaml,
  minikubeNodeName,
} from './self-test/cluster-mutations.ts'
export {
  runSelfTest,
  isRed,
  type SelfTestDriver,
  type SelfTestResult,
  type MutationOutcome,
  type CheckCoverage,
  type Red,
} from './self-test/orchestrate.ts'
export { engineDriver, worldOf, type EngineDriverOptions } from './self-test/driver.ts'
export { printSelfTest } from './self-test/print.ts'
export const JUNIT_XSD = new URL('./junit.xsd', import.meta.url)
export { verifyLive, latestTarget, restoreLatest, type LiveVerifyOptions } from './live-verify.ts'
export { runNegativeControls, type NegativeControlsOptions } from './self-test/run.ts'
export { verifyPhase, hasReadOnlyRun, readOnlyRunner } from './phase.ts'
