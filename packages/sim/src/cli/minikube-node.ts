// `minikube node stop|start NAME -p P`: NAME is the node's config name (`m02`) or its machine name (`lab4-m02`).
import { fail, type Io } from './io.ts'
import { profileNotFound } from '../format/minikube.ts'
import { startNode, stopNode } from '../world/nodes.ts'
import { updateWorld } from '../world/store.ts'
import { DOCKER_VERSION, KICBASE_VERSION } from '../world/versions.ts'
import type { Cluster, Node } from '../world/types.ts'

/** minikube's node lookup: the config name (`m02`; the primary's is empty) or the machine name. */
export function findNode(c: Cluster, name: string): Node | undefined {
  return c.nodes.find(
    (n) =>
      n.name === name ||
      (!n.controlPlane && n.name === `${c.profile}-${name}`) ||
      (n.controlPlane && name === ''),
  )
}

type Outcome =
  | { kind: 'no-profile' }
  | { kind: 'not-running' }
  | { kind: 'no-node' }
  | { kind: 'control-plane'; node: Node }
  | { kind: 'done'; node: Node; c: Cluster; already: boolean }

export async function minikubeNode(io: Io, profile: string, args: readonly string[]): Promise<number> {
  const [sub = '', name] = args
  if (sub !== 'stop' && sub !== 'start')
    return fail(
      sub
        ? `Error: unknown command "${sub}" for "minikube node"\nRun 'minikube node --help' for usage.`
        : 'Operations on nodes\n\nAvailable Commands:\n  add, delete, list, start, stop',
      sub ? 1 : 0,
    )
  if (!name) return fail(`❌  Exiting due to MK_USAGE: Usage: minikube node ${sub} [name]`, 14)
  const { value: r } = await updateWorld(io.stateDir, (w, now): Outcome => {
    const c = w.clusters[profile]
    if (!c) return { kind: 'no-profile' }
    if (c.status !== 'Running') return { kind: 'not-running' }
    const node = findNode(c, name)
    if (!node) return { kind: 'no-node' }
    if (node.controlPlane) return { kind: 'control-plane', node }
    const already = sub === 'stop' ? node.stoppedAt !== undefined : node.stoppedAt === undefined
    if (sub === 'stop') stopNode(c, node, now)
    else startNode(c, w.seed, w.faults, node, now)
    return { kind: 'done', node, c, already }
  })
  switch (r.kind) {
    case 'no-profile':
      io.out(profileNotFound(profile))
      return 85
    case 'not-running':
      return fail(
        `🤷  The control-plane node ${profile} host is not running: state=Stopped\n👉  To start a cluster, run: "minikube start -p ${profile}"\n`,
        80,
      )
    case 'no-node':
      return fail(
        `❌  Exiting due to GUEST_NODE_RETRIEVE: retrieving node: Could not find node ${name}\n`,
        85,
      )
    case 'control-plane':
      return fail(
        `❗  The simulator stops and starts worker nodes only; "${r.node.name}" is the control plane (use minikube stop/start -p ${profile})\n`,
      )
    case 'done':
      io.out(sub === 'stop' ? stopText(r.node, r.already) : startText(r.c, r.node, name, r.already))
      return 0
  }
}

function stopText(n: Node, already: boolean): string {
  return [
    `✋  Stopping node "${n.name}"  ...`,
    ...(already ? [] : [`🛑  Powering off "${n.name}" via SSH ...`]),
    `🛑  Successfully stopped node ${n.name}`,
    '',
  ].join('\n')
}

function startText(c: Cluster, n: Node, asked: string, already: boolean): string {
  if (already) return `✅  ${asked} is already running\n`
  return [
    `👍  Starting "${n.name}" worker node in "${c.profile}" cluster`,
    `🚜  Pulling base image ${KICBASE_VERSION} ...`,
    `🔄  Restarting existing docker container for "${n.name}" ...`,
    `🐳  Preparing Kubernetes ${c.kubernetesVersion} on Docker ${DOCKER_VERSION} ...`,
    '🔎  Verifying Kubernetes components...',
    `😄  Successfully started node ${n.name}!`,
    '',
  ].join('\n')
}
