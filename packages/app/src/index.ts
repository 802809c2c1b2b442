// @lab4/app: lab items 6–10 (the frontend Deployment + Service, port-forward + browser, question 9, ping by FQDN),
// and the NetworkPolicy experiment (app.policy) that shows why the lab uses Calico.
// Layout: contract.ts (keys, step ids, parsers), steps/ (the three steps; steps/effects/ holds their effect adapters:
// the port-forward supervisor, the Chromium browser session, the manifest file), checks/ (pure), pure readers by topic
// (manifests/, busybox/, page.ts, forwarding.ts, question9.ts, pairs.ts, k8s.ts), testing/ (test helpers only).

// The steps in run order, each carrying its checks (the composition root in @lab4/lab lists them).
export { appSteps } from './steps/all.ts'

// The evidence contract: step ids and the keys every app entry is recorded under.
export {
  KEY as appKeys,
  STEP as appStepIds,
  POLICY_PHASES,
  POLICY_PROBE_KEYS,
  type PolicyPhase,
  type PolicyProbe,
} from './contract.ts'

// The one reader of each app output: BusyBox ping and nslookup in the pod, the rendered page, kubectl port-forward.
export {
  parsePing,
  parsePings,
  pingSucceeded,
  pingTtls,
  parseNslookup,
  addressesFor,
  parsePage,
  parseForwarding,
  parseWget,
  type PingResult,
  type PingReply,
  type NslookupResult,
  type PageValues,
  type Forwarding,
  type WgetResult,
} from './contract.ts'

// The frontend Deployment and Service as data and as the YAML the step applies.
export {
  frontendDeployment,
  frontendService,
  frontendManifest,
  type FrontendManifest,
} from './manifests/frontend.ts'

// Readings of what the app records: the pod IP a dashed DNS label names, a Deployment's replicas, images and env.
export { ipFromDashedName } from './names.ts'
export { deploymentSummary, type DeploymentSummary } from './k8s.ts'

// The NetworkPolicy experiment as the report shows it (from this run or from the record in the cluster), its
// manifests, and what it adds to a live lab (the plan prints it; bench/policy.ts too).
export {
  readExperiment,
  phaseRows,
  EXPECTED as POLICY_EXPECTED,
  type Experiment,
  type PhaseRow,
  type ProbeView,
  type Outcome as ProbeOutcome,
} from './policy/experiment.ts'
export { policyManifests, denyName, allowName, recordName, type PolicyManifests } from './manifests/policy.ts'
export { policyBudget, WGET_TIMEOUT_S, PING_WAIT_S } from './steps/policy.ts'
