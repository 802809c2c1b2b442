// kubectl's human-readable tables (`get`, `-o wide`, `-L`, `--show-labels`, `-A`), computed from the API objects.
import { humanDuration, tabwrite } from './table.ts'

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

export type TableOptions = {
  wide: boolean
  allNamespaces: boolean
  labelColumns: string[]
  showLabels: boolean
  withKind?: string
  now: number
}

const age = (o: Obj, now: number) =>
  humanDuration(now - Date.parse(o.metadata?.creationTimestamp ?? new Date(now).toISOString()))
const none = (v: unknown) => (v === undefined || v === null || v === '' ? '<none>' : String(v))
const labelsText = (o: Obj) =>
  Object.entries((o.metadata?.labels ?? {}) as Record<string, string>)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${v}`)
    .join(',') || '<none>'
const selectorText = (sel: Record<string, string> | undefined) =>
  sel
    ? Object.entries(sel)
        .map(([k, v]) => `${k}=${v}`)
        .join(',')
    : '<none>'

type Column = { head: string; wideOnly?: boolean; cell: (o: Obj, now: number) => string }

const COLUMNS: Record<string, Column[]> = {
  Node: [
    { head: 'NAME', cell: (o) => o.metadata.name },
    {
      head: 'STATUS',
      cell: (o) =>
        o.status.conditions.find((c: Obj) => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady',
    },
    {
      head: 'ROLES',
      cell: (o) =>
        Object.keys(o.metadata.labels ?? {})
          .filter((k) => k.startsWith('node-role.kubernetes.io/'))
          .map((k) => k.split('/')[1])
          .join(',') || '<none>',
    },
    { head: 'AGE', cell: age },
    { head: 'VERSION', cell: (o) => o.status.nodeInfo.kubeletVersion },
    {
      head: 'INTERNAL-IP',
      wideOnly: true,
      cell: (o) => o.status.addresses.find((a: Obj) => a.type === 'InternalIP')?.address ?? '<none>',
    },
    { head: 'EXTERNAL-IP', wideOnly: true, cell: () => '<none>' },
    { head: 'OS-IMAGE', wideOnly: true, cell: (o) => o.status.nodeInfo.osImage },
    { head: 'KERNEL-VERSION', wideOnly: true, cell: (o) => o.status.nodeInfo.kernelVersion },
    { head: 'CONTAINER-RUNTIME', wideOnly: true, cell: (o) => o.status.nodeInfo.containerRuntimeVersion },
  ],
  Pod: [
    { head: 'NAME', cell: (o) => o.metadata.name },
    {
      head: 'READY',
      cell: (o) =>
        `${(o.status.containerStatuses ?? []).filter((c: Obj) => c.ready).length}/${o.spec.containers.length}`,
    },
    { head: 'STATUS', cell: (o) => podStatusText(o) },
    {
      head: 'RESTARTS',
      cell: (o) =>
        String(
          (o.status.containerStatuses ?? []).reduce((n: number, c: Obj) => n + (c.restartCount ?? 0), 0),
        ),
    },
    { head: 'AGE', cell: age },
    { head: 'IP', wideOnly: true, cell: (o) => none(o.status.podIP) },
    { head: 'NODE', wideOnly: true, cell: (o) => none(o.spec.nodeName) },
    { head: 'NOMINATED NODE', wideOnly: true, cell: () => '<none>' },
    { head: 'READINESS GATES', wideOnly: true, cell: () => '<none>' },
  ],
  Deployment: [
    { head: 'NAME', cell: (o) => o.metadata.name },
    { head: 'READY', cell: (o) => `${o.status.readyReplicas ?? 0}/${o.spec.replicas}` },
    { head: 'UP-TO-DATE', cell: (o) => String(o.status.updatedReplicas ?? 0) },
    { head: 'AVAILABLE', cell: (o) => String(o.status.availableReplicas ?? 0) },
    { head: 'AGE', cell: age },
    {
      head: 'CONTAINERS',
      wideOnly: true,
      cell: (o) => o.spec.template.spec.containers.map((c: Obj) => c.name).join(','),
    },
    {
      head: 'IMAGES',
      wideOnly: true,
      cell: (o) => o.spec.template.spec.containers.map((c: Obj) => c.image).join(','),
    },
    { head: 'SELECTOR', wideOnly: true, cell: (o) => selectorText(o.spec.selector.matchLabels) },
  ],
  Service: [
    { head: 'NAME', cell: (o) => o.metadata.name },
    { head: 'TYPE', cell: (o) => o.spec.type },
    { head: 'CLUSTER-IP', cell: (o) => o.spec.clusterIP },
    { head: 'EXTERNAL-IP', cell: (o) => (o.spec.type === 'LoadBalancer' ? '<pending>' : '<none>') },
    {
      head: 'PORT(S)',
      cell: (o) =>
        o.spec.ports
          .map((p: Obj) => `${p.port}${p.nodePort ? `:${p.nodePort}` : ''}/${p.protocol}`)
          .join(','),
    },
    { head: 'AGE', cell: age },
    { head: 'SELECTOR', wideOnly: true, cell: (o) => selectorText(o.spec.selector) },
  ],
  DaemonSet: [
    { head: 'NAME', cell: (o) => o.metadata.name },
    { head: 'DESIRED', cell: (o) => String(o.status.desiredNumberScheduled) },
    { head: 'CURRENT', cell: (o) => String(o.status.currentNumberScheduled) },
    { head: 'READY', cell: (o) => String(o.status.numberReady) },
    { head: 'UP-TO-DATE', cell: (o) => String(o.status.updatedNumberScheduled) },
    { head: 'AVAILABLE', cell: (o) => String(o.status.numberAvailable ?? 0) },
    { head: 'NODE SELECTOR', cell: (o) => selectorText(o.spec.template.spec.nodeSelector) },
    { head: 'AGE', cell: age },
    {
      head: 'CONTAINERS',
      wideOnly: true,
      cell: (o) => (o.spec.template.spec.containers ?? []).map((c: Obj) => c.name).join(','),
    },
    {
      head: 'IMAGES',
      wideOnly: true,
      cell: (o) => (o.spec.template.spec.containers ?? []).map((c: Obj) => c.image).join(','),
    },
    { head: 'SELECTOR', wideOnly: true, cell: (o) => selectorText(o.spec.selector.matchLabels) },
  ],
  ConfigMap: [
    { head: 'NAME', cell: (o) => o.metadata.name },
    { head: 'DATA', cell: (o) => String(Object.keys(o.data ?? {}).length) },
    { head: 'AGE', cell: age },
  ],
  EndpointSlice: [
    { head: 'NAME', cell: (o) => o.metadata.name },
    { head: 'ADDRESSTYPE', cell: (o) => o.addressType },
    { head: 'PORTS', cell: (o) => o.ports.map((p: Obj) => p.port).join(',') || '<unset>' },
    { head: 'ENDPOINTS', cell: (o) => o.endpoints.flatMap((e: Obj) => e.addresses).join(',') || '<unset>' },
    { head: 'AGE', cell: age },
  ],
}

const GENERIC: Column[] = [
  { head: 'NAME', cell: (o) => o.metadata.name },
  { head: 'AGE', cell: age },
]

/** Render one kind's rows; `withKind` prefixes names (`deployment.apps/frontend`) as kubectl does for several kinds. */
export function table(kind: string, items: Obj[], o: TableOptions): string {
  const cols = (COLUMNS[kind] ?? GENERIC).filter((c) => o.wide || !c.wideOnly)
  const head = [
    ...(o.allNamespaces ? ['NAMESPACE'] : []),
    ...cols.map((c) => c.head),
    ...o.labelColumns.map(labelHead),
    ...(o.showLabels ? ['LABELS'] : []),
  ]
  const rows = items.map((it) => [
    ...(o.allNamespaces ? [it.metadata.namespace ?? ''] : []),
    ...cols.map((c, i) => (i === 0 && o.withKind ? `${o.withKind}/${c.cell(it, o.now)}` : c.cell(it, o.now))),
    ...o.labelColumns.map((k) => it.metadata.labels?.[k] ?? ''),
    ...(o.showLabels ? [labelsText(it)] : []),
  ])
  return tabwrite([head, ...rows])
}

const labelHead = (key: string) => (key.split('/').pop() ?? key).toUpperCase()

/** The STATUS column, as kubectl's printer derives it. */
export function podStatusText(o: Obj): string {
  if (o.metadata.deletionTimestamp) return 'Terminating'
  const inits = (o.spec.initContainers ?? []) as Obj[]
  const initStatuses = (o.status.initContainerStatuses ?? []) as Obj[]
  for (let i = 0; i < initStatuses.length; i++) {
    const s = initStatuses[i] ?? {}
    if (s.state?.terminated?.exitCode === 0) continue
    if (s.state?.waiting?.reason && s.state.waiting.reason !== 'PodInitializing')
      return `Init:${s.state.waiting.reason}`
    return `Init:${i}/${inits.length}`
  }
  for (const c of (o.status.containerStatuses ?? []) as Obj[]) {
    if (c.state?.waiting?.reason) return c.state.waiting.reason
  }
  return o.status.reason ?? o.status.phase ?? 'Unknown'
}
