// Pure: every kubectl argument list this package runs (after `kubectl --context P`), as docs/contracts.md fixes them.
import type { LabConfig } from '@lab4/core'
import { appSelector } from './names.ts'

const ns = (c: LabConfig) => ['-n', c.app.namespace]

export const kube = {
  deploymentJson: (c: LabConfig) => [...ns(c), 'get', 'deployment', c.app.name, '-o', 'json'],
  serviceJson: (c: LabConfig) => [...ns(c), 'get', 'service', c.app.service.name, '-o', 'json'],
  apply: () => ['apply', '-f', '-'],
  rollout: (c: LabConfig) => [
    ...ns(c),
    'rollout',
    'status',
    `deployment/${c.app.name}`,
    `--timeout=${c.timeouts.podReady}s`,
  ],
  endpointSlices: (c: LabConfig) => [
    ...ns(c),
    'get',
    'endpointslices',
    '-l',
    `kubernetes.io/service-name=${c.app.service.name}`,
    '-o',
    'json',
  ],
  podsJson: (c: LabConfig) => [...ns(c), 'get', 'pods', '-l', appSelector(c), '-o', 'json'],
  podsWide: (c: LabConfig) => [...ns(c), 'get', 'pods', '-l', appSelector(c), '-o', 'wide'],
  objectsWide: (c: LabConfig) => [...ns(c), 'get', 'deployment,service', '-o', 'wide'],
  nodesJson: () => ['get', 'nodes', '-o', 'json'],
  /** `target` is `service/<svc>` or `pod/<name>`. */
  portForward: (c: LabConfig, target: string, local: number, port: number) => [
    ...ns(c),
    'port-forward',
    target,
    `${local}:${port}`,
  ],
  exec: (c: LabConfig, pod: string, ...command: string[]) => [...ns(c), 'exec', pod, '--', ...command],
  corednsPods: () => ['-n', 'kube-system', 'get', 'pods', '-l', 'k8s-app=kube-dns', '-o', 'wide'],
  corefile: () => ['-n', 'kube-system', 'get', 'configmap', 'coredns', '-o', 'yaml'],
  networkPolicies: (c: LabConfig) => [...ns(c), 'get', 'networkpolicies', '-o', 'json'],
  deleteNetworkPolicies: (c: LabConfig, names: readonly string[]) => [
    ...ns(c),
    'delete',
    'networkpolicy',
    ...names,
  ],
  configMapJson: (c: LabConfig, name: string) => [...ns(c), 'get', 'configmap', name, '-o', 'json'],
}
