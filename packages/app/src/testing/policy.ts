// Test helper: the NetworkPolicy experiment as kubectl and BusyBox answer it on a two-zone cluster, as scripted runs.
import { parse } from 'yaml'
import type { FakeExpectation } from '@lab4/core'
import { k, kubectlJson, labConfig, list, say } from '@lab4/core/testing'
import { busyboxPing } from './busybox.ts'
import { frontendPods } from './frontend.ts'
import { podA, podB, type ScriptPod } from './scripts.ts'
import { fixture } from './fixture.ts'
import type { PolicyPhase } from '../contract.ts'
import { policyManifests, type PolicyOptions } from '../manifests/policy.ts'

const dash = (ip: string) => ip.replace(/\./g, '-')
export const fqdnOf = (p: ScriptPod): string => `${dash(p.ip)}.frontend.default.svc.cluster.local`
const exec = (pod: string, ...c: string[]) => k('-n', 'default', 'exec', pod, '--', ...c)
export const wgetArgv = (from: ScriptPod, to: ScriptPod) =>
  exec(from.name, 'wget', '-qO-', '-T', '3', `http://${fqdnOf(to)}:3000/`)
export const pingArgv = (from: ScriptPod, to: ScriptPod) =>
  exec(from.name, 'ping', '-c', '3', '-W', '2', fqdnOf(to))

/** What the frontend's express server sends for `/` once `npm run build` is done: CRA's index.html. */
export const INDEX_HTML =
  '<!doctype html><html lang="en"><head><meta charset="utf-8"/><title>React App</title><script defer="defer" src="/static/js/main.3b2f9a1c.js"></script></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div></body></html>'

const TERMINATED = 'command terminated with exit code 1\n'
/** BusyBox's own words, from a real transcript (busybox-wget-quiet-timeout-calico-1174.txt). */
const TIMED_OUT = fixture('busybox-wget-quiet-timeout-calico-1174.txt').split('\n')[1] ?? ''

export type Seen = { http: 'ok' | 'blocked'; ping: 'ok' | 'blocked' }
/** What a cluster that enforces NetworkPolicy shows in each phase. */
export const CALICO: Record<PolicyPhase, Seen> = {
  baseline: { http: 'ok', ping: 'ok' },
  deny: { http: 'blocked', ping: 'blocked' },
  allow: { http: 'ok', ping: 'blocked' },
  clean: { http: 'ok', ping: 'ok' },
}
/** kindnet: the policies are stored, nothing is enforced. */
export const KINDNET: Record<PolicyPhase, Seen> = {
  baseline: CALICO.baseline,
  deny: CALICO.baseline,
  allow: CALICO.baseline,
  clean: CALICO.baseline,
}

/** The two probes of `from` toward `to`, answered as `seen` says. */
export function probeScript(from: ScriptPod, to: ScriptPod, seen: Seen): FakeExpectation[] {
  return [
    seen.http === 'ok'
      ? say(wgetArgv(from, to), INDEX_HTML)
      : say(wgetArgv(from, to), '', { exitCode: 1, stderr: `${TIMED_OUT}\n${TERMINATED}` }),
    seen.ping === 'ok'
      ? say(pingArgv(from, to), busyboxPing(fqdnOf(to), to.ip, { ttl: 62 }))
      : say(pingArgv(from, to), busyboxPing(fqdnOf(to), to.ip, { received: 0 }), {
          exitCode: 1,
          stderr: TERMINATED,
        }),
  ]
}

const phase = (seen: Seen) => [...probeScript(podA, podB, seen), ...probeScript(podB, podA, seen)]
const noPolicies = () => list([])
const notFound = (name: string) => ({
  exitCode: 1,
  stderr: `Error from server (NotFound): configmaps "${name}" not found\n`,
})
export const policyArgv = {
  policies: k('-n', 'default', 'get', 'networkpolicies', '-o', 'json'),
  record: k('-n', 'default', 'get', 'configmap', 'frontend-policy-experiment', '-o', 'json'),
  pods: k('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'json'),
  apply: k('apply', '-f', '-'),
  delete: k('-n', 'default', 'delete', 'networkpolicy', 'frontend-deny-ingress', 'frontend-allow-http'),
}

/** `kubectl get networkpolicies -o json` listing these names. */
export const policyList = (...names: string[]): string =>
  list(
    names.map((name) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name, namespace: 'default' },
    })),
  )

/** A cluster that keeps what was applied to it: the record ConfigMap comes back as kubectl prints it. */
export class RecordStore {
  yaml = ''
  readonly save = (stdin: string | undefined): boolean => {
    if (!stdin?.includes('kind: ConfigMap')) return false
    this.yaml = stdin
    return true
  }
  readonly read = (): FakeExpectation['respond'] => () =>
    this.yaml ? { stdout: kubectlJson(parse(this.yaml)) } : notFound('frontend-policy-experiment')
}

/**
 * app.policy's run and collect on a cluster with no record: leftovers, record, pods, four phases, clean-up, record,
 * then collect's two reads. `seen` is what the network shows in each phase.
 */
export function policyFirstRun(
  store: RecordStore,
  o: { seen?: Record<PolicyPhase, Seen>; options?: PolicyOptions; leftovers?: string[] } = {},
): FakeExpectation[] {
  const seen = o.seen ?? CALICO
  const m = policyManifests(labConfig(), o.options)
  const left = o.leftovers ?? []
  return [
    say(policyArgv.policies, left.length ? policyList(...left) : noPolicies()),
    ...left.map((n) =>
      say(
        k('-n', 'default', 'delete', 'networkpolicy', n),
        `networkpolicy.networking.k8s.io "${n}" deleted\n`,
      ),
    ),
    { argv: policyArgv.record, respond: store.read() },
    say(policyArgv.pods, frontendPods([podA, podB])),
    ...phase(seen.baseline),
    say(policyArgv.apply, 'networkpolicy.networking.k8s.io/frontend-deny-ingress created\n', {
      stdin: m.deny.yaml,
    }),
    ...phase(seen.deny),
    say(policyArgv.apply, 'networkpolicy.networking.k8s.io/frontend-allow-http created\n', {
      stdin: m.allow.yaml,
    }),
    ...phase(seen.allow),
    say(
      policyArgv.delete,
      'networkpolicy.networking.k8s.io "frontend-deny-ingress" deleted\nnetworkpolicy.networking.k8s.io "frontend-allow-http" deleted\n',
    ),
    ...phase(seen.clean),
    say(policyArgv.apply, 'configmap/frontend-policy-experiment created\n', { stdin: store.save }),
    ...policyCollect(store),
  ]
}

/** collect: the policies in the namespace (`left` of the lab's still there), then the record. */
export const policyCollect = (store: RecordStore, left: string[] = []): FakeExpectation[] => [
  say(policyArgv.policies, left.length ? policyList(...left) : noPolicies()),
  { argv: policyArgv.record, respond: store.read() },
]

/** A re-run with the record in place and no policy left: two reads in run, two in collect. */
export const policyRerun = (store: RecordStore): FakeExpectation[] => [
  say(policyArgv.policies, noPolicies()),
  { argv: policyArgv.record, respond: store.read() },
  ...policyCollect(store),
]

type Applied = { selects: string; allowsHttp: boolean }

/**
 * A small stateful cluster for app.policy alone: it keeps the policies and the record applied to it and answers each
 * probe from them, so a test need not script how many times a wait probes. `enforced: false` is kindnet.
 */
export function policyCluster(o: { enforced?: boolean; leftovers?: string[] } = {}) {
  const enforced = o.enforced ?? true
  const policies = new Map<string, Applied>(
    (o.leftovers ?? []).map((n) => [n, { selects: 'frontend', allowsHttp: n.endsWith('-allow-http') }]),
  )
  const store = new RecordStore()
  const calls: Array<{ argv: readonly string[]; stdin?: string }> = []
  const pods = [podA, podB]
  const answer = (stdout: string, exitCode = 0, stderr = '') => ({
    stdout,
    stderr,
    exitCode,
    startedAt: new Date(0).toISOString(),
    durationMs: 0,
  })
  const runner = async (c: { argv: readonly string[]; stdin?: string }) => {
    calls.push(c)
    const line = c.argv.join(' ')
    if (line === policyArgv.policies.join(' ')) return answer(policyList(...policies.keys()))
    if (line === policyArgv.record.join(' ')) {
      const r = (store.read() as () => { stdout?: string; stderr?: string; exitCode?: number })()
      return answer(r.stdout ?? '', r.exitCode ?? 0, r.stderr ?? '')
    }
    if (line === policyArgv.pods.join(' ')) return answer(frontendPods(pods))
    if (line === policyArgv.apply.join(' ')) {
      if (store.save(c.stdin)) return answer('configmap/frontend-policy-experiment created\n')
      const doc = parse(c.stdin ?? '') as {
        metadata: { name: string }
        spec: { podSelector: { matchLabels: { app: string } }; ingress?: unknown[] }
      }
      policies.set(doc.metadata.name, {
        selects: doc.spec.podSelector.matchLabels.app,
        allowsHttp: (doc.spec.ingress ?? []).length > 0,
      })
      return answer(`networkpolicy.networking.k8s.io/${doc.metadata.name} created\n`)
    }
    const del = c.argv.indexOf('networkpolicy')
    if (c.argv.includes('delete') && del > 0) {
      const names = c.argv.slice(del + 1)
      for (const n of names) policies.delete(n)
      return answer(names.map((n) => `networkpolicy.networking.k8s.io "${n}" deleted\n`).join(''))
    }
    const from = pods.find((p) => c.argv[c.argv.indexOf('exec') + 1] === p.name)
    const to = pods.find((p) => line.includes(fqdnOf(p)))
    if (from && to) {
      const selecting = enforced ? [...policies.values()].filter((p) => p.selects === 'frontend') : []
      const http: Seen['http'] =
        selecting.length === 0 || selecting.some((p) => p.allowsHttp) ? 'ok' : 'blocked'
      const ping: Seen['ping'] = selecting.length === 0 ? 'ok' : 'blocked'
      const [wget, icmp] = probeScript(from, to, { http, ping })
      const hit = c.argv.includes('wget') ? wget : icmp
      const r = hit?.respond as { stdout?: string; stderr?: string; exitCode?: number }
      return answer(r.stdout ?? '', r.exitCode ?? 0, r.stderr ?? '')
    }
    throw new Error(`policyCluster: no answer for ${line}`)
  }
  return { runner, calls, store, policies }
}
