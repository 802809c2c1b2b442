// The same pod must have the same IP and node wherever the record shows it: kubectl's wide table, its JSON,
// the name a probe targets, the address that answered and the nslookup answer. Pure over the evidence; the
// domain readers (which keys, which parsers) come from the caller, since verify knows no domain package.
import { parseItems, parseTable, podSummary, type Evidence, type KeyFamily, type V1Pod } from '@lab4/core'

/** What one probe transcript says about its target: the name it was given and the addresses seen for it. */
export type ProbeReading = {
  readonly target: string
  readonly addresses: ReadonlyArray<{ readonly what: string; readonly ip: string }>
}

export type PodReaders = {
  /** Keys of `kubectl get pods -o wide` texts. */
  readonly wide: readonly string[]
  /** Keys of `kubectl get pods -o json` outputs. */
  readonly json: readonly string[]
  /** Probe families (ping, nslookup) and how to read each transcript. */
  readonly probes: ReadonlyArray<{
    readonly family: KeyFamily
    readonly read: (stdout: string) => ProbeReading[]
  }>
  /** The IP a dashed DNS name encodes (`10-244-1-5.frontend…` → `10.244.1.5`). */
  readonly ipOfName: (name: string) => string | undefined
}

export type Sighting = {
  readonly pod: string
  readonly field: 'IP' | 'node'
  readonly value: string
  /** Where the value was read, e.g. `kubectl get pods -o wide (e0041)`. */
  readonly where: string
  readonly entry: string
}

export type Mismatch = {
  readonly pod: string
  readonly field: 'IP' | 'node'
  readonly seen: readonly Sighting[]
}

export type PodConsistency = {
  readonly pods: number
  readonly sightings: readonly Sighting[]
  readonly mismatches: readonly Mismatch[]
  /** Probe targets whose name encodes an IP no pod has in the JSON. */
  readonly strays: readonly Sighting[]
}

const ok = (c: { exitCode: number | null }) => c.exitCode === 0

export function podSightings(ev: Evidence, r: PodReaders): PodConsistency {
  const sightings: Sighting[] = []
  for (const c of r.json.flatMap((k) => ev.commands(k)).filter(ok)) {
    let pods: V1Pod[] = []
    try {
      pods = parseItems<V1Pod>(c.stdout)
    } catch {
      continue // not JSON: the check of that command says so; here it shows nothing
    }
    for (const p of pods.map(podSummary)) {
      const where = `kubectl get pods -o json (${c.id})`
      if (p.ip) sightings.push({ pod: p.name, field: 'IP', value: p.ip, where, entry: c.id })
      if (p.node) sightings.push({ pod: p.name, field: 'node', value: p.node, where, entry: c.id })
    }
  }
  for (const c of r.wide.flatMap((k) => ev.commands(k)).filter(ok)) {
    const where = `kubectl get pods -o wide (${c.id})`
    for (const row of parseTable(c.stdout)) {
      const pod = row.NAME
      if (!pod) continue
      if (row.IP && row.IP !== '<none>')
        sightings.push({ pod, field: 'IP', value: row.IP, where, entry: c.id })
      if (row.NODE && row.NODE !== '<none>')
        sightings.push({ pod, field: 'node', value: row.NODE, where, entry: c.id })
    }
  }
  // A probe names its target by IP; the pod is the one the JSON gives that IP.
  const byIp = new Map(sightings.filter((s) => s.field === 'IP').map((s) => [s.value, s.pod]))
  const strays: Sighting[] = []
  for (const { family, read } of r.probes) {
    for (const c of ev.commandsWithPrefix(family.prefix)) {
      const from = family.idOf(c.key) ?? '?'
      for (const reading of read(c.stdout)) {
        const named = r.ipOfName(reading.target)
        if (!named) continue // a Service name or a bare IP: not a pod's name
        const pod = byIp.get(named)
        const seen = (what: string, ip: string): Sighting => ({
          pod: pod ?? reading.target,
          field: 'IP',
          value: ip,
          where: `${what} from ${from} (${c.id})`,
          entry: c.id,
        })
        if (!pod) {
          strays.push(seen(`the name ${reading.target}`, named))
          continue
        }
        sightings.push(seen(`the name ${reading.target}`, named))
        for (const a of reading.addresses) sightings.push(seen(a.what, a.ip))
      }
    }
  }
  const mismatches: Mismatch[] = []
  const pods = [...new Set(sightings.map((s) => s.pod))].sort()
  for (const pod of pods)
    for (const field of ['IP', 'node'] as const) {
      const seen = sightings.filter((s) => s.pod === pod && s.field === field)
      if (new Set(seen.map((s) => s.value)).size > 1) mismatches.push({ pod, field, seen })
    }
  return { pods: pods.length, sightings, mismatches, strays }
}

/** `frontend-x: IP 10.244.1.5 in kubectl get pods -o json (e0040), 10.244.1.9 in kubectl get pods -o wide (e0041)` */
export function describeMismatch(m: Mismatch): string {
  const values = [...new Set(m.seen.map((s) => s.value))]
  const parts = values.map(
    (v) => `${v} in ${[...new Set(m.seen.filter((s) => s.value === v).map((s) => s.where))].join(', ')}`,
  )
  return `${m.pod}: ${m.field} ${parts.join('; but ')}`
}

/** The readers over the shapes of app's ping and nslookup parsers (the CLI hands the parsers in). */
export function probeReaders(o: {
  pings: readonly KeyFamily[]
  lookups: readonly KeyFamily[]
  parsePings: (stdout: string) => ReadonlyArray<{
    target: string
    resolvedIp: string | undefined
    replies: ReadonlyArray<{ from: string }>
  }>
  parseNslookup: (stdout: string) => { answers: ReadonlyArray<{ name: string; address: string }> }
}): PodReaders['probes'] {
  const ping = (stdout: string): ProbeReading[] =>
    o.parsePings(stdout).map((p) => ({
      target: p.target,
      addresses: [
        ...(p.resolvedIp ? [{ what: 'the address ping resolved', ip: p.resolvedIp }] : []),
        ...p.replies.map((x) => ({ what: 'a ping reply', ip: x.from })),
      ],
    }))
  const lookup = (stdout: string): ProbeReading[] =>
    o.parseNslookup(stdout).answers.map((a) => ({
      target: a.name,
      addresses: [{ what: 'the nslookup answer', ip: a.address }],
    }))
  return [
    ...o.pings.map((family) => ({ family, read: ping })),
    ...o.lookups.map((family) => ({ family, read: lookup })),
  ]
}
