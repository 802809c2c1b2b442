// Pure readers for the text outputs the report shows: kubectl/calicoctl tables, BusyBox ping and nslookup.

/** A left-aligned kubectl/calicoctl table: cells start where their header starts. */
export function parseTable(stdout: string): Array<Record<string, string>> {
  const lines = stdout.split('\n').filter((l) => l.trim() !== '')
  const head = lines[0]
  if (!head) return []
  const starts: Array<{ name: string; at: number }> = []
  // Header names may hold one space (`NOMINATED NODE`); columns are separated by 2+ spaces.
  for (const m of head.matchAll(/\S+(?: \S+)*/g)) starts.push({ name: m[0], at: m.index })
  return lines
    .slice(1)
    .map((line) =>
      Object.fromEntries(
        starts.map((s, i) => [s.name, line.slice(s.at, starts[i + 1]?.at ?? line.length).trim()]),
      ),
    )
}

export type PingResult = {
  name: string
  ip: string | undefined
  ttls: number[]
  transmitted: number | undefined
  received: number | undefined
  lossPct: number | undefined
  /** `min/avg/max` in ms, as printed. */
  rtt: string | undefined
  /** BusyBox `ping: bad address 'x'`: the name did not resolve. */
  badAddress: boolean
}

/** BusyBox ping (`PING n (ip): 56 data bytes`, `seq= ttl=`, `N packets transmitted, M packets received`). */
export function parsePing(stdout: string, stderr = '', target = ''): PingResult {
  const head = /^PING (\S+) \(([\d.]+)\)/m.exec(stdout)
  const stats =
    /(\d+) packets transmitted, (\d+) (?:packets )?received(?:, (?:\+\d+ errors, )?(\d+)% packet loss)?/.exec(
      stdout,
    )
  const rtt = /round-trip min\/avg\/max = (\S+) ms/.exec(stdout)
  return {
    name: head?.[1] ?? target,
    ip: head?.[2],
    ttls: [...stdout.matchAll(/ttl=(\d+)/g)].map((m) => Number(m[1])),
    transmitted: stats ? Number(stats[1]) : undefined,
    received: stats ? Number(stats[2]) : undefined,
    lossPct: stats?.[3] !== undefined ? Number(stats[3]) : undefined,
    rtt: rtt?.[1],
    badAddress: /bad address/.test(stdout + stderr),
  }
}

export type DnsAnswer = { name: string; address: string }

/** BusyBox nslookup: the answer pairs after the server block (`Name:\tx` then `Address: ip`). */
export function parseNslookup(stdout: string): {
  server: string | undefined
  answers: DnsAnswer[]
  nxdomain: boolean
} {
  const server = /^Server:\s+(\S+)/m.exec(stdout)?.[1]
  const answers: DnsAnswer[] = []
  let name: string | undefined
  for (const line of stdout.split('\n')) {
    const n = /^Name:\s+(\S+)/.exec(line)
    if (n) name = n[1]
    const a = /^Address(?: \d+)?:\s+([\d.]+)$/.exec(line.trim())
    if (a && name) answers.push({ name, address: a[1] ?? '' })
  }
  return { server, answers, nxdomain: /NXDOMAIN/.test(stdout) }
}

const ipToInt = (ip: string): number | undefined => {
  const parts = ip.split('.').map(Number)
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) return undefined
  return parts.reduce((n, p) => n * 256 + p, 0)
}

/** IPv4 membership by CIDR arithmetic (never by comparing octets). */
export function ipInCidr(ip: string, cidr: string): boolean {
  const [base, bitsText] = cidr.split('/')
  const bits = Number(bitsText)
  const a = ipToInt(ip)
  const b = ipToInt(base ?? '')
  if (a === undefined || b === undefined || !Number.isInteger(bits) || bits < 0 || bits > 32) return false
  const size = 2 ** (32 - bits)
  return Math.floor(a / size) === Math.floor(b / size)
}

export type PoolView = {
  name: string
  cidr: string
  selector: string
  ipipMode: string
  vxlanMode: string
  natOutgoing: boolean
  disabled: boolean
  blockSize: number | undefined
}

/** `calicoctl get ippool -o json`: a list wrapper (items may be null), a bare pool or an array. */
export function parsePools(stdout: string): PoolView[] {
  const json = JSON.parse(stdout) as unknown
  type Raw = { metadata?: { name?: string }; spec?: Record<string, unknown> }
  const items: Raw[] = Array.isArray(json)
    ? json
    : ((json as { items?: Raw[] | null }).items ??
      ((json as { kind?: string }).kind === 'IPPool' ? [json as Raw] : []))
  return items.map((p) => ({
    name: p.metadata?.name ?? '',
    cidr: String(p.spec?.cidr ?? ''),
    selector: String(p.spec?.nodeSelector ?? 'all()'),
    ipipMode: String(p.spec?.ipipMode ?? 'Never'),
    vxlanMode: String(p.spec?.vxlanMode ?? 'Never'),
    natOutgoing: p.spec?.natOutgoing === true,
    disabled: p.spec?.disabled === true,
    blockSize: typeof p.spec?.blockSize === 'number' ? p.spec.blockSize : undefined,
  }))
}

/** The zone a pool's `nodeSelector` names: `zone == "east"` → `east` (for the given label key). */
export function selectorValue(selector: string, key: string): string | undefined {
  const esc = key.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')
  return new RegExp(`^\\s*${esc}\\s*==\\s*(["'])(.*?)\\1\\s*$`).exec(selector)?.[2]
}

/** The `kubernetes … { … }` block of a Corefile inside `kubectl get configmap coredns -o yaml`. */
export function corefileExcerpt(yaml: string): string | undefined {
  const lines = yaml.split('\n')
  const start = lines.findIndex((l) => /^\s*kubernetes\s.*\{\s*$/.test(l))
  if (start < 0) return undefined
  const end = lines.findIndex((l, i) => i > start && /^\s*\}\s*$/.test(l))
  const block = lines.slice(start, end < 0 ? undefined : end + 1)
  const indent = Math.min(...block.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0))
  return block.map((l) => l.slice(indent)).join('\n')
}
