// calicoctl's outputs for Calico v3.28: IPPool json/yaml/tables, ipam show, ipam check, version.
import { stringify } from 'yaml'
import { asciiTable, g5 } from './ascii-table.ts'
import { CALICOCTL_TABS, stamp, tabwrite } from './table.ts'
import { parseCidr, contains } from '../world/cidr.ts'
import type { Cluster, IPPool } from '../world/types.ts'
import { simUid } from './fingerprint.ts'

/** Go struct order of v3 IPPool (bool fields are omitempty, so absent when false). */
export function ippoolObject(p: IPPool): Record<string, unknown> {
  return {
    kind: 'IPPool',
    apiVersion: 'projectcalico.org/v3',
    metadata: {
      name: p.name,
      uid: simUid(p.uid),
      resourceVersion: String(p.resourceVersion),
      creationTimestamp: stamp(p.createdAt),
    },
    spec: {
      cidr: p.cidr,
      vxlanMode: p.vxlanMode,
      ipipMode: p.ipipMode,
      ...(p.natOutgoing ? { natOutgoing: true } : {}),
      ...(p.disabled ? { disabled: true } : {}),
      ...(p.disableBGPExport ? { disableBGPExport: true } : {}),
      blockSize: p.blockSize,
      nodeSelector: p.nodeSelector,
      allowedUses: p.allowedUses,
    },
  }
}

const poolList = (c: Cluster, pools: IPPool[]) => ({
  kind: 'IPPoolList',
  apiVersion: 'projectcalico.org/v3',
  metadata: { resourceVersion: String(c.resourceVersion) },
  items: pools.length ? pools.map(ippoolObject) : null,
})

/** One named pool prints bare, several print as an array, a listing prints the IPPoolList wrapper. */
export function poolsOutput(
  c: Cluster,
  pools: IPPool[],
  format: 'json' | 'yaml' | 'wide' | 'ps',
  listing: boolean,
): string {
  if (format === 'wide' || format === 'ps') return poolTable(pools, format === 'wide')
  const value = listing
    ? poolList(c, pools)
    : pools.length === 1
      ? ippoolObject(pools[0] as IPPool)
      : pools.map(ippoolObject)
  if (format === 'json') return `${JSON.stringify(value, null, 2)}\n`
  return stringify(JSON.parse(JSON.stringify(value)), { sortMapEntries: true })
}

export function poolTable(pools: IPPool[], wide: boolean): string {
  const head = wide
    ? ['NAME', 'CIDR', 'NAT', 'IPIPMODE', 'VXLANMODE', 'DISABLED', 'DISABLEBGPEXPORT', 'SELECTOR']
    : ['NAME', 'CIDR', 'SELECTOR']
  const rows = pools.map((p) =>
    wide
      ? [
          p.name,
          p.cidr,
          String(p.natOutgoing),
          p.ipipMode || 'Never',
          p.vxlanMode || 'Never',
          String(p.disabled),
          String(p.disableBGPExport),
          p.nodeSelector,
        ]
      : [p.name, p.cidr, p.nodeSelector],
  )
  return `${tabwrite([head, ...rows], CALICOCTL_TABS)}\n`
}

const pct = (used: number, total: number) => `${used} (${Math.round((used / total) * 100)}%)`

export function ipamShow(c: Cluster, showBlocks: boolean): string {
  const rows: string[][] = []
  const used = (cidr: string) => {
    const cc = parseCidr(cidr)
    return cc
      ? c.blocks.flatMap((b) => Object.keys(b.allocations)).filter((ip) => contains(cc, ip)).length
      : 0
  }
  const covered = new Set<string>()
  for (const p of c.pools) {
    const size = parseCidr(p.cidr)?.size ?? 0
    const u = used(p.cidr)
    rows.push([
      'IP Pool',
      p.cidr,
      g5(size),
      pct(u, size),
      `${g5(size - u)} (${Math.round(((size - u) / size) * 100)}%)`,
    ])
    if (!showBlocks) continue
    const pc = parseCidr(p.cidr)
    for (const b of c.blocks) {
      const bc = parseCidr(b.cidr)
      if (!pc || !bc || !contains(pc, b.cidr.split('/')[0] ?? '')) continue
      covered.add(b.cidr)
      rows.push(blockRow(b.cidr, bc.size, Object.keys(b.allocations).length))
    }
  }
  if (showBlocks) {
    for (const b of c.blocks.filter((x) => !covered.has(x.cidr)))
      rows.push(blockRow(b.cidr, parseCidr(b.cidr)?.size ?? 64, Object.keys(b.allocations).length))
  }
  return asciiTable(['grouping', 'cidr', 'ips total', 'ips in use', 'ips free'], rows)
}

const blockRow = (cidr: string, size: number, u: number) => [
  'Block',
  cidr,
  g5(size),
  pct(u, size),
  `${size - u} (${Math.round(((size - u) / size) * 100)}%)`,
]

export function ipamCheck(c: Cluster): string {
  const allocs = c.blocks.flatMap((b) => Object.entries(b.allocations))
  const active = c.pools.filter((p) => !p.disabled)
  const tunnels = c.nodes.filter((n) => n.tunnelIP).length
  const workloads = allocs.filter(([, h]) => h.startsWith('k8s-pod-network.')).length
  const byNode = new Map<string, number>(c.nodes.map((n) => [n.name, 0]))
  for (const [ip, handle] of allocs) {
    const node = handle.startsWith('ipip-tunnel-addr-')
      ? handle.slice('ipip-tunnel-addr-'.length)
      : c.pods.find((p) => p.ip === ip && !p.spec.hostNetwork)?.nodeName
    if (node) byNode.set(node, (byNode.get(node) ?? 0) + 1)
  }
  const top = [...byNode.entries()].sort((a, b) => b[1] - a[1])
  const counts = top.map(([, n]) => n).sort((a, b) => a - b)
  const lines = [
    'Checking IPAM for inconsistencies...',
    '',
    'Loading all IPAM blocks...',
    `Found ${c.blocks.length} IPAM blocks.`,
    ...c.blocks.map((b) => ` IPAM block ${b.cidr} affinity=${b.affinity ? `host:${b.affinity}` : '<none>'}:`),
    `IPAM blocks record ${allocs.length} allocations.`,
    '',
    'Loading all IPAM pools...',
    ...active.map((p) => `  ${p.cidr}`),
    `Found ${active.length} active IP pools.`,
    '',
    'Loading all nodes.',
    `Found ${tunnels} node tunnel IPs.`,
    '',
    'Loading all workload endpoints.',
    `Found ${workloads} workload IPs.`,
    `Workloads and nodes are using ${workloads + tunnels} IPs.`,
    '',
    'Loading all handles',
    'Looking for top (up to 20) nodes by allocations...',
    ...top.slice(0, 20).map(([n, k]) => `  ${n} has ${k} allocations`),
    `Node with most allocations has ${top[0]?.[1] ?? 0}; median is ${counts[Math.floor(counts.length / 2)] ?? 0}`,
    '',
    'Scanning for IPs that are allocated but not actually in use...',
    'Found 0 IPs that are allocated in IPAM but not actually in use.',
    'Scanning for IPs that are in use by a workload or node but not allocated in IPAM...',
    'Found 0 in-use IPs that are not in active IP pools.',
    'Found 0 in-use IPs that are in active IP pools but have no corresponding IPAM allocation.',
    '',
    'Scanning for IPAM handles with no matching IPs...',
    `Found 0 handles with no matching IPs (and ${allocs.length} handles with matches).`,
    'Scanning for IPs with missing handle...',
    'Found 0 handles mentioned in blocks with no matching handle resource.',
    'Check complete; found 0 problems.',
  ]
  return `${lines.join('\n')}\n`
}

export function versionText(client: string, commit: string, cluster: string | undefined): string {
  return [
    `Client Version:    ${client}`,
    `Git commit:        ${commit}`,
    ...(cluster
      ? [`Cluster Version:   ${cluster}`, 'Cluster Type:      k8s,bgp,kubeadm,kdd']
      : ['Unable to detect installed Calico version']),
    '',
  ].join('\n')
}
