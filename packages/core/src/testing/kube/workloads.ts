// DaemonSets, Deployments, Services and EndpointSlices in the shapes `kubectl get … -o json` returns.
import type { V1EnvVar } from '@kubernetes/client-node'
import type { V1DaemonSet, V1Deployment, V1Service } from '../../k8s.ts'
import { DEFAULT_IMAGE } from '../../config/schema.ts'
import { TIMES, time } from './json.ts'

export type DaemonSetSpec = {
  name: string
  namespace?: string
  desired: number
  ready: number
  updated?: number
  available?: number
  image?: string
}

export function daemonSet(d: DaemonSetSpec): V1DaemonSet {
  const labels = { 'k8s-app': d.name }
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      annotations: { 'deprecated.daemonset.template.generation': '1' },
      creationTimestamp: time(TIMES.node),
      generation: 1,
      labels,
      name: d.name,
      namespace: d.namespace ?? 'kube-system',
      resourceVersion: '655',
      uid: `uid-ds-${d.name}`,
    },
    spec: {
      revisionHistoryLimit: 10,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: { containers: [{ image: d.image ?? 'docker.io/calico/node:v3.28.1', name: d.name }] },
      },
      updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
    },
    status: {
      currentNumberScheduled: d.desired,
      desiredNumberScheduled: d.desired,
      numberAvailable: d.available ?? d.ready,
      numberMisscheduled: 0,
      numberReady: d.ready,
      ...(d.desired > d.ready ? { numberUnavailable: d.desired - d.ready } : {}),
      observedGeneration: 1,
      updatedNumberScheduled: d.updated ?? d.desired,
    },
  }
}

export type EnvVar = V1EnvVar

export type DeploymentSpec = {
  name?: string
  namespace?: string
  replicas?: number
  /** Ready (and available) replicas; defaults to all. */
  ready?: number
  updated?: number
  image?: string
  /** Defaults to the values the lab's default config passes (student, ITMO University). */
  env?: readonly EnvVar[]
  port?: number
  annotations?: Record<string, string>
  generation?: number
  observedGeneration?: number
}

export function deployment(d: DeploymentSpec = {}): V1Deployment {
  const name = d.name ?? 'frontend'
  const replicas = d.replicas ?? 2
  const ready = d.ready ?? replicas
  const labels = { app: name }
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      annotations: { 'deployment.kubernetes.io/revision': '1', ...d.annotations },
      creationTimestamp: time(TIMES.pod),
      generation: d.generation ?? 1,
      labels,
      name,
      namespace: d.namespace ?? 'default',
      resourceVersion: '1901',
      uid: `uid-deploy-${name}`,
    },
    spec: {
      progressDeadlineSeconds: 600,
      replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: labels },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { labels },
        spec: {
          containers: [
            {
              env: [
                ...(d.env ?? [
                  { name: 'REACT_APP_USERNAME', value: 'student' },
                  { name: 'REACT_APP_COMPANY_NAME', value: 'ITMO University' },
                ]),
              ],
              image: d.image ?? DEFAULT_IMAGE,
              imagePullPolicy: 'IfNotPresent',
              name,
              ports: [{ containerPort: d.port ?? 3000, name: 'http', protocol: 'TCP' }],
            },
          ],
        },
      },
    },
    status: {
      availableReplicas: ready,
      observedGeneration: d.observedGeneration ?? d.generation ?? 1,
      readyReplicas: ready,
      replicas,
      ...(replicas > ready ? { unavailableReplicas: replicas - ready } : {}),
      updatedReplicas: d.updated ?? replicas,
    },
  }
}

export type ServiceSpec = {
  name?: string
  namespace?: string
  clusterIP?: string
  type?: 'ClusterIP' | 'NodePort' | 'LoadBalancer'
  port?: number
  targetPort?: number
  /** For NodePort and LoadBalancer services. */
  nodePort?: number
  selector?: Record<string, string>
  annotations?: Record<string, string>
}

export function service(s: ServiceSpec = {}): V1Service {
  const name = s.name ?? 'frontend'
  const clusterIP = s.clusterIP ?? '10.101.7.3'
  const type = s.type ?? 'ClusterIP'
  const port = s.port ?? 3000
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      ...(s.annotations ? { annotations: s.annotations } : {}),
      creationTimestamp: time(TIMES.pod),
      labels: { app: name },
      name,
      namespace: s.namespace ?? 'default',
      resourceVersion: '1905',
      uid: `uid-svc-${name}`,
    },
    spec: {
      clusterIP,
      clusterIPs: [clusterIP],
      ...(type !== 'ClusterIP' ? { externalTrafficPolicy: 'Cluster' } : {}),
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: [
        {
          name: 'http',
          ...(type !== 'ClusterIP' ? { nodePort: s.nodePort ?? 30080 } : {}),
          port,
          protocol: 'TCP',
          targetPort: s.targetPort ?? port,
        },
      ],
      selector: s.selector ?? { app: name },
      sessionAffinity: 'None',
      type,
    },
    status: { loadBalancer: {} },
  }
}

export type EndpointSpec = { ip: string; pod: string; node: string; ready?: boolean; terminating?: boolean }

export type EndpointSliceSpec = {
  service?: string
  namespace?: string
  endpoints: readonly EndpointSpec[]
  port?: number
}

/** One EndpointSlice of a Service (`kubectl get endpointslices -l kubernetes.io/service-name=<svc>`). */
export function endpointSlice(e: EndpointSliceSpec): Record<string, unknown> {
  const service = e.service ?? 'frontend'
  const namespace = e.namespace ?? 'default'
  return {
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints: e.endpoints.map((x) => ({
      addresses: [x.ip],
      conditions: {
        ready: (x.ready ?? true) && !x.terminating,
        serving: x.ready ?? true,
        terminating: x.terminating ?? false,
      },
      nodeName: x.node,
      targetRef: { kind: 'Pod', name: x.pod, namespace, uid: `uid-${x.pod}` },
    })),
    kind: 'EndpointSlice',
    metadata: {
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': TIMES.ready },
      creationTimestamp: TIMES.pod,
      generateName: `${service}-`,
      generation: 1,
      labels: {
        'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
        'kubernetes.io/service-name': service,
      },
      name: `${service}-8x2kq`,
      namespace,
      ownerReferences: [
        {
          apiVersion: 'v1',
          blockOwnerDeletion: true,
          controller: true,
          kind: 'Service',
          name: service,
          uid: `uid-svc-${service}`,
        },
      ],
      resourceVersion: '1990',
      uid: `uid-eps-${service}`,
    },
    ports: [{ name: 'http', port: e.port ?? 3000, protocol: 'TCP' }],
  }
}
