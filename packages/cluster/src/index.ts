// @lab4/cluster: a 2-node minikube profile with Calico, Ready, with zone labels. Only names used outside it.

// Steps in run order, and the config rules they rely on (the composition root, @lab4/lab, lists them).
export { clusterSteps } from './steps/index.ts'
export { clusterConfigRules } from './rules.ts'

// The evidence contract: step ids, evidence keys, and the readers of what the recorded commands print.
export { KEY as clusterKeys, STEP as clusterStepIds } from './contract.ts'
export {
  parseProfileList,
  parseStatus,
  STATUS_ABSENT,
  parseMinikubeVersion,
  parseKubectlVersion,
  parseCalicoVersion,
} from './contract.ts'
export type { ProfileInfo, ProfileNode, ProfileList, NodeStatus, ClusterStatus } from './contract.ts'

// minikube's own naming, for readers of hand-made write-ups; and the argv `pnpm lab down` runs.
export { expectedNodeNames, downArgv } from './argv.ts'
