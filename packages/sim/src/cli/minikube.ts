// The fake `minikube`: start (create or restart), status, profile list, stop, delete, version, ip.
import { flag, parseFlags, type FlagSpec } from './flags.ts'
import { fail, pause, type Io } from './io.ts'
import { minikubeNode } from './minikube-node.ts'
import { addProfileContext, readKubeConfig, removeProfileContext } from './kubeconfig.ts'
import {
  nodeStatuses,
  profileJson,
  profileNotFound as notFound,
  startText,
  statusCode,
  statusText,
} from '../format/minikube.ts'
import { addNodePods, createCluster } from '../world/cluster.ts'
import { delay } from '../world/rand.ts'
import { buildNeverEnds, hasFault } from '../world/faults.ts'
import { readWorld, updateWorld } from '../world/store.ts'
import { startDownloadMs, timingOf } from '../world/timing.ts'
import { MINIKUBE_COMMIT, MINIKUBE_VERSION } from '../world/versions.ts'
import type { Cluster, World } from '../world/types.ts'
import { join } from 'node:path'

const SPEC: FlagSpec = {
  profile: { short: 'p', value: true },
  nodes: { short: 'n', value: true },
  cni: { value: true },
  driver: { short: 'd', value: true },
  'vm-driver': { value: true },
  'kubernetes-version': { value: true },
  cpus: { value: true },
  memory: { value: true },
  'network-plugin': { value: true },
  wait: { value: true },
  output: { short: 'o', value: true },
  short: { value: false },
  all: { value: false },
  purge: { value: false },
  light: { short: 'l', value: false },
  alsologtostderr: { value: false },
}

export async function minikube(io: Io, args: readonly string[]): Promise<number> {
  const verb = args.find((a) => !a.startsWith('-')) ?? ''
  const p = parseFlags(args, SPEC, verb, 'minikube')
  const profile = flag(p, 'profile') ?? 'minikube'
  const mutate = <T>(fn: (w: World, now: number) => T) => updateWorld(io.stateDir, fn).then((r) => r.value)
  switch (verb) {
    case 'start': {
      const cni = flag(p, 'cni')
      const nodes = Number(flag(p, 'nodes') ?? '1')
      if (!Number.isInteger(nodes) || nodes < 1)
        return fail(
          `❌  Exiting due to MK_USAGE: --nodes must be a positive number, got ${flag(p, 'nodes')}`,
          14,
        )
      const memory = flag(p, 'memory')
      // A fresh profile first downloads the base image and the preload, as minikube prints ("Pulling base image").
      const before = readWorld(io.stateDir)
      if (before && !before.clusters[profile]) await pause(startDownloadMs(timingOf(before)))
      const r = await mutate((w, now) => {
        const existing = w.clusters[profile]
        if (existing?.status === 'Running') return { c: existing, text: startText(existing, false) }
        if (existing) {
          restart(existing, w, now)
          return { c: existing, text: startText(existing, false) }
        }
        // A re-created profile is a new cluster: it must not share the UIDs of the one it replaces.
        const incarnation = (w.created?.[profile] ?? 0) + 1
        w.created = { ...w.created, [profile]: incarnation }
        const c = createCluster(
          w.seed,
          w.faults,
          {
            profile,
            nodes,
            driver: flag(p, 'driver') ?? flag(p, 'vm-driver') ?? 'docker',
            ...(flag(p, 'kubernetes-version') ? { kubernetesVersion: flag(p, 'kubernetes-version') } : {}),
            ...(flag(p, 'cpus') ? { cpus: Number(flag(p, 'cpus')) } : {}),
            ...(memory ? { memory: Number(memory.replace(/mb$/i, '')) } : {}),
            ...(w.timing ? { timing: w.timing } : {}),
            incarnation,
          },
          now,
        )
        w.clusters[profile] = c
        return { c, text: startText(c, true) }
      })
      addProfileContext(
        io.kubeconfig,
        profile,
        `https://${r.c.nodes[0]?.ip ?? '192.168.49.2'}:8443`,
        join(io.stateDir, '.minikube'),
        Date.now(),
      )
      if (cni && cni !== 'calico')
        io.err(
          `❗  The simulator only models Calico; --cni=${cni} is recorded but pods still get Calico IPAM addresses\n`,
        )
      io.out(r.text)
      return 0
    }
    case 'status': {
      const c = await mutate((w) => w.clusters[profile])
      if (!c) {
        io.out(notFound(profile))
        return 85
      }
      const s = nodeStatuses(c)
      const out = flag(p, 'output')
      io.out(out === 'json' ? JSON.stringify(s.length === 1 ? s[0] : s) : statusText(s))
      return statusCode(s)
    }
    case 'profile': {
      const sub = p.positionals[1]
      if (sub !== 'list')
        return fail(
          `❌  Exiting due to MK_USAGE: usage: minikube profile [MINIKUBE_PROFILE_NAME]. You can return to the default minikube profile by running \`minikube profile default\``,
          14,
        )
      const clusters = await mutate((w) => Object.values(w.clusters))
      const current = readKubeConfig(io.kubeconfig)['current-context']
      if (flag(p, 'output') === 'json') {
        io.out(`${JSON.stringify({ invalid: [], valid: clusters.map((c) => profileJson(c, current)) })}\n`)
        return 0
      }
      if (clusters.length === 0)
        return fail(
          "\n🤹  Exiting due to MK_USAGE_NO_PROFILE: No minikube profile was found.\n💡  Suggestion: You can create one using 'minikube start'.\n",
          14,
        )
      io.out(
        clusters
          .map(
            (c) =>
              `${c.profile}\t${c.driver}\tdocker\t${c.nodes[0]?.ip}\t8443\t${c.kubernetesVersion}\t${c.status === 'Running' ? 'OK' : 'Stopped'}\t${c.nodes.length}`,
          )
          .join('\n') + '\n',
      )
      return 0
    }
    case 'stop': {
      const c = await mutate((w) => {
        const c = w.clusters[profile]
        if (c) c.status = 'Stopped'
        return c
      })
      if (!c) {
        io.out(notFound(profile))
        return 85
      }
      io.out(
        `${c.nodes.map((n) => `✋  Stopping node "${n.name}"  ...\n🛑  Powering off "${n.name}" via SSH ...`).join('\n')}\n🛑  ${c.nodes.length} node${c.nodes.length > 1 ? 's' : ''} stopped.\n`,
      )
      return 0
    }
    case 'delete': {
      const names = await mutate((w) => {
        const gone = p.flags.has('all') ? Object.keys(w.clusters) : w.clusters[profile] ? [profile] : []
        const nodes = gone.map((g) => w.clusters[g]?.nodes.map((n) => n.name) ?? [])
        for (const g of gone) delete w.clusters[g]
        return gone.map((g, i) => ({ g, nodes: nodes[i] ?? [] }))
      })
      if (names.length === 0) {
        io.out(
          `🙄  "${profile}" profile does not exist, trying anyways.\n💀  Removed all traces of the "${profile}" cluster.\n`,
        )
        return 0
      }
      for (const { g, nodes } of names) {
        removeProfileContext(io.kubeconfig, g)
        io.out(
          `🔥  Deleting "${g}" in docker ...\n${nodes.map((n) => `🔥  Deleting container "${n}" ...`).join('\n')}\n${nodes.map((n) => `🔥  Removing ${join(io.stateDir, '.minikube', 'machines', n)} ...`).join('\n')}\n💀  Removed all traces of the "${g}" cluster.\n`,
        )
      }
      return 0
    }
    case 'version':
      if (p.flags.has('short')) io.out(`${MINIKUBE_VERSION}\n`)
      else if (flag(p, 'output') === 'json')
        io.out(`${JSON.stringify({ commit: MINIKUBE_COMMIT, minikubeVersion: MINIKUBE_VERSION })}\n`)
      else io.out(`minikube version: ${MINIKUBE_VERSION}\ncommit: ${MINIKUBE_COMMIT}\n`)
      return 0
    case 'ip': {
      const c = await mutate((w) => w.clusters[profile])
      if (!c) {
        io.out(notFound(profile))
        return 85
      }
      io.out(`${c.nodes[0]?.ip}\n`)
      return 0
    }
    case 'node':
      return minikubeNode(io, profile, p.positionals.slice(1))
    default:
      return fail(`Error: unknown command "${verb}" for "minikube"\nRun 'minikube --help' for usage.`)
  }
}

/** A stopped profile comes back: nodes and pods start again (same IPs, one more restart each). */
function restart(c: Cluster, w: World, now: number): void {
  c.status = 'Running'
  c.startedAt = now
  c.nodes.forEach((n, i) => {
    delete n.stoppedAt
    n.readyAt =
      i > 0 && hasFault(w.faults, 'node-not-ready')
        ? null
        : now + delay(w.seed, 500, 1000, 'restart', n.name, now) + i * 300
  })
  const daemon = c.pods.filter(
    (x) => x.owner?.kind === 'DaemonSet' || x.owner?.kind === 'Node' || x.meta.name === 'storage-provisioner',
  )
  c.pods = c.pods.filter((x) => !daemon.includes(x))
  for (const n of c.nodes) addNodePods(c, w.seed, w.faults, n, now)
  for (const x of c.pods) {
    delete x.nodeLostAt
    if (x.runAt === null && x.readyAt === null) continue
    x.restarts += 1
    x.runAt = now + delay(w.seed, 800, 1500, 'rerun', x.meta.name, now)
    x.readyAt = buildNeverEnds(w.faults, x)
      ? null
      : now + delay(w.seed, 1500, 3000, 'reready', x.meta.name, now)
  }
}
