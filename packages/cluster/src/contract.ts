// Cluster contract: step ids, evidence keys and output parsers (docs/contracts.md lists each key by step).
import { IDENTITY_KEY } from '@lab4/core'

/** Evidence keys of the cluster steps; every one is a singleton (the label writes all share `label`). */
export const KEY = {
  profileList: 'cluster.profile-list',
  status: 'cluster.status',
  start: 'cluster.start',
  delete: 'cluster.delete',
  minikubeVersion: 'cluster.minikube-version',
  kubectlVersion: 'cluster.kubectl-version',
  nodesJson: 'cluster.nodes.json',
  calicoDs: 'cluster.calico-ds.json',
  kubeSystemJson: 'cluster.kube-system.json',
  /** `kubectl get namespace kube-system -o json`: its UID is half of the cluster's identity. */
  kubeSystemNamespace: 'cluster.kube-system-namespace.json',
  /** Observation: the kube-system UID and the node UIDs, which a re-creation changes (the lab record's identity). */
  identity: IDENTITY_KEY,
  daemonsets: 'cluster.daemonsets.json',
  clusterInformation: 'cluster.clusterinformation',
  nodesWide: 'cluster.nodes.wide',
  calicoPodsWide: 'cluster.calico-pods.wide',
  kubeSystemTable: 'cluster.kube-system.table',
  label: 'cluster.label',
  nodesLabels: 'cluster.nodes.labels',
  /** The frontend image's pre-pull (docs/prepull.md): nodes with status.images, the DaemonSet's pods, its apply and delete. */
  prepullNodes: 'cluster.prepull.nodes.json',
  prepullPods: 'cluster.prepull.pods.json',
  prepullApply: 'cluster.prepull.apply',
  prepullDelete: 'cluster.prepull.delete',
  /** Observation: per node, whether it had the image or pulled it, and any pull failure. */
  prepullResult: 'cluster.prepull.result',
} as const

export const STEP = {
  profile: 'cluster.profile',
  ready: 'cluster.ready',
  labels: 'cluster.labels',
  prepull: 'cluster.prepull',
} as const

export { parseProfileList, parseStatus, STATUS_ABSENT } from './parse/minikube.ts'
export type { ProfileInfo, ProfileNode, ProfileList, NodeStatus, ClusterStatus } from './parse/minikube.ts'
export { parseMinikubeVersion, parseKubectlVersion, parseCalicoVersion } from './parse/versions.ts'
