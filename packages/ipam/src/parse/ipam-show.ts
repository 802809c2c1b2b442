// `calicoctl ipam show [--show-blocks]`: a tablewriter ASCII table of pools and their blocks, usage cells as `n (p%)`.
import { parseCidr, within } from '@lab4/core'

export type Usage = {
  readonly total: number
  readonly inUse: number
  readonly inUsePct: number
  readonly free: number
  readonly freePct: number
}
export type ShowBlock = Usage & { readonly cidr: string }
export type ShowPool = Usage & { readonly cidr: string; readonly blocks: readonly ShowBlock[] }
/** `orphanBlocks`: blocks listed after the pools that lie in none of them (their pool was deleted). */
export type IpamShow = { readonly pools: readonly ShowPool[]; readonly orphanBlocks: readonly ShowBlock[] }

const BORDER = /^\+[-+]+\+$/

/** Parse the first table in `text`; anything before the table (a prompt, a comment prefix) is ignored. */
export function parseIpamShow(text: string): IpamShow {
  const pools: Array<ShowPool & { blocks: ShowBlock[] }> = []
  const orphanBlocks: ShowBlock[] = []
  let borders = 0
  for (const raw of text.split('\n')) {
    const start = raw.search(/[+|]/)
    if (start < 0) continue
    const line = raw.slice(start).trimEnd()
    if (BORDER.test(line)) {
      borders += 1
      if (borders === 3) break
      continue
    }
    if (borders !== 2 || !line.startsWith('|')) continue
    const [grouping = '', cidr = '', total = '', inUse = '', free = ''] = line
      .slice(1, -1)
      .split('|')
      .map((c) => c.trim())
    const usage = { total: num(total), ...pair('inUse', inUse), ...pair('free', free) }
    if (grouping === 'IP Pool') pools.push({ cidr, ...usage, blocks: [] })
    else if (grouping === 'Block') {
      const owner = pools.at(-1)
      const block = { cidr, ...usage }
      if (owner && contains(owner.cidr, cidr)) owner.blocks.push(block)
      else orphanBlocks.push(block)
    }
  }
  if (borders < 2) throw new Error('no `| GROUPING | CIDR | …` table (expected calicoctl ipam show output)')
  return { pools, orphanBlocks }
}

function num(cell: string): number {
  const n = Number(cell)
  if (cell === '' || Number.isNaN(n)) throw new Error(`not a number: ${JSON.stringify(cell)}`)
  return n
}

function pair<K extends 'inUse' | 'free'>(
  key: K,
  cell: string,
): Record<K, number> & Record<`${K}Pct`, number> {
  const m = /^(\S+)\s*\((\d+)%\)$/.exec(cell)
  if (!m) throw new Error(`expected "n (p%)", got ${JSON.stringify(cell)}`)
  return { [key]: num(m[1] ?? ''), [`${key}Pct`]: Number(m[2]) } as Record<K, number> &
    Record<`${K}Pct`, number>
}

// IPv6 rows cannot be judged with IPv4 math; a v6 block is taken to belong to the v6 pool above it.
function contains(pool: string, block: string): boolean {
  if (pool.includes(':') || block.includes(':')) return pool.includes(':') && block.includes(':')
  try {
    return within(parseCidr(block), parseCidr(pool))
  } catch {
    return false
  }
}
