// Commands that block while polling the model: rollout status, wait, delete --wait.
import { deploymentJson, daemonSetJson } from '../format/objects.ts'
import { podJson } from '../format/pod-json.ts'
import { nodeJson } from '../format/objects.ts'
import { flag, type Parsed } from './flags.ts'
import { fail, parseDuration, pause, type Io } from './io.ts'
import { findResource, notFound, qualified } from './resources.ts'
import { withCluster, type Target } from './session.ts'
import { terminate } from '../world/controllers.ts'
import { daemonSetPods, findDaemonSet, isBuiltIn } from '../world/daemonsets.ts'
import { isAlive } from '../world/pods.ts'

const POLL_MS = 100

/** Deployment and DaemonSet status messages, worded as kubectl's status viewers word them. */
export async function rolloutStatus(
  io: Io,
  t: Target,
  ref: string,
  ns: string,
  timeoutMs: number,
): Promise<number> {
  const [kind = '', name = ''] = ref.split('/')
  const r = findResource(kind)
  if (!r || !['Deployment', 'DaemonSet'].includes(r.kind))
    return fail(`error: no status viewer has been implemented for ${kind}`)
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity
  let last = ''
  for (;;) {
    const msg = await withCluster(io, t, (c, w, now) => {
      if (r.kind === 'DaemonSet') {
        const d = findDaemonSet(c, w.seed, ns, name)
        if (!d) return { missing: true } as const
        const s = daemonSetJson(c, d, now).status as Record<string, number>
        const avail = s.numberAvailable ?? 0
        if ((s.updatedNumberScheduled ?? 0) < (s.desiredNumberScheduled ?? 0))
          return {
            text: `Waiting for daemon set "${name}" rollout to finish: ${s.updatedNumberScheduled} out of ${s.desiredNumberScheduled} new pods have been updated...\n`,
          }
        if (avail < (s.desiredNumberScheduled ?? 0))
          return {
            text: `Waiting for daemon set "${name}" rollout to finish: ${avail} of ${s.desiredNumberScheduled} updated pods are available...\n`,
          }
        return { text: `daemon set "${name}" successfully rolled out\n`, done: true }
      }
      const d = c.deployments.find((x) => x.meta.name === name && x.meta.namespace === ns)
      if (!d) return { missing: true } as const
      const s = deploymentJson(c, d, now).status as Record<string, number>
      const updated = s.updatedReplicas ?? 0
      const replicas = s.replicas ?? 0
      const available = s.availableReplicas ?? 0
      if (updated < d.replicas)
        return {
          text: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${d.replicas} new replicas have been updated...\n`,
        }
      if (replicas > updated)
        return {
          text: `Waiting for deployment "${name}" rollout to finish: ${replicas - updated} old replicas are pending termination...\n`,
        }
      if (available < updated)
        return {
          text: `Waiting for deployment "${name}" rollout to finish: ${available} of ${updated} updated replicas are available...\n`,
        }
      return { text: `deployment "${name}" successfully rolled out\n`, done: true }
    })
    if ('missing' in msg) return fail(notFound(r, name))
    if (msg.text !== last) io.out(msg.text)
    last = msg.text
    if ('done' in msg && msg.done) return 0
    if (Date.now() > deadline) return fail('error: timed out waiting for the condition')
    await pause(POLL_MS)
  }
}

/** `kubectl wait --for=condition=Ready pod/x|node/x|nodes --all`. */
export async function waitFor(io: Io, t: Target, p: Parsed, ns: string): Promise<number> {
  const cond = flag(p, 'for') ?? ''
  const m = /^condition=([A-Za-z]+)(?:=(\w+))?$/.exec(cond)
  if (cond === 'delete') return fail('error: --for=delete is not supported by the simulator')
  if (!m) return fail(`error: unrecognized condition: "${cond}"`)
  const [, type = '', want = 'True'] = m
  const timeoutMs = parseDuration(flag(p, 'timeout'), 30_000)
  const refs = p.positionals.slice(1)
  const deadline = Date.now() + timeoutMs
  const reported = new Set<string>()
  for (;;) {
    type Seen = { ref: string; met: boolean; error?: string }
    const state: Seen[] = await withCluster(io, t, (c, _w, now) =>
      refs.flatMap((ref): Seen[] => {
        const [kind = '', name] = ref.split('/')
        const r = findResource(kind)
        if (!r || !['Pod', 'Node'].includes(r.kind))
          return [{ ref, met: false, error: `error: the server doesn't have a resource type "${kind}"` }]
        const objs =
          r.kind === 'Node'
            ? c.nodes.map((n, i) => nodeJson(c, n, now, i))
            : c.pods.filter((x) => x.meta.namespace === ns && isAlive(x)).map((x) => podJson(c, x, now))
        const chosen = name ? objs.filter((o) => (o.metadata as { name: string }).name === name) : objs
        if (name && chosen.length === 0) return [{ ref, met: false, error: notFound(r, name) }]
        return chosen.map((o) => {
          const conds =
            (o.status as { conditions?: Array<{ type: string; status: string }> }).conditions ?? []
          return {
            ref: qualified({ ...r, group: '' }, (o.metadata as { name: string }).name),
            met: conds.some((x) => x.type === type && x.status === want),
          }
        })
      }),
    )
    const err = state.find((s) => s.error)
    if (err) return fail(err.error ?? '')
    for (const s of state)
      if (s.met && !reported.has(s.ref)) {
        reported.add(s.ref)
        io.out(`${s.ref} condition met\n`)
      }
    if (state.every((s) => s.met)) return 0
    if (Date.now() > deadline) {
      const pending = state.find((s) => !s.met)
      return fail(
        `error: timed out waiting for the condition on ${pending?.ref.replace(/^(\w+)\//, '$1s/') ?? 'resources'}`,
      )
    }
    await pause(POLL_MS)
  }
}

/** `kubectl delete pod|service|deployment|daemonset NAME [--wait]`. */
export async function deleteObjects(io: Io, t: Target, p: Parsed, ns: string): Promise<number> {
  const args = p.positionals.slice(1)
  const refs = args[0]?.includes('/')
    ? args.map((a) => a.split('/', 2) as [string, string])
    : args.slice(1).map((n) => [args[0] ?? '', n] as [string, string])
  if (refs.length === 0) return fail('error: resource(s) were provided, but no name was specified')
  const wait = flag(p, 'wait') !== 'false'
  const gone: Array<{ kind: string; name: string }> = []
  let code = 0
  for (const [kind, name] of refs) {
    const r = findResource(kind)
    if (!r) return fail(`error: the server doesn't have a resource type "${kind}"`)
    const ok = await withCluster(io, t, (c, w, now) => {
      if (r.kind === 'Pod') {
        const pod = c.pods.find((x) => x.meta.name === name && x.meta.namespace === ns)
        if (!pod) return false
        terminate(pod, w.seed, now)
        return true
      }
      if (r.kind === 'Service') {
        const before = c.services.length
        c.services = c.services.filter((s) => !(s.meta.name === name && s.meta.namespace === ns))
        return c.services.length < before
      }
      if (r.kind === 'DaemonSet') {
        if (isBuiltIn(ns, name)) return 'built-in' as const
        const d = (c.daemonSets ?? []).find((x) => x.meta.name === name && x.meta.namespace === ns)
        if (!d) return false
        c.daemonSets = (c.daemonSets ?? []).filter((x) => x !== d)
        // Background cascading deletion: the garbage collector removes the pods after the DaemonSet.
        for (const pod of daemonSetPods(c, d)) terminate(pod, w.seed, now)
        return true
      }
      if (r.kind === 'Deployment') {
        const d = c.deployments.find((x) => x.meta.name === name && x.meta.namespace === ns)
        if (!d) return false
        c.deployments = c.deployments.filter((x) => x !== d)
        const rs = c.replicaSets.filter((x) => x.deployment === name && x.namespace === ns).map((x) => x.name)
        c.replicaSets = c.replicaSets.filter((x) => !rs.includes(x.name))
        for (const pod of c.pods) if (pod.owner && rs.includes(pod.owner.name)) terminate(pod, w.seed, now)
        return true
      }
      const before = c.generics.length
      c.generics = c.generics.filter(
        (g) => !(g.kind === r.kind && g.name === name && (!r.namespaced || g.namespace === ns)),
      )
      return c.generics.length < before
    })
    if (ok === 'built-in')
      return fail(
        `error: the simulator does not delete daemonset ${ns}/${name}: it models that DaemonSet's pods itself (recreate the profile instead)`,
      )
    if (!ok) {
      io.err(`${notFound(r, name)}\n`)
      code = 1
      continue
    }
    io.out(`${r.kind.toLowerCase()}${r.group ? `.${r.group}` : ''} "${name}" deleted\n`)
    if (r.kind === 'Pod') gone.push({ kind: r.kind, name })
  }
  if (!wait) return code
  const deadline = Date.now() + parseDuration(flag(p, 'timeout'), 60_000)
  while (gone.length > 0) {
    const left = await withCluster(
      io,
      t,
      (c) => gone.filter((g) => c.pods.some((x) => x.meta.name === g.name && x.meta.namespace === ns)).length,
    )
    if (left === 0) break
    if (Date.now() > deadline) return fail('error: timed out waiting for the condition')
    await pause(POLL_MS)
  }
  return code
}
