// A Pod in the API's own shape: what `kubectl get pod -o json` prints and @kubernetes/client-node reads.
import { containerId, envList, objectMeta } from './json.ts'
import { simUid } from './fingerprint.ts'
import { stamp } from './table.ts'
import { reached } from '../world/pods.ts'
import type { Cluster, Container, Pod } from '../world/types.ts'

export function podJson(c: Cluster, p: Pod, now: number): Record<string, unknown> {
  const node = c.nodes.find((n) => n.name === p.nodeName)
  const annotations = { ...p.meta.annotations }
  if (p.ip && !p.spec.hostNetwork && p.ipAt) {
    annotations['cni.projectcalico.org/containerID'] = containerId(p.meta.uid, 'sandbox').slice(9)
    annotations['cni.projectcalico.org/podIP'] = `${p.ip}/32`
    annotations['cni.projectcalico.org/podIPs'] = `${p.ip}/32`
  }
  const meta = objectMeta(
    { ...p.meta, annotations },
    {
      ...(p.owner?.kind === 'ReplicaSet' ? { generateName: `${p.owner.name}-` } : {}),
      ...(p.owner
        ? {
            ownerReferences: [
              {
                apiVersion: ownerApi(p.owner.kind),
                blockOwnerDeletion: p.owner.kind !== 'Node',
                controller: true,
                kind: p.owner.kind,
                name: p.owner.name,
                uid: simUid(p.owner.uid),
              },
            ],
          }
        : {}),
      ...(p.deletingAt !== undefined
        ? { deletionGracePeriodSeconds: 30, deletionTimestamp: stamp(p.deletingAt + 30_000) }
        : {}),
    },
  )
  const spec = {
    containers: p.spec.containers.map(containerSpec),
    ...(p.spec.initContainers ? { initContainers: p.spec.initContainers.map(containerSpec) } : {}),
    dnsPolicy: p.spec.hostNetwork ? 'ClusterFirstWithHostNet' : 'ClusterFirst',
    enableServiceLinks: true,
    ...(p.spec.hostNetwork ? { hostNetwork: true } : {}),
    ...(p.nodeName ? { nodeName: p.nodeName } : {}),
    ...(p.spec.nodeSelector ? { nodeSelector: p.spec.nodeSelector } : {}),
    preemptionPolicy: 'PreemptLowerPriority',
    priority: p.meta.namespace === 'kube-system' ? 2000001000 : 0,
    restartPolicy: 'Always',
    schedulerName: 'default-scheduler',
    securityContext: {},
    ...(p.spec.serviceAccountName
      ? { serviceAccount: p.spec.serviceAccountName, serviceAccountName: p.spec.serviceAccountName }
      : { serviceAccount: 'default', serviceAccountName: 'default' }),
    terminationGracePeriodSeconds: 30,
    tolerations: [
      {
        effect: 'NoExecute',
        key: 'node.kubernetes.io/not-ready',
        operator: 'Exists',
        tolerationSeconds: 300,
      },
      {
        effect: 'NoExecute',
        key: 'node.kubernetes.io/unreachable',
        operator: 'Exists',
        tolerationSeconds: 300,
      },
    ],
    ...(p.spec.spread
      ? {
          topologySpreadConstraints: p.spec.spread.map((s) => ({
            labelSelector: { matchLabels: s.labelSelector },
            maxSkew: s.maxSkew,
            topologyKey: s.topologyKey,
            whenUnsatisfiable: s.whenUnsatisfiable,
          })),
        }
      : {}),
  }
  return { apiVersion: 'v1', kind: 'Pod', metadata: meta, spec, status: podStatusJson(p, node?.ip, now) }
}

const ownerApi = (kind: string) => (kind === 'Node' ? 'v1' : 'apps/v1')

function containerSpec(ct: Container): Record<string, unknown> {
  return {
    ...(ct.args ? { args: ct.args } : {}),
    ...(ct.command ? { command: ct.command } : {}),
    ...(ct.env ? { env: envList(ct.env) } : {}),
    image: ct.image,
    imagePullPolicy: ct.image.endsWith(':latest') || !ct.image.includes(':') ? 'Always' : 'IfNotPresent',
    name: ct.name,
    ...(ct.ports ? { ports: ct.ports.map((port) => ({ containerPort: port, protocol: 'TCP' })) } : {}),
    ...(ct.readinessProbe ? { readinessProbe: ct.readinessProbe } : {}),
    resources: {},
    terminationMessagePath: '/dev/termination-log',
    terminationMessagePolicy: 'File',
  }
}

function podStatusJson(p: Pod, hostIP: string | undefined, now: number): Record<string, unknown> {
  const t = (ms: number | null | undefined) => (ms === null || ms === undefined ? undefined : stamp(ms))
  const cond = (type: string, ok: boolean, at: number | undefined, reason?: string, message?: string) => ({
    lastProbeTime: null,
    lastTransitionTime: t(at ?? p.meta.createdAt),
    ...(message ? { message } : {}),
    ...(reason ? { reason } : {}),
    status: ok ? 'True' : 'False',
    type,
  })
  if (!p.nodeName) {
    return {
      conditions: [cond('PodScheduled', false, p.meta.createdAt, 'Unschedulable', p.blocked)],
      phase: 'Pending',
      qosClass: 'BestEffort',
    }
  }
  const running = reached(p.runAt, now)
  const ready = reached(p.readyAt, now) && p.deletingAt === undefined
  const inits = p.spec.initContainers ?? []
  const initDone = inits.every((_, i) => reached(p.initDone?.[i], now))
  const firstPending = inits.findIndex((_, i) => !reached(p.initDone?.[i], now))
  const initStatuses = inits.map((ct, i) => {
    const done = reached(p.initDone?.[i], now)
    const state = done
      ? {
          terminated: {
            containerID: containerId(p.meta.uid, ct.name),
            exitCode: 0,
            finishedAt: t(p.initDone?.[i]),
            reason: 'Completed',
            startedAt: t(p.ipAt),
          },
        }
      : i === firstPending && p.ipAt
        ? { running: { startedAt: t(p.ipAt) } }
        : { waiting: { reason: 'PodInitializing' } }
    return {
      ...(done || i === firstPending ? { containerID: containerId(p.meta.uid, ct.name) } : {}),
      image: ct.image,
      imageID: '',
      lastState: {},
      name: ct.name,
      ready: done,
      restartCount: 0,
      started: !done && i === firstPending,
      state,
    }
  })
  const containerStatuses = p.spec.containers.map((ct) => {
    let state: Record<string, unknown>
    if (running) state = { running: { startedAt: t(p.runAt) } }
    else if (p.imagePullFails && p.ipAt !== undefined)
      state =
        now - p.ipAt < 1500
          ? {
              waiting: {
                message: `Error response from daemon: pull access denied for ${ct.image.split(':')[0]}, repository does not exist or may require 'docker login'`,
                reason: 'ErrImagePull',
              },
            }
          : { waiting: { message: `Back-off pulling image "${ct.image}"`, reason: 'ImagePullBackOff' } }
    else state = { waiting: { reason: inits.length > 0 ? 'PodInitializing' : 'ContainerCreating' } }
    return {
      ...(running ? { containerID: containerId(p.meta.uid, ct.name) } : {}),
      image: ct.image,
      imageID: running
        ? `docker-pullable://${ct.image.split(':')[0]}@sha256:${containerId(p.meta.uid, ct.image).slice(9)}`
        : '',
      lastState: {},
      name: ct.name,
      ready,
      restartCount: p.restarts,
      started: running,
      state,
    }
  })
  // The node controller flips only the pod's Ready condition when the node goes silent; container statuses
  // keep what the kubelet last posted (so kubectl still counts 1/1).
  const podReady = ready && p.nodeLostAt === undefined
  const notReadyReason = running ? 'ContainersNotReady' : 'ContainersNotReady'
  const notReadyMsg = `containers with unready status: [${p.spec.containers.map((x) => x.name).join(' ')}]`
  return {
    conditions: [
      cond('PodReadyToStartContainers', p.ipAt !== undefined, p.ipAt),
      cond(
        'Initialized',
        initDone,
        inits.length ? (p.initDone?.[inits.length - 1] ?? undefined) : p.scheduledAt,
        initDone ? undefined : 'ContainersNotInitialized',
        initDone
          ? undefined
          : `containers with incomplete status: [${inits
              .filter((_, i) => !reached(p.initDone?.[i], now))
              .map((x) => x.name)
              .join(' ')}]`,
      ),
      p.nodeLostAt !== undefined && ready
        ? cond('Ready', false, p.nodeLostAt)
        : cond(
            'Ready',
            podReady,
            podReady ? (p.readyAt ?? undefined) : p.scheduledAt,
            podReady ? undefined : notReadyReason,
            podReady ? undefined : notReadyMsg,
          ),
      cond(
        'ContainersReady',
        ready,
        ready ? (p.readyAt ?? undefined) : p.scheduledAt,
        ready ? undefined : notReadyReason,
        ready ? undefined : notReadyMsg,
      ),
      cond('PodScheduled', true, p.scheduledAt),
    ],
    containerStatuses,
    ...(hostIP ? { hostIP, hostIPs: [{ ip: hostIP }] } : {}),
    ...(inits.length ? { initContainerStatuses: initStatuses } : {}),
    phase: running ? 'Running' : 'Pending',
    ...(p.ip && p.ipAt !== undefined ? { podIP: p.ip, podIPs: [{ ip: p.ip }] } : {}),
    qosClass: 'BestEffort',
    startTime: t(p.scheduledAt),
  }
}
