// Which recorded commands each report section shows, and which verdicts sit beside them.
import { formatArgv, type CommandEntry, type Evidence, type VerdictEntry } from '@lab4/core'

export type SectionId = 'cluster' | 'labels' | 'ipam' | 'deploy' | 'browser' | 'q9' | 'network' | 'coredns'

export type CommandView = {
  id: string
  key: string
  /** The argv as a shell would show it (display only). */
  prompt: string
  /** stdout then stderr, exactly as recorded. */
  output: string
  exitCode: number | null
  /** A long-running child (port-forward) the tool stopped; `signal` says how. */
  long: boolean
  signal: string | undefined
  timedOut: boolean
  /** Name of the manifest artifact that went to stdin, when it matches one. */
  stdinManifest: string | undefined
  stdinBytes: number
  /** `images/<file>` when the command is also drawn as a terminal window. */
  image: string | undefined
  fence: string
}

export type VerdictView = {
  check: string
  title: string
  status: VerdictEntry['status']
  mark: string
  expected: string
  actual: string
  hint: string
  cause: string | undefined
  evidence: string
}

type Def = {
  id: SectionId
  steps: readonly string[]
  items: readonly number[]
  /** Evidence keys shown, in order; `*` suffix = every entry whose key starts with the prefix; `+` suffix = every entry of that key. */
  keys: readonly string[]
  claims?: (v: VerdictEntry, evidenceKeys: readonly string[]) => boolean
}

export const SECTIONS: readonly Def[] = [
  {
    id: 'cluster',
    steps: ['cluster.profile', 'cluster.ready'],
    items: [1, 2],
    keys: [
      'cluster.start+',
      'cluster.minikube-version',
      'cluster.nodes.wide',
      'cluster.calico-pods.wide',
      'cluster.kube-system.table',
    ],
  },
  { id: 'labels', steps: ['cluster.labels'], items: [4], keys: ['cluster.label+', 'cluster.nodes.labels'] },
  {
    id: 'ipam',
    steps: ['ipam.calicoctl', 'ipam.pools'],
    items: [3, 5],
    keys: [
      'ipam.calicoctl-apply+',
      'ipam.calicoctl-version',
      'ipam.pools.before.wide',
      'ipam.pool.delete+',
      'ipam.pools.create+',
      'ipam.restart.system+',
      'ipam.restart.workload+',
      'ipam.rollout.coredns',
      'ipam.pools.after.wide',
      'ipam.blocks',
      'ipam.check',
    ],
  },
  {
    id: 'deploy',
    steps: ['app.deploy'],
    items: [6, 7],
    keys: ['app.apply+', 'app.rollout', 'app.objects.wide', 'app.pods.wide'],
  },
  {
    id: 'q9',
    steps: ['app.browser'],
    items: [9],
    keys: [],
    claims: (v) => /q9|question|pinn/i.test(v.check),
  },
  {
    id: 'browser',
    steps: ['app.browser'],
    items: [8],
    keys: ['app.port-forward+', 'app.port-forward.other+'],
  },
  {
    id: 'coredns',
    steps: ['app.network'],
    items: [10],
    keys: ['app.coredns.pods', 'app.coredns.corefile'],
    claims: (v, keys) => /coredns|corefile/i.test(v.check) || keys.some((k) => k.startsWith('app.coredns.')),
  },
  {
    id: 'network',
    steps: ['app.network'],
    items: [10],
    keys: [
      'app.dns.endpoint.*',
      'app.ping.endpoint.*',
      'app.ping.pod.*',
      'app.dns.service.*',
      'app.ping.clusterip.*',
    ],
  },
]

/** Report order differs from claim order (specific sections claim first). */
export const ORDER: readonly SectionId[] = [
  'cluster',
  'labels',
  'ipam',
  'deploy',
  'browser',
  'q9',
  'network',
  'coredns',
]

export function selectCommands(ev: Evidence, keys: readonly string[]): CommandEntry[] {
  const out: CommandEntry[] = []
  for (const k of keys) {
    if (k.endsWith('*')) out.push(...ev.commandsWithPrefix(k.slice(0, -1)))
    else if (k.endsWith('+')) out.push(...ev.commands(k.slice(0, -1)))
    else {
      const c = ev.command(k)
      if (c) out.push(c)
    }
  }
  return out
}

/** For the network section: group every pod's commands together (dns, ping by endpoint, by pod name, service, ClusterIP). */
export function byPod(cmds: readonly CommandEntry[]): CommandEntry[] {
  const pods = [...new Set(cmds.map((c) => c.key?.split('.').slice(3).join('.') ?? ''))]
  const rank = [
    'app.dns.endpoint.',
    'app.ping.endpoint.',
    'app.ping.pod.',
    'app.dns.service.',
    'app.ping.clusterip.',
  ]
  const r = (c: CommandEntry) => rank.findIndex((p) => c.key?.startsWith(p))
  return pods.flatMap((p) =>
    cmds.filter((c) => c.key?.split('.').slice(3).join('.') === p).sort((a, b) => r(a) - r(b)),
  )
}

export function commandView(
  c: CommandEntry,
  manifests: ReadonlyMap<string, string>,
  image: string | undefined,
): CommandView {
  const output = c.stdout + (c.stderr && c.stdout && !c.stdout.endsWith('\n') ? '\n' : '') + c.stderr
  const stdinManifest =
    c.stdin === undefined ? undefined : [...manifests].find(([, text]) => text === c.stdin)?.[0]
  return {
    id: c.id,
    key: c.key ?? '',
    prompt: formatArgv(c.argv),
    output: output.replace(/\n+$/, ''),
    exitCode: c.exitCode,
    long: c.long === true,
    signal: c.signal,
    timedOut: c.timedOut === true,
    stdinManifest,
    stdinBytes: c.stdin === undefined ? 0 : Buffer.byteLength(c.stdin),
    image,
    fence: fenceFor(output),
  }
}

/** A backtick fence longer than any backtick run inside the text. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  return '`'.repeat(Math.max(3, longest + 1))
}

const MARKS = { PASS: '✅', FAIL: '❌', 'NOT-GRADABLE': '⚠️' } as const

export function verdictView(v: VerdictEntry): VerdictView {
  return {
    check: v.check,
    title: v.title,
    status: v.status,
    mark: MARKS[v.status],
    expected: v.expected,
    actual: v.actual,
    hint: v.hint,
    cause: v.cause,
    evidence: v.evidence.join(', '),
  }
}

/** Place each verdict in the first section that claims it, else the first one covering its step. */
export function placeVerdicts(
  ev: Evidence,
  verdicts: readonly VerdictEntry[],
): Map<SectionId | 'other', VerdictEntry[]> {
  const placed = new Map<SectionId | 'other', VerdictEntry[]>()
  for (const v of verdicts) {
    const keys = v.evidence.map((id) => {
      const e = ev.byId(id)
      return e && 'key' in e && typeof e.key === 'string' ? e.key : ''
    })
    const candidates = SECTIONS.filter((s) => s.steps.includes(v.step))
    const home =
      candidates.find((s) => s.claims?.(v, keys)) ?? candidates.find((s) => !s.claims) ?? candidates[0]
    const id = home?.id ?? 'other'
    placed.set(id, [...(placed.get(id) ?? []), v])
  }
  return placed
}
