// Node, Deployment, Service, EndpointSlice, DaemonSet and Calico CRD objects in their API shapes.
import { envList, objectMeta } from './json.ts'
import { podJson } from './pod-json.ts'
import { stamp } from './table.ts'
import { currentHash, deploymentPods } from '../world/controllers.ts'
import { isAlive, isReady, matchLabels, podsOf, reached, readyCondition } from '../world/pods.ts'
import { uid } from '../world/rand.ts'
import { SIM_KERNEL, simMachineId, simUid } from './fingerprint.ts'
import { DOCKER_VERSION } from '../world/versions.ts'
import { daemonSetNodes, daemonSetPods } from '../world/daemonsets.ts'
import { nodeImages } from '../world/images.ts'
import type { Cluster, DaemonSet, Deployment, Generic, Node, Pod, Service } from '../world/types.ts'

export function nodeJson(c: Cluster, n: Node, now: number, index: number): Record<string, unknown> {
  const ready = reached(n.readyAt, now)
  const annotations = {
    ...n.meta.annotations,
    'projectcalico.org/IPv4Address': `${n.ip}/24`,
    ...(n.tunnelIP ? { 'projectcalico.org/IPv4IPIPTunnelAddr': n.tunnelIP } : {}),
  }
  const lost = n.stoppedAt
  const cond = (type: string, status: boolean, reason: string, message: string) =>
    lost !== undefined
      ? // The node controller's view once the kubelet stopped posting: every condition Unknown, heartbeat frozen.
        {
          lastHeartbeatTime: stamp(lost - (lost % 10_000)),
          lastTransitionTime: stamp(lost),
          message: 'Kubelet stopped posting node status.',
          reason: 'NodeStatusUnknown',
          status: 'Unknown',
          type,
        }
      : {
          lastHeartbeatTime: stamp(now - (now % 10_000)),
          lastTransitionTime: stamp(type === 'Ready' && ready && n.readyAt ? n.readyAt : n.meta.createdAt),
          message,
          reason,
          status: status ? 'True' : 'False',
          type,
        }
  const taints =
    lost !== undefined
      ? [
          { effect: 'NoSchedule', key: 'node.kubernetes.io/unreachable', timeAdded: stamp(lost) },
          { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', timeAdded: stamp(lost) },
        ]
      : ready
        ? undefined
        : [{ effect: 'NoSchedule', key: 'node.kubernetes.io/not-ready' }]
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: objectMeta({ ...n.meta, annotations }),
    spec: {
      podCIDR: `10.244.${index}.0/24`,
      podCIDRs: [`10.244.${index}.0/24`],
      ...(taints ? { taints } : {}),
    },
    status: {
      addresses: [
        { address: n.ip, type: 'InternalIP' },
        { address: n.name, type: 'Hostname' },
      ],
      allocatable: {
        cpu: String(c.cpus),
        'ephemeral-storage': '102625208Ki',
        memory: `${c.memory * 1024}Ki`,
        pods: '110',
      },
      capacity: {
        cpu: String(c.cpus),
        'ephemeral-storage': '102625208Ki',
        memory: `${c.memory * 1024}Ki`,
        pods: '110',
      },
      conditions: [
        cond(
          'MemoryPressure',
          false,
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        cond('DiskPressure', false, 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', false, 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        ready
          ? cond('Ready', true, 'KubeletReady', 'kubelet is posting ready status')
          : cond(
              'Ready',
              false,
              'KubeletNotReady',
              'container runtime network not ready: NetworkReady=false reason:NetworkPluginNotReady message:docker: network plugin is not ready: cni config uninitialized',
            ),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: nodeImages(c, n, now),
      nodeInfo: {
        architecture: 'amd64',
        bootID: simUid(uid(0, n.name, 'boot')),
        containerRuntimeVersion: `docker://${DOCKER_VERSION}`,
        kernelVersion: SIM_KERNEL,
        kubeProxyVersion: '',
        kubeletVersion: c.kubernetesVersion,
        machineID: simMachineId(uid(0, n.name, 'machine').replace(/-/g, '')),
        operatingSystem: 'linux',
        osImage: 'Ubuntu 22.04.4 LTS',
        systemUUID: simUid(uid(0, n.name, 'system')),
      },
    },
  }
}

export function deploymentJson(c: Cluster, d: Deployment, now: number): Record<string, unknown> {
  const pods = deploymentPods(c, d).filter(isAlive)
  const hash = currentHash(d)
  const updated = pods.filter((p) => c.replicaSets.some((r) => r.name === p.owner?.name && r.hash === hash))
  const ready = pods.filter((p) => isReady(p, now)).length
  const revision =
    c.replicaSets.find(
      (r) => r.deployment === d.meta.name && r.namespace === d.meta.namespace && r.hash === hash,
    )?.revision ?? 1
  const available = ready >= d.replicas
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMeta({
      ...d.meta,
      annotations: { 'deployment.kubernetes.io/revision': String(revision), ...d.meta.annotations },
    }),
    spec: {
      progressDeadlineSeconds: 600,
      replicas: d.replicas,
      revisionHistoryLimit: 10,
      selector: { matchLabels: d.selector },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: templateJson(d),
    },
    status: {
      ...(ready > 0 ? { availableReplicas: ready } : {}),
      conditions: [
        {
          lastTransitionTime: stamp(d.meta.createdAt),
          lastUpdateTime: stamp(d.meta.createdAt),
          message: available
            ? 'Deployment has minimum availability.'
            : 'Deployment does not have minimum availability.',
          reason: available ? 'MinimumReplicasAvailable' : 'MinimumReplicasUnavailable',
          status: available ? 'True' : 'False',
          type: 'Available',
        },
        {
          lastTransitionTime: stamp(d.meta.createdAt),
          lastUpdateTime: stamp(now),
          message:
            updated.length >= d.replicas && ready >= d.replicas
              ? `ReplicaSet "${d.meta.name}-${hash}" has successfully progressed.`
              : `ReplicaSet "${d.meta.name}-${hash}" is progressing.`,
          reason:
            updated.length >= d.replicas && ready >= d.replicas
              ? 'NewReplicaSetAvailable'
              : 'ReplicaSetUpdated',
          status: 'True',
          type: 'Progressing',
        },
      ],
      observedGeneration: d.meta.generation ?? 1,
      ...(ready > 0 ? { readyReplicas: ready } : {}),
      replicas: pods.length,
      ...(pods.length - ready > 0 ? { unavailableReplicas: Math.max(0, d.replicas - ready) } : {}),
      updatedReplicas: updated.length,
    },
  }
}

const templateJson = (d: Deployment) => ({
  metadata: {
    ...(Object.keys(d.template.annotations).length ? { annotations: d.template.annotations } : {}),
    creationTimestamp: null,
    labels: d.template.labels,
  },
  spec: {
    containers: d.template.spec.containers.map((ct) => ({
      ...(ct.args ? { args: ct.args } : {}),
      ...(ct.env ? { env: envList(ct.env) } : {}),
      image: ct.image,
      imagePullPolicy: 'IfNotPresent',
      name: ct.name,
      ...(ct.ports ? { ports: ct.ports.map((p) => ({ containerPort: p, protocol: 'TCP' })) } : {}),
      ...(ct.readinessProbe ? { readinessProbe: ct.readinessProbe } : {}),
      resources: {},
    })),
    dnsPolicy: 'ClusterFirst',
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    terminationGracePeriodSeconds: 30,
    ...(d.template.spec.spread
      ? {
          topologySpreadConstraints: d.template.spec.spread.map((s) => ({
            labelSelector: { matchLabels: s.labelSelector },
            maxSkew: s.maxSkew,
            topologyKey: s.topologyKey,
            whenUnsatisfiable: s.whenUnsatisfiable,
          })),
        }
      : {}),
  },
})

export function serviceJson(s: Service): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMeta(s.meta),
    spec: {
      clusterIP: s.clusterIP,
      clusterIPs: [s.clusterIP],
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      ports: s.ports.map((p) => ({
        ...(p.name ? { name: p.name } : {}),
        ...(p.nodePort ? { nodePort: p.nodePort } : {}),
        port: p.port,
        protocol: p.protocol,
        targetPort: p.targetPort,
      })),
      ...(s.selector ? { selector: s.selector } : {}),
      sessionAffinity: 'None',
      type: s.type,
    },
    status: { loadBalancer: {} },
  }
}

export function endpointSliceJson(c: Cluster, s: Service, now: number): Record<string, unknown> {
  const pods = s.selector
    ? podsOf(c, s.meta.namespace, s.selector).filter((p) => p.ip && p.ipAt !== undefined)
    : []
  return {
    addressType: 'IPv4',
    apiVersion: 'discovery.k8s.io/v1',
    endpoints: pods.map((p) => ({
      addresses: [p.ip],
      conditions: { ready: isReady(p, now), serving: readyCondition(p, now), terminating: !isAlive(p) },
      nodeName: p.nodeName,
      targetRef: { kind: 'Pod', name: p.meta.name, namespace: p.meta.namespace, uid: simUid(p.meta.uid) },
    })),
    kind: 'EndpointSlice',
    metadata: objectMeta(
      {
        ...s.meta,
        name: `${s.meta.name}-${s.sliceSuffix}`,
        uid: uid(0, s.meta.uid, 'slice'),
        labels: {
          'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io',
          'kubernetes.io/service-name': s.meta.name,
          ...s.meta.labels,
        },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': stamp(now) },
      },
      {
        generateName: `${s.meta.name}-`,
        ownerReferences: [
          {
            apiVersion: 'v1',
            blockOwnerDeletion: true,
            controller: true,
            kind: 'Service',
            name: s.meta.name,
            uid: simUid(s.meta.uid),
          },
        ],
      },
    ),
    ports: s.ports.map((p) => ({
      name: p.name ?? '',
      port: typeof p.targetPort === 'number' ? p.targetPort : p.port,
      protocol: p.protocol,
    })),
  }
}

export function daemonSetJson(c: Cluster, d: DaemonSet, now: number): Record<string, unknown> {
  const pods = daemonSetPods(c, d).filter(isAlive)
  const ready = pods.filter((p) => isReady(p, now)).length
  const desired = daemonSetNodes(c, d).length
  const generation = d.meta.generation ?? 1
  // The template rendered the way a pod made from it is, minus what belongs to one pod.
  const { nodeName: _, ...spec } = podJson(c, templatePod(d), now).spec as Record<string, unknown>
  return {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: objectMeta(
      {
        ...d.meta,
        annotations: {
          'deprecated.daemonset.template.generation': String(generation),
          ...d.meta.annotations,
        },
      },
      { generation },
    ),
    spec: {
      revisionHistoryLimit: 10,
      selector: { matchLabels: d.selector },
      template: {
        metadata: {
          creationTimestamp: null,
          labels: d.template.labels,
          ...(Object.keys(d.template.annotations).length ? { annotations: d.template.annotations } : {}),
        },
        spec,
      },
      updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' },
    },
    status: {
      currentNumberScheduled: pods.length,
      desiredNumberScheduled: desired,
      ...(ready > 0 ? { numberAvailable: ready } : {}),
      numberMisscheduled: 0,
      numberReady: ready,
      ...(desired - ready > 0 ? { numberUnavailable: desired - ready } : {}),
      observedGeneration: generation,
      updatedNumberScheduled: pods.length,
    },
  }
}

const templatePod = (d: DaemonSet): Pod => ({
  meta: { ...d.meta, labels: d.template.labels, annotations: d.template.annotations },
  spec: d.template.spec,
  restarts: 0,
})

export function clusterInformationJson(c: Cluster, seed: number): Record<string, unknown> {
  return {
    apiVersion: 'crd.projectcalico.org/v1',
    kind: 'ClusterInformation',
    metadata: objectMeta(
      {
        name: 'default',
        uid: uid(seed, c.profile, 'clusterinfo'),
        createdAt: c.createdAt,
        labels: {},
        annotations: {},
        generation: 1,
      },
      { generation: 1 },
    ),
    spec: {
      calicoVersion: c.calicoVersion,
      clusterGUID: simMachineId(uid(seed, c.profile, 'guid').replace(/-/g, '')),
      clusterType: 'k8s,bgp,kubeadm,kdd',
      datastoreReady: true,
    },
  }
}

export function blockAffinitiesJson(c: Cluster, seed: number): Record<string, unknown>[] {
  return c.blocks
    .filter((b) => b.affinity !== null)
    .map((b) => ({
      apiVersion: 'crd.projectcalico.org/v1',
      kind: 'BlockAffinity',
      metadata: objectMeta(
        {
          name: `${b.affinity}-${b.cidr.replace(/[./]/g, '-')}`,
          uid: uid(seed, c.profile, 'affinity', b.cidr),
          createdAt: c.createdAt,
          labels: {},
          annotations: {},
          generation: 1,
        },
        { generation: 1 },
      ),
      spec: { cidr: b.cidr, deleted: 'false', node: b.affinity, state: 'confirmed' },
    }))
}

export function genericJson(g: Generic): Record<string, unknown> {
  return {
    apiVersion: g.apiVersion,
    kind: g.kind,
    ...g.body,
    metadata: objectMeta({
      name: g.name,
      ...(g.namespace ? { namespace: g.namespace } : {}),
      uid: g.uid,
      createdAt: g.createdAt,
      labels: {},
      annotations: {},
    }),
  }
}

export const selects = matchLabels
