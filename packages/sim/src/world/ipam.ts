// Calico IPAM as the lab sees it: pools select nodes, nodes claim affine blocks, pods take addresses from them.
import { cidrString, contains, intToIp, ipToInt, parseCidr } from './cidr.ts'
import { rand } from './rand.ts'
import { matchesSelector } from './selector.ts'
import type { Block, Cluster, IPPool, Node } from './types.ts'

export const poolCidr = (p: IPPool) => parseCidr(p.cidr) ?? { base: 0, prefix: 32, size: 1 }
const blockCidr = (b: Block) => parseCidr(b.cidr) ?? { base: 0, prefix: 32, size: 1 }

export function selectingPools(c: Cluster, node: Node): IPPool[] {
  return c.pools.filter((p) => !p.disabled && safeMatch(p.nodeSelector, node.meta.labels))
}

const safeMatch = (sel: string, labels: Record<string, string>) => {
  try {
    return matchesSelector(sel, labels)
  } catch {
    return false
  }
}

export const blockOf = (c: Cluster, ip: string): Block | undefined =>
  c.blocks.find((b) => contains(blockCidr(b), ip))

export type Allocation = { ip: string } | { error: string }

/** Take one address for `handle` on `nodeName`, claiming a new /blockSize block when the node has none left. */
export function allocate(c: Cluster, seed: number, nodeName: string, handle: string): Allocation {
  const node = c.nodes.find((n) => n.name === nodeName)
  if (!node) return { error: `node ${nodeName} not found` }
  const pools = selectingPools(c, node)
  if (pools.length === 0) return { error: `no configured Calico pools for node ${nodeName}` }
  const inPools = (b: Block) => pools.some((p) => contains(poolCidr(p), intToIp(blockCidr(b).base)))
  // Empty blocks whose pool no longer selects this host lose their affinity ("Released affine block…").
  c.blocks = c.blocks.filter(
    (b) => !(b.affinity === nodeName && !inPools(b) && Object.keys(b.allocations).length === 0),
  )
  for (const b of c.blocks) {
    if (b.affinity === nodeName && inPools(b) && b.free.length > 0) return { ip: take(b, handle) }
  }
  for (const pool of pools) {
    const block = claimBlock(c, seed, pool, nodeName)
    if (block) return { ip: take(block, handle) }
  }
  return { error: `no more free affine blocks for node ${nodeName}` }
}

function take(b: Block, handle: string): string {
  const ordinal = b.free.shift() ?? 0
  const ip = intToIp(blockCidr(b).base + ordinal)
  b.allocations[ip] = handle
  return ip
}

function claimBlock(c: Cluster, seed: number, pool: IPPool, nodeName: string): Block | undefined {
  const p = poolCidr(pool)
  const size = 2 ** (32 - pool.blockSize)
  const count = Math.max(1, Math.floor(p.size / size))
  const used = new Set(c.blocks.map((b) => blockCidr(b).base))
  // Calico starts at a host-dependent block and walks forward; the seed stands in for the host hash.
  const start = Math.floor(rand(seed, 'block', nodeName, pool.name) * count)
  for (let i = 0; i < count; i++) {
    const base = p.base + ((start + i) % count) * size
    if (used.has(base)) continue
    const block: Block = {
      cidr: cidrString({ base, prefix: pool.blockSize, size }),
      affinity: nodeName,
      allocations: {},
      free: Array.from({ length: size }, (_, k) => k),
    }
    c.blocks.push(block)
    c.blocks.sort((a, b) => blockCidr(a).base - blockCidr(b).base)
    return block
  }
  return undefined
}

export function release(c: Cluster, ip: string): void {
  const b = blockOf(c, ip)
  if (!b || !(ip in b.allocations)) return
  delete b.allocations[ip]
  b.free.push(ipToInt(ip) - blockCidr(b).base)
  // Non-affine blocks (their pool was deleted) go away once empty.
  if (b.affinity === null && Object.keys(b.allocations).length === 0)
    c.blocks = c.blocks.filter((x) => x !== b)
}

/** calicoctl delete ippool: drop the pool and release the affinities of its blocks (empty ones vanish). */
export function deletePool(c: Cluster, name: string): void {
  const pool = c.pools.find((p) => p.name === name)
  if (!pool) return
  c.pools = c.pools.filter((p) => p !== pool)
  const pc = poolCidr(pool)
  c.blocks = c.blocks.flatMap((b) => {
    if (!contains(pc, intToIp(blockCidr(b).base))) return [b]
    if (Object.keys(b.allocations).length === 0) return []
    return [{ ...b, affinity: null }]
  })
}

/** calico-node's allocateip loop: a node's tunnel address moves into a pool that selects it. */
export function reconcileTunnel(c: Cluster, seed: number, node: Node): void {
  const valid = (ip: string) =>
    selectingPools(c, node).some((p) => p.ipipMode !== 'Never' && contains(poolCidr(p), ip))
  if (node.tunnelIP && valid(node.tunnelIP)) return
  if (!selectingPools(c, node).some((p) => p.ipipMode !== 'Never')) return
  const got = allocate(c, seed, node.name, `ipip-tunnel-addr-${node.name}`)
  if (!('ip' in got)) return
  if (node.tunnelIP) release(c, node.tunnelIP)
  node.tunnelIP = got.ip
}
