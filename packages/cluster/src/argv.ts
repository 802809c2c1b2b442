// Pure argv builders for every minikube/kubectl call of the cluster steps (docs/contracts.md lists them by step).
import type { LabConfig } from '@lab4/core'

export const profileListArgv = (): string[] => ['minikube', 'profile', 'list', '-o', 'json']
export const statusArgv = (config: LabConfig): string[] => [
  'minikube',
  'status',
  '-p',
  config.profile,
  '-o',
  'json',
]
export const minikubeVersionArgv = (): string[] => ['minikube', 'version', '--short']

/** `minikube start` for the lab profile. `--cni calico` alone: `--network-plugin` is deprecated and only prints a warning. */
export function startArgv(config: LabConfig): string[] {
  const c = config.cluster
  return [
    'minikube',
    'start',
    '-p',
    config.profile,
    '--nodes',
    String(c.nodes),
    '--cni',
    'calico',
    '--driver',
    c.driver,
    ...(c.kubernetesVersion ? ['--kubernetes-version', c.kubernetesVersion] : []),
    ...(c.cpus ? ['--cpus', String(c.cpus)] : []),
    ...(c.memory ? ['--memory', String(c.memory)] : []),
  ]
}

/** `pnpm lab down` and `--recreate`: delete only the lab's own profile. */
export const downArgv = (config: LabConfig): string[] => ['minikube', 'delete', '-p', config.profile]

/** kubectl arguments (after `kubectl --context P`) of the read-only cluster queries. */
export const kube = {
  nodesJson: () => ['get', 'nodes', '-o', 'json'],
  calicoDs: () => ['-n', 'kube-system', 'get', 'daemonset', 'calico-node', '-o', 'json'],
  kubeSystemJson: () => ['-n', 'kube-system', 'get', 'pods', '-o', 'json'],
  kubeSystemNamespace: () => ['get', 'namespace', 'kube-system', '-o', 'json'],
  daemonsets: () => ['get', 'daemonsets', '-A', '-o', 'json'],
  clusterInformation: () => ['get', 'clusterinformations.crd.projectcalico.org', 'default', '-o', 'json'],
  nodesWide: () => ['get', 'nodes', '-o', 'wide'],
  calicoPodsWide: () => ['get', 'pods', '-l', 'k8s-app=calico-node', '-A', '-o', 'wide'],
  kubeSystemTable: () => ['get', 'pods', '-n', 'kube-system'],
  version: () => ['version', '-o', 'json'],
  nodesLabels: (key: string) => ['get', 'nodes', '-L', key],
  label: (node: string, key: string, value: string) => [
    'label',
    'node',
    node,
    `${key}=${value}`,
    '--overwrite',
  ],
}

/** Node names minikube gives a fresh profile: `P`, `P-m02`, `P-m03`… (for the plan and for reading write-ups; runs read real names). */
export function expectedNodeNames(config: {
  profile: string
  cluster: Pick<LabConfig['cluster'], 'nodes'>
}): string[] {
  return Array.from({ length: config.cluster.nodes }, (_, i) =>
    i === 0 ? config.profile : `${config.profile}-m${String(i + 1).padStart(2, '0')}`,
  )
}
