// @lab4/core: what every package builds on. Test helpers are in the subpath @lab4/core/testing.

// Commands as argv data, and the errors a step can raise.
export type { Command, Result, Runner } from './command.ts'
export { cmd, formatArgv, isWriteCommand, firstLine } from './command.ts'
export { LabError, CommandError, WaitTimeoutError, InterruptedError, ExitCode } from './errors.ts'
export { redact } from './redact.ts'

// Running processes: the one real runner, the scripted fake for tests, and the children registry.
export { zxRunner, startProcess, type LiveProcess } from './runner/zx-runner.ts'
export {
  fakeRunner,
  UnexpectedCommandError,
  type FakeRunner,
  type FakeExpectation,
} from './runner/fake-runner.ts'
export {
  killAllChildren,
  track,
  watchChildren,
  isShuttingDown,
  type ChildRecord,
  type Killable,
} from './runner/children.ts'
export { type ProcessId, identify, isSameProcess, groupMembers } from './runner/process-id.ts'
// One run per profile (lock file) and the leftovers of a killed run.
export { acquireLock, lockDir, readLock, type Lock, type LockRecord } from './lock.ts'
export { endLeftovers, formatLeftovers, type Leftovers } from './leftovers.ts'

// The run record: journal schema, writer and reader, and the read-only Evidence view checks see.
export * as journal from './journal/schema.ts'
export type {
  JournalEntry,
  CommandEntry,
  VerdictEntry,
  HeaderEntry,
  ArtifactEntry,
  ObservationEntry,
  ProcessEntry,
  Status,
  NotGradableCause,
  StepStatus,
} from './journal/schema.ts'
export { Journal, newRunId, markLatest, JOURNAL_FILE } from './journal/writer.ts'
export { readRun, type RunRecord, type JournalLine } from './journal/reader.ts'
export { lineHash } from './journal/writer.ts'
export { JOURNAL_SCHEMA, JOURNAL_SCHEMA_V1 } from './journal/schema.ts'

// The lab record: the runs against one cluster, their composed view, the hash chain and the cluster identity.
export { readLabRecord, type LabRecord, type ReadRecordOptions } from './record/load.ts'
export { compose, type Act, type StepOrigin, type Composition, type Member } from './record/compose.ts'
export {
  selectRecord,
  runInfo,
  entryTime,
  deletesCluster,
  type RunInfo,
  type Refusal,
} from './record/record.ts'
export { verifyChain, type ChainReport } from './record/chain.ts'
export { stepAttempts, judgeUnfinished, type StepAttempt, type StepState } from './record/steps.ts'
export {
  IDENTITY_KEY,
  identityFrom,
  identityOf,
  sameIdentity,
  formatIdentity,
  type ClusterIdentity,
} from './record/identity.ts'
export { recordDown, type DownRecord } from './record/down.ts'
// Simulator fingerprints: how the simulator marks what it prints, and how a record is found to be simulated.
export {
  selfChecking,
  fingerprintsIn,
  simulatorFingerprints,
  describeFingerprints,
  simulatedReason,
  SIM_KERNEL_FLAVOUR,
  type Fingerprint,
  type FingerprintKind,
} from './record/fingerprint.ts'
export { Evidence, type Versions } from './evidence.ts'
export { keyFamily, type KeyFamily } from './key.ts'

// Checks and their verdicts.
export {
  type Check,
  type Verdict,
  type CheckResult,
  defineCheck,
  pass,
  fail,
  notGradable,
  verdict,
  withEvidence,
  evaluateChecks,
  summarize,
} from './check.ts'

// Steps and the engine that runs them, with waits and progress output.
export { waitFor, type Probe, type WaitOptions } from './wait.ts'
export { type Step, type StepContext, type StepOutcome, type PlanItem, type Pkg, defineStep } from './step.ts'
export {
  runSteps,
  selectSteps,
  asInterrupted,
  type EngineOptions,
  type EngineResult,
  type Spawner,
} from './engine.ts'
export { type Reporter, plainReporter, ttyReporter, defaultReporter } from './progress.ts'

// lab.config.yaml: schema, loading, package rules, JSON Schema.
export {
  LabConfigSchema,
  type LabConfig,
  type PoolConfig,
  poolName,
  DEFAULT_IMAGE,
  labelValuePattern,
} from './config/schema.ts'
export {
  loadConfig,
  loadValidConfig,
  lintConfig,
  checkConfig,
  readConfigText,
  MAX_CONFIG_BYTES,
  parseConfig,
  assertRules,
  runRules,
  hashConfig,
  stableJson,
  yamlPath,
  formatFinding,
  ConfigError,
  type ConfigRule,
  type Finding,
} from './config/load.ts'
export { configJsonSchema } from './config/json-schema.ts'

// The kubectl context guard, preflight over machine facts, the tool's name and the process entry point.
export { kubectlArgv, assertLabContext, inspectContext, assertMinikubeContext } from './kube.ts'
export {
  preflight,
  type PreflightResult,
  type PreflightItem,
  type Facts,
  SUPPORTED_MINIKUBE,
  calicoOf,
} from './preflight.ts'
export { which, probeFacts } from './preflight/probe.ts'
export { checkEnvironment, preflightError } from './preflight/check.ts'
export { formatPreflightPass, formatPreflightFailure } from './preflight/format.ts'
export { TOOL } from './tool.ts'
export { resolveBrowser, BROWSER_ARGS, type BrowserSource } from './browser.ts'
export { runMain, reportError, type Main } from './main.ts'

// One voice on the command line: the flag parser lab, report and verify share, and its usage errors.
export { parseCommandLine, flagError, type CliSpec, type FlagSpec, type FlagValues } from './cli/args.ts'

// Pure readers shared by every package: kubectl JSON, column tables, IPv4 CIDRs.
export {
  parseItems,
  nodeSummary,
  orderNodes,
  podSummary,
  podStatus,
  daemonSetSummary,
  dashed,
  type NodeSummary,
  type PodSummary,
  type DaemonSetSummary,
  type List,
} from './k8s.ts'
export type { V1Node, V1Pod, V1DaemonSet, V1Deployment, V1Service } from './k8s.ts'
export { parseTable } from './net/table.ts'
export {
  type Cidr,
  CidrError,
  parseCidr,
  tryParseCidr,
  ipToInt,
  intToIp,
  maskOf,
  networkCidr,
  lastAddress,
  cidrSize,
  contains,
  within,
  overlaps,
  ipInCidr,
} from './net/cidr.ts'
