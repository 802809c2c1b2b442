// Evidence keys from docs/contracts.md (cluster.*): steps record under them, checks and the report look them up.
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
  daemonsets: 'cluster.daemonsets.json',
  clusterInformation: 'cluster.clusterinformation',
  nodesWide: 'cluster.nodes.wide',
  calicoPodsWide: 'cluster.calico-pods.wide',
  kubeSystemTable: 'cluster.kube-system.table',
  label: 'cluster.label',
  nodesLabels: 'cluster.nodes.labels',
} as const

export const STEP = { profile: 'cluster.profile', ready: 'cluster.ready', labels: 'cluster.labels' } as const
