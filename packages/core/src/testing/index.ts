// @lab4/core/testing: the shared test kit. Test files only; production code never imports it.

// kubectl's `-o json` printing: sorted keys, 4-space indent, the List wrapper.
export { list, kubectlJson, sortKeys, time, TIMES } from './kube/json.ts'

// Kubernetes objects in the shapes a minikube + Calico cluster returns.
export {
  node,
  labNodes,
  minikubeLabels,
  nodeIndex,
  profileOf,
  LAB_ZONES,
  type NodeSpec,
} from './kube/nodes.ts'
export { pod, replicaSetOf, type PodSpec, type Owner, type InitSpec } from './kube/pods.ts'
export {
  daemonSet,
  deployment,
  service,
  endpointSlice,
  type DaemonSetSpec,
  type DeploymentSpec,
  type ServiceSpec,
  type EndpointSliceSpec,
  type EndpointSpec,
  type EnvVar,
} from './kube/workloads.ts'

// Calico: IPPools as calicoctl prints them, BlockAffinities and ClusterInformation as kubectl does.
export {
  ipPool,
  ipPoolList,
  DEFAULT_POOL,
  blockAffinity,
  clusterInformation,
  type PoolSpec,
  type AffinitySpec,
} from './kube/calico.ts'

// Objects rebuilt from real kubectl tables, and kubectl tables printed from objects.
export { nodesFromShowLabels, podFromRow, type PodRow } from './kube/rows.ts'
export { nodesWideTable, podsTable, padTable } from './kube/tables.ts'

// minikube and kubectl version JSON from real excerpts.
export {
  profileList,
  realProfileList,
  profileListHead,
  profileListTail,
  statusJson,
  kubectlVersion,
  type ProfileSpec,
} from './minikube.ts'

// Copied real outputs (fixtures keep their `# source:` line).
export { readFixture, fixtureReader, kitFixture } from './fixtures.ts'

// Evidence as checks see a recorded run.
export {
  EvidenceBuilder,
  evidenceOf,
  evidenceWith,
  type CommandSpec,
  type ArtifactSpec,
  type EntrySpec,
  type BuilderOptions,
} from './evidence.ts'

// Running steps on the scripted fake runner with a recording journal.
export {
  runScripted,
  runStep,
  stepContext,
  labConfig,
  k,
  say,
  type HarnessOptions,
  type ScriptedRun,
  type StepRun,
  type StepHarness,
} from './run.ts'
