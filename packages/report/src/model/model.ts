// buildReportModel: everything the report says, derived purely from the run record and its config.
import {
  Evidence,
  LabConfigSchema,
  summarize,
  type KeyFamily,
  type LabConfig,
  type RunRecord,
  type VerdictEntry,
  simulatedReason,
} from '@lab4/core'
import { appKeys } from '@lab4/app'
import { clusterKeys } from '@lab4/cluster'
import { ipamKeys } from '@lab4/ipam'
import {
  ORDER,
  SECTIONS,
  byPod,
  commandView,
  placeVerdicts,
  selectCommands,
  verdictView,
  type CommandView,
  type SectionId,
  type VerdictView,
} from './sections.ts'
import { pageOf, question9, type Q9 } from './q9.ts'
import { dnsRows, pingRows, type DnsRow, type PingRow } from './network.ts'
import {
  appPods,
  corednsPods,
  nodesOf,
  placePod,
  poolsAfter,
  poolsBefore,
  serviceOf,
  zonesOf,
  type NodeView,
  type PodView,
  type PoolView,
  type ServiceView,
  type ZoneView,
} from './zones.ts'
import { corefileExcerpt } from './corefile.ts'
import { policyView, type PolicyView } from './policy.ts'
import {
  asRecord,
  bannerOf,
  originsOf,
  recordView,
  type Banner,
  type OriginView,
  type RecordInput,
  type RecordView,
} from './record.ts'

export type SectionView = {
  id: SectionId
  items: readonly number[]
  commands: CommandView[]
  verdicts: VerdictView[]
  ran: boolean
  /** Per step of the section: the run its state was observed in and the runs that made its changes. */
  origins: OriginView[]
}
export type Terminal = { file: string; entryId: string }
/** A page screenshot with what proves it: the URL the forward served, which forward, and the pod the page named. */
export type Screenshot = {
  file: string
  source: string
  url: string
  via: 'service' | 'pod'
  target: string
  pod: string
  ip: string
}
/** `file` is the manifest's path in the report folder (`manifests/<name>`). */
export type Manifest = { name: string; key: string; yaml: string; file: string }
/** A header field left at the config's default (`Student Name`, `K0000`): a finding, the student must fill it in. */
export type Placeholder = { field: 'author' | 'group'; path: string; value: string }

export type ReportModel = {
  simulated: boolean
  /** The runs the report is built from (one run, or the composed lab record) and the runs kept out of it. */
  record: RecordView
  /** Set when the last run failed or was interrupted: the report says so first. */
  banner: Banner | undefined
  run: {
    id: string
    startedAt: string
    date: string
    mode: string
    outcome: string | undefined
    tool: string
  }
  header: {
    university: string
    faculty: string
    course: string
    year: string
    group: string
    author: string
    lab: string
    dateCreated: string
    dateFinished: string
  }
  lab: {
    profile: string
    labelKey: string
    namespace: string
    app: string
    image: string
    replicas: number
    username: string
    company: string
    pingCount: number
    reloads: number
  }
  sections: Record<SectionId, SectionView>
  nodes: NodeView[]
  zones: ZoneView[]
  poolsBefore: PoolView[] | undefined
  poolsAfter: PoolView[] | undefined
  pods: PodView[]
  service: ServiceView
  q9: Q9
  ping: PingRow[]
  dns: DnsRow[]
  coredns: {
    pods: ReturnType<typeof corednsPods>
    excerpt: string | undefined
    podsInsecure: boolean
    recorded: boolean
    restarted: boolean
    inPools: boolean
  }
  /** The NetworkPolicy experiment (app.policy): its manifests and what each phase showed. */
  policy: PolicyView
  /** What the ping rows show, so the explanations appear only when the run has the matching evidence. */
  pingFacts: { otherNode: boolean; sameNode: boolean; clusterIpNoReply: boolean }
  screenshots: Screenshot[]
  terminals: Terminal[]
  manifests: Manifest[]
  /** The full `kubectl get configmap coredns -o yaml`, shown in the appendix (the CoreDNS section has the excerpt). */
  corefile: CommandView | undefined
  placeholders: Placeholder[]
  findings: VerdictView[]
  otherVerdicts: VerdictView[]
  summary: { passed: number; failed: number; notGradable: number; line: string }
  versions: Array<{ name: string; value: string }>
}

/** Commands also drawn as terminal windows (the ones a grader looks at first). */
const TERMINAL_KEYS: ReadonlyArray<string | KeyFamily> = [
  clusterKeys.start,
  clusterKeys.nodesWide,
  clusterKeys.calicoPodsWide,
  clusterKeys.nodesLabels,
  ipamKeys.poolsBeforeWide,
  ipamKeys.poolsAfterWide,
  appKeys.podsWide,
  appKeys.pingEndpoint,
]

const MANIFEST_KEYS = [
  ipamKeys.calicoctlManifest,
  ipamKeys.poolsManifest,
  appKeys.manifest,
  appKeys.policyManifestDeny,
  appKeys.policyManifestAllow,
]

const slug = (s: string) => s.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/\./g, '-')
const baseName = (p: string) => p.split(/[\\/]/).pop() ?? p

/** What the page showed and which forward served it, from the observation and the port-forward the artifact cites. */
function screenshotsOf(ev: Evidence): Screenshot[] {
  return ev
    .artifacts()
    .filter((a) => a.key === appKeys.screenshot)
    .map((a) => {
      const cited = a.evidence.map((id) => ev.byId(id))
      const obs = cited.find((e) => e?.type === 'observation' && e.key === appKeys.page)
      const page = obs?.type === 'observation' ? pageOf(obs.value) : undefined
      const forward = cited.find((e) => e?.type === 'command')
      const target =
        forward?.type === 'command' ? forward.argv.find((x) => /^(service|svc|pod)\//.test(x)) : undefined
      return {
        file: slug(baseName(a.path)).replace(/-png$/, '.png'),
        source: a.path,
        url: page?.url ?? '',
        via: page?.via ?? (target?.startsWith('pod/') ? 'pod' : 'service'),
        target: target ?? '',
        pod: page?.containerName ?? '',
        ip: page?.containerIp ?? '',
      }
    })
}

const DEFAULTS = LabConfigSchema.parse({}).student

/** Header fields still at the schema's placeholder defaults. */
export function placeholdersOf(config: LabConfig): Placeholder[] {
  return (['author', 'group'] as const)
    .filter((f) => config.student[f].trim() === DEFAULTS[f])
    .map((f) => ({ field: f, path: `student.${f}`, value: config.student[f] }))
}

/** `2025-11-20T10:00:00.000Z` → `20.11.2025` (UTC, so the same record always gives the same date). */
export const courseDate = (iso: string): string => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`

/** Keep the last verdict per (check, title): a check judged in `run` and again in `collect` counts once. */
function latestVerdicts(entries: RunRecord['entries']): VerdictEntry[] {
  const byKey = new Map<string, VerdictEntry>()
  for (const e of entries) if (e.type === 'verdict') byKey.set(`${e.check}\u0000${e.title}`, e)
  return [...byKey.values()]
}

/**
 * @param texts artifact path → UTF-8 contents, for the YAML artifacts (the shell reads them; this stays pure).
 */
export function buildReportModel(
  input: RecordInput,
  config: LabConfig,
  texts: ReadonlyMap<string, string> = new Map(),
): ReportModel {
  // The composed view of the lab record (a plain run is composed here): acts and state per step, each with its run.
  const run = asRecord(input)
  const banner = bannerOf(run)
  const ev = new Evidence(run.entries)
  const verdicts = latestVerdicts(run.entries)
  const placed = placeVerdicts(ev, verdicts)
  const manifests: Manifest[] = MANIFEST_KEYS.flatMap((key) => {
    const a = ev.artifact(key)
    const yaml = a ? texts.get(a.path) : undefined
    const name = baseName(a?.path ?? '')
    return a && yaml !== undefined
      ? [{ name, key, yaml: yaml.replace(/\n+$/, ''), file: `manifests/${name}` }]
      : []
  })
  // stdin is compared with the artifact as stored (the display copy loses its trailing newline).
  const manifestByName = new Map(
    manifests.map((m) => [m.name, texts.get(ev.artifact(m.key)?.path ?? '') ?? m.yaml]),
  )

  const terminals: Terminal[] = []
  const imageFor = (c: { id: string; key?: string | undefined }, last: boolean): string | undefined => {
    if (
      !last ||
      !c.key ||
      !TERMINAL_KEYS.some((k) => (typeof k === 'string' ? c.key === k : k.idOf(c.key) !== undefined))
    )
      return undefined
    const file = `term-${slug(c.key)}.png`
    terminals.push({ file, entryId: c.id })
    return `images/${file}`
  }

  const stepsRan = new Set(run.entries.filter((e) => e.type === 'step-start').map((e) => e.step))
  const sections = Object.fromEntries(
    ORDER.map((id) => {
      const def = SECTIONS.find((s) => s.id === id)
      if (!def) throw new Error(`no section ${id}`)
      const selected = selectCommands(ev, def.keys)
      const cmds = id === 'network' ? byPod(selected) : selected
      const commands = cmds.map((c) => ({
        ...commandView(c, manifestByName, imageFor(c, cmds.filter((x) => x.key === c.key).at(-1) === c)),
        run: run.entryRun.get(c.id) ?? run.header.runId,
      }))
      const view: SectionView = {
        id,
        items: def.items,
        commands,
        verdicts: (placed.get(id) ?? []).map(verdictView),
        ran: def.steps.some((s) => stepsRan.has(s)),
        origins: originsOf(run, def.steps),
      }
      return [id, view]
    }),
  ) as Record<SectionId, SectionView>

  const nodes = nodesOf(ev, config)
  const after = poolsAfter(ev)
  const zoneOf = new Map(nodes.map((n) => [n.name, n.zone]))
  const key = config.zones.labelKey
  const dns = corednsPods(ev)
  const pods = [
    ...appPods(ev).map((p) => placePod({ ...p, kind: 'app' }, zoneOf.get(p.node ?? ''), after ?? [], key)),
    ...dns.map((p) =>
      placePod(
        { name: p.name, ip: p.ip, node: p.node, kind: 'coredns' },
        zoneOf.get(p.node ?? ''),
        after ?? [],
        key,
      ),
    ),
  ]
  const dnsPods = pods.filter((p) => p.kind === 'coredns')
  const ping = pingRows(ev, new Map(appPods(ev).map((p) => [p.name, p.node ?? ''])), verdicts)
  const corefile = ev.command(appKeys.corefile)
  const corefileView = corefile
    ? {
        ...commandView(corefile, manifestByName, undefined),
        run: run.entryRun.get(corefile.id) ?? run.header.runId,
      }
    : undefined
  const excerpt = corefile?.exitCode === 0 ? corefileExcerpt(corefile.stdout) : undefined
  const s = config.student
  const v = ev.versions()
  // Evidence.versions() merges shallowly, so a later `images` map would hide earlier ones; merge them here.
  const images = Object.assign(
    {},
    ...run.entries.flatMap((e) => (e.type === 'versions' && e.images ? [e.images] : [])),
  ) as Record<string, string>

  return {
    // A record whose outputs carry the simulator's fingerprints is simulated whatever its header says.
    simulated: run.header.simulated || simulatedReason(run) !== undefined,
    record: recordView(run),
    banner,
    run: {
      id: run.header.runId,
      startedAt: run.header.startedAt,
      date: courseDate(run.header.startedAt),
      mode: run.header.mode,
      outcome: run.entries.findLast((e) => e.type === 'end')?.outcome,
      tool: `${run.header.tool.name} ${run.header.tool.version}`,
    },
    header: {
      university: s.university,
      faculty: s.faculty,
      course: s.course,
      year: s.year,
      group: s.group,
      author: s.author,
      lab: s.lab,
      dateCreated: s.dateCreated ?? courseDate(run.header.startedAt),
      dateFinished: s.dateFinished,
    },
    lab: {
      profile: config.profile,
      labelKey: key,
      namespace: config.app.namespace,
      app: config.app.name,
      image: config.app.image,
      replicas: config.app.replicas,
      username: config.app.username,
      company: config.app.company,
      pingCount: config.app.pingCount,
      reloads: config.app.reloads,
    },
    sections,
    nodes,
    zones: zonesOf(nodes, after ?? [], pods, config),
    poolsBefore: poolsBefore(ev),
    poolsAfter: after,
    pods,
    service: serviceOf(ev, config),
    q9: question9(ev),
    ping,
    dns: dnsRows(ev, verdicts),
    coredns: {
      pods: dns,
      excerpt,
      podsInsecure: excerpt !== undefined && /^\s*pods insecure\s*$/m.test(excerpt),
      recorded: corefile !== undefined,
      restarted: ev
        .commands(ipamKeys.restartSystem)
        .some((c) => c.exitCode === 0 && c.argv.includes('deployment/coredns')),
      inPools: dnsPods.length > 0 && dnsPods.every((p) => p.inPool),
    },
    policy: policyView(ev, config, sections.policy.ran),
    pingFacts: {
      otherNode: ping.some((r) => r.where === 'other-node'),
      sameNode: ping.some((r) => r.where === 'same-node'),
      clusterIpNoReply: ping.some((r) => r.kind === 'clusterip' && r.outcome === 'no-reply'),
    },
    screenshots: screenshotsOf(ev),
    terminals,
    manifests,
    corefile: corefileView,
    placeholders: placeholdersOf(config),
    findings: verdicts.filter((x) => x.status !== 'PASS').map(verdictView),
    otherVerdicts: (placed.get('other') ?? []).map(verdictView),
    // A step that could not finish is a failure of its own, even when no check of it failed.
    summary: summarize(banner?.stepFailed ? [...verdicts, { status: 'FAIL' as const }] : verdicts),
    versions: [
      ...(['minikube', 'kubernetes', 'calico', 'calicoctl', 'kubectl', 'driver'] as const).flatMap((k) =>
        v[k] ? [{ name: k, value: v[k] }] : [],
      ),
      ...Object.entries(images)
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([name, value]) => ({ name: `image ${name}`, value })),
    ],
  }
}
