// Which recorded commands each report section shows, and which verdicts sit beside them.
import { formatArgv, type CommandEntry, type Evidence, type KeyFamily, type VerdictEntry } from '@lab4/core'
import { appKeys, appStepIds } from '@lab4/app'
import { clusterKeys, clusterStepIds } from '@lab4/cluster'
import { ipamKeys, ipamStepIds } from '@lab4/ipam'
import { when } from './record.ts'

export type SectionId =
  'cluster' | 'labels' | 'ipam' | 'deploy' | 'browser' | 'q9' | 'network' | 'coredns' | 'policy'

export type CommandView = {
  id: string
  key: string
  argv: readonly string[]
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
  /** The run that recorded the output (set by the model from the lab record) and when the command started. */
  run: string | undefined
  at: string
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

/** What a section shows of one key: its last entry (a plain key), every entry of it, or every key of a family. */
type Shown = string | { every: string } | KeyFamily
const every = (key: string): Shown => ({ every: key })

type Def = {
  id: SectionId
  steps: readonly string[]
  items: readonly number[]
  /** The commands shown, in order. */
  keys: readonly Shown[]
  claims?: (v: VerdictEntry, evidenceKeys: readonly string[]) => boolean
}

/** The network probes of each pod, in the order the section shows them. */
const PROBES: readonly KeyFamily[] = [
  appKeys.dnsEndpoint,
  appKeys.pingEndpoint,
  appKeys.pingPod,
  appKeys.dnsService,
  appKeys.pingClusterIp,
]
const COREDNS_KEYS: readonly string[] = [appKeys.corednsPods, appKeys.corefile]

export const SECTIONS: readonly Def[] = [
  {
    id: 'cluster',
    steps: [clusterStepIds.profile, clusterStepIds.ready],
    items: [1, 2],
    keys: [
      every(clusterKeys.start),
      clusterKeys.minikubeVersion,
      clusterKeys.nodesWide,
      clusterKeys.calicoPodsWide,
      clusterKeys.kubeSystemTable,
    ],
  },
  {
    id: 'labels',
    steps: [clusterStepIds.labels],
    items: [4],
    keys: [every(clusterKeys.label), clusterKeys.nodesLabels],
  },
  {
    id: 'ipam',
    steps: [ipamStepIds.calicoctl, ipamStepIds.pools],
    items: [3, 5],
    keys: [
      every(ipamKeys.calicoctlApply),
      ipamKeys.calicoctlVersion,
      ipamKeys.poolsBeforeWide,
      every(ipamKeys.poolDelete),
      every(ipamKeys.poolsCreate),
      every(ipamKeys.restartSystem),
      every(ipamKeys.restartWorkload),
      ipamKeys.rolloutCoredns,
      ipamKeys.poolsAfterWide,
      ipamKeys.blocks,
      ipamKeys.check,
    ],
  },
  {
    id: 'deploy',
    steps: [appStepIds.deploy],
    items: [6, 7],
    keys: [every(appKeys.apply), appKeys.rollout, appKeys.objectsWide, appKeys.podsWide],
  },
  {
    id: 'q9',
    steps: [appStepIds.browser],
    items: [9],
    keys: [],
    claims: (v) => /q9|question|pinn/i.test(v.check),
  },
  {
    id: 'browser',
    steps: [appStepIds.browser],
    items: [8],
    keys: [every(appKeys.portForward), every(appKeys.portForwardOther)],
  },
  {
    id: 'coredns',
    steps: [appStepIds.network],
    items: [10],
    // The Corefile itself is long: the appendix shows it, the section its kubernetes block.
    keys: [appKeys.corednsPods],
    claims: (v, keys) => /coredns|corefile/i.test(v.check) || keys.some((k) => COREDNS_KEYS.includes(k)),
  },
  { id: 'network', steps: [appStepIds.network], items: [10], keys: PROBES },
  {
    id: 'policy',
    steps: [appStepIds.policy],
    items: [],
    // The probes are the section's table; its commands are the writes and the list of policies after them.
    keys: [
      every(appKeys.policyLeftoversDelete),
      every(appKeys.policyApplyDeny),
      every(appKeys.policyApplyAllow),
      every(appKeys.policyDelete),
      appKeys.policies,
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
  'policy',
]

export function selectCommands(ev: Evidence, keys: readonly Shown[]): CommandEntry[] {
  const out: CommandEntry[] = []
  for (const k of keys) {
    if (typeof k === 'string') {
      const c = ev.command(k)
      if (c) out.push(c)
    } else if ('every' in k) out.push(...ev.commands(k.every))
    else out.push(...ev.commandsWithPrefix(k.prefix))
  }
  return out
}

/** For the network section: group every pod's commands together (dns, ping by endpoint, by pod name, service, ClusterIP). */
export function byPod(cmds: readonly CommandEntry[]): CommandEntry[] {
  const probe = (c: CommandEntry) => PROBES.findIndex((f) => f.idOf(c.key) !== undefined)
  const podOf = (c: CommandEntry) => PROBES[probe(c)]?.idOf(c.key) ?? ''
  const pods = [...new Set(cmds.map(podOf))]
  return pods.flatMap((p) => cmds.filter((c) => podOf(c) === p).sort((a, b) => probe(a) - probe(b)))
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
    argv: c.argv,
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
    run: undefined,
    at: when(c.startedAt),
  }
}

/** A backtick fence longer than any backtick run inside the text. */
export function fenceFor(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((m) => m[0].length))
  return '`'.repeat(Math.max(3, longest + 1))
}

/** GitHub renders these; the PDF draws badges instead (no emoji font needed). */
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
