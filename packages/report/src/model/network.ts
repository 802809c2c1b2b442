// The ping and DNS table: from pod → name → resolved IP → ttl → loss, with the verdict that cites the row.
import type { CommandEntry, Evidence, KeyFamily, VerdictEntry } from '@lab4/core'
import { addressesFor, appKeys, parseNslookup, parsePing, pingTtls } from '@lab4/app'

export type PingRow = {
  entryId: string
  from: string
  fromNode: string | undefined
  kind: 'endpoint' | 'pod' | 'clusterip'
  target: string
  resolved: string | undefined
  ttl: number | undefined
  /** `3/3` as transmitted/received. */
  packets: string
  lossPct: number | undefined
  outcome: 'replies' | 'no-reply' | 'bad-address' | 'no-output'
  /** Other node by TTL (62 = two routed hops: IPIP between nodes), same node (64), or unknown. */
  where: 'other-node' | 'same-node' | 'unknown'
  verdict: VerdictEntry['status'] | undefined
}

export type DnsRow = {
  entryId: string
  from: string
  name: string
  address: string | undefined
  ok: boolean
  verdict: VerdictEntry['status'] | undefined
}

const KINDS = [
  [appKeys.pingEndpoint, 'endpoint'],
  [appKeys.pingPod, 'pod'],
  [appKeys.pingClusterIp, 'clusterip'],
] as const

/** Worst verdict among the checks that cite this entry. */
function verdictFor(id: string, verdicts: readonly VerdictEntry[]): VerdictEntry['status'] | undefined {
  const cited = verdicts.filter((v) => v.evidence.includes(id)).map((v) => v.status)
  return cited.includes('FAIL') ? 'FAIL' : cited.includes('NOT-GRADABLE') ? 'NOT-GRADABLE' : cited[0]
}

export function pingRows(
  ev: Evidence,
  nodeOf: ReadonlyMap<string, string>,
  verdicts: readonly VerdictEntry[],
): PingRow[] {
  return KINDS.flatMap(([family, kind]) =>
    ev.commandsWithPrefix(family.prefix).map((c) => pingRow(c, family, kind, nodeOf, verdicts)),
  ).sort(
    (a, b) =>
      a.from.localeCompare(b.from) ||
      KINDS.findIndex((k) => k[1] === a.kind) - KINDS.findIndex((k) => k[1] === b.kind),
  )
}

function pingRow(
  c: CommandEntry,
  family: KeyFamily,
  kind: PingRow['kind'],
  nodeOf: ReadonlyMap<string, string>,
  verdicts: readonly VerdictEntry[],
): PingRow {
  const from = family.idOf(c.key) ?? ''
  const target = c.argv.at(-1) ?? ''
  // BusyBox prints `ping: bad address` on stderr, the session on stdout.
  const p = parsePing(`${c.stdout}\n${c.stderr}`)
  const ttl = p ? pingTtls(p)[0] : undefined
  const outcome =
    p?.error === 'bad-address'
      ? 'bad-address'
      : p?.received === undefined
        ? 'no-output'
        : p.received > 0
          ? 'replies'
          : 'no-reply'
  return {
    entryId: c.id,
    from,
    fromNode: nodeOf.get(from),
    kind,
    target,
    resolved: p?.resolvedIp,
    ttl,
    packets: p?.transmitted === undefined ? '—' : `${p.transmitted}/${p.received ?? 0}`,
    lossPct: p?.lossPct,
    outcome,
    where: ttl === undefined ? 'unknown' : ttl <= 62 ? 'other-node' : ttl >= 64 ? 'same-node' : 'unknown',
    verdict: verdictFor(c.id, verdicts),
  }
}

export function dnsRows(ev: Evidence, verdicts: readonly VerdictEntry[]): DnsRow[] {
  return [appKeys.dnsEndpoint, appKeys.dnsService].flatMap((family) =>
    ev.commandsWithPrefix(family.prefix).map((c) => {
      const name = c.argv.at(-1) ?? ''
      const [address] = addressesFor(parseNslookup(c.stdout), name)
      return {
        entryId: c.id,
        from: family.idOf(c.key) ?? '',
        name,
        address,
        ok: c.exitCode === 0 && address !== undefined,
        verdict: verdictFor(c.id, verdicts),
      }
    }),
  )
}
