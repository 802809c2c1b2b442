// Pod objects as the API server returns them, with the container states kubectl's READY and STATUS columns come from.
import type { V1Pod } from '../../k8s.ts'
import { nodeIndex } from './nodes.ts'
import { TIMES, time } from './json.ts'

export type Owner = { kind: string; name: string }

export type InitSpec = {
  names: readonly string[]
  image: string
  /** How many init containers completed (all of them by default). */
  done?: number
  /** The reason the next one waits (e.g. `ImagePullBackOff`); without it, the next one is running. */
  waiting?: string
}

export type PodSpec = {
  name: string
  namespace?: string
  /** Unscheduled when absent. */
  node?: string
  /** Pod IP; also written to Calico's `cni.projectcalico.org/podIP` annotation unless hostNetwork. */
  ip?: string
  /** Defaults to the node's minikube address. */
  hostIP?: string
  /** Defaults to `Running`, or `Pending` while unscheduled or while an init or the main container waits. */
  phase?: string
  /** The Ready condition and the container's ready flag; defaults to phase Running with nothing waiting. */
  ready?: boolean
  /** The main container's waiting reason: `ContainerCreating`, `ImagePullBackOff`, `CrashLoopBackOff`… */
  waiting?: string
  /** A ReplicaSet owner (`frontend-5c96f4b7b6`): also sets the `pod-template-hash` label and generateName. */
  replicaSet?: string
  daemonSet?: string
  /** Any other owner (StatefulSet, Job, Node for static pods). */
  owner?: Owner
  labels?: Record<string, string>
  /** Sets the `app` label (Deployment pods). */
  app?: string
  image?: string
  /** The main container's name; defaults to `app`, else the first word of the pod name. */
  container?: string
  /** Container ports, each named `http` when alone. */
  ports?: readonly number[]
  hostNetwork?: boolean
  /** A pod being deleted: deletionTimestamp set, STATUS `Terminating`. */
  deleting?: boolean
  restarts?: number
  init?: InitSpec
  createdAt?: string
}

/** The ReplicaSet a Deployment pod belongs to: its name without the last segment (`frontend-5c96f4b7b6-x2k9d`). */
export const replicaSetOf = (podName: string): string => podName.replace(/-[a-z0-9]+$/, '')

const UID = '6f1c3d2a-0000-4000-8000-00000000000'

function ownerOf(p: PodSpec): (Owner & { apiVersion: string; uid: string }) | undefined {
  if (p.replicaSet) return { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: p.replicaSet, uid: `${UID}1` }
  if (p.daemonSet) return { apiVersion: 'apps/v1', kind: 'DaemonSet', name: p.daemonSet, uid: `${UID}2` }
  if (p.owner) return { apiVersion: p.owner.kind === 'Node' ? 'v1' : 'apps/v1', ...p.owner, uid: `${UID}3` }
  return undefined
}

/** The message kubelet attaches to a waiting reason, where it attaches one. */
const waitMessage = (reason: string, image: string, container: string): string | undefined =>
  /ImagePull|ErrImagePull/.test(reason)
    ? `Back-off pulling image "${image}"`
    : reason === 'CrashLoopBackOff'
      ? `back-off 5m0s restarting failed container=${container}`
      : undefined

const waitingState = (reason: string, image: string, container: string) => {
  const message = waitMessage(reason, image, container)
  return { waiting: { ...(message ? { message } : {}), reason } }
}

export function pod(p: PodSpec): V1Pod {
  const owner = ownerOf(p)
  const hash = p.replicaSet?.split('-').pop()
  const image = p.image ?? 'registry.k8s.io/pause:3.10'
  const container = p.container ?? p.app ?? p.name.split('-')[0] ?? p.name
  const inits = p.init?.names ?? []
  const initsDone = p.init?.done ?? inits.length
  const initializing = initsDone < inits.length
  const scheduled = p.node !== undefined
  const phase = p.phase ?? (!scheduled || initializing || p.waiting ? 'Pending' : 'Running')
  const ready = p.ready ?? (phase === 'Running' && !p.waiting && !initializing)
  const running = phase === 'Running' && !p.waiting && !initializing
  const cond = (type: string, ok: boolean) => ({
    lastProbeTime: null as unknown as undefined, // the API server prints an explicit null
    lastTransitionTime: time(ok ? TIMES.ready : TIMES.pod),
    status: ok ? 'True' : 'False',
    type,
  })
  const labels = {
    ...(p.app ? { app: p.app } : {}),
    ...(hash ? { 'pod-template-hash': hash } : {}),
    ...p.labels,
  }
  const annotations =
    p.ip && !p.hostNetwork
      ? { 'cni.projectcalico.org/podIP': `${p.ip}/32`, 'cni.projectcalico.org/podIPs': `${p.ip}/32` }
      : undefined
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...(annotations ? { annotations } : {}),
      creationTimestamp: time(p.createdAt ?? TIMES.pod),
      ...(p.deleting ? { deletionGracePeriodSeconds: 30, deletionTimestamp: time(TIMES.deleting) } : {}),
      ...(p.replicaSet ? { generateName: `${p.replicaSet}-` } : {}),
      ...(Object.keys(labels).length > 0 ? { labels } : {}),
      name: p.name,
      namespace: p.namespace ?? 'default',
      ...(owner ? { ownerReferences: [{ ...owner, blockOwnerDeletion: true, controller: true }] } : {}),
      resourceVersion: '1893',
      uid: `uid-${p.name}`,
    },
    spec: {
      containers: [
        {
          image,
          imagePullPolicy: 'IfNotPresent',
          name: container,
          ...(p.ports?.length
            ? {
                ports: p.ports.map((port, i) => ({
                  containerPort: port,
                  ...(p.ports?.length === 1 ? { name: 'http' } : { name: `p${i}` }),
                  protocol: 'TCP',
                })),
              }
            : {}),
        },
      ],
      ...(p.hostNetwork ? { hostNetwork: true } : {}),
      ...(inits.length ? { initContainers: inits.map((name) => ({ image: p.init?.image, name })) } : {}),
      ...(scheduled ? { nodeName: p.node } : {}),
      restartPolicy: 'Always',
      schedulerName: 'default-scheduler',
    },
    status: {
      conditions: [
        cond('PodReadyToStartContainers', scheduled),
        cond('Initialized', !initializing),
        cond('Ready', ready),
        cond('ContainersReady', ready),
        cond('PodScheduled', scheduled),
      ],
      ...(scheduled
        ? {
            containerStatuses: [
              {
                image,
                imageID: '',
                name: container,
                ready,
                restartCount: p.restarts ?? 0,
                started: running,
                state: running
                  ? { running: { startedAt: time(TIMES.started) } }
                  : p.waiting
                    ? waitingState(p.waiting, image, container)
                    : { waiting: { reason: initializing ? 'PodInitializing' : 'ContainerCreating' } },
              },
            ],
            hostIP: p.hostIP ?? (p.node ? `192.168.49.${nodeIndex(p.node) + 2}` : undefined),
          }
        : {}),
      ...(inits.length
        ? {
            initContainerStatuses: inits.map((name, i) => ({
              image: p.init?.image ?? '',
              imageID: '',
              name,
              ready: i < initsDone,
              restartCount: 0,
              state:
                i < initsDone
                  ? { terminated: { exitCode: 0, reason: 'Completed' } }
                  : i === initsDone && p.init?.waiting
                    ? waitingState(p.init.waiting, p.init.image, name)
                    : i === initsDone
                      ? { running: { startedAt: time(TIMES.started) } }
                      : { waiting: { reason: 'PodInitializing' } },
            })),
          }
        : {}),
      phase,
      ...(p.ip ? { podIP: p.ip, podIPs: [{ ip: p.ip }] } : {}),
      qosClass: 'BestEffort',
      ...(scheduled ? { startTime: time(TIMES.pod) } : {}),
    },
  }
}
