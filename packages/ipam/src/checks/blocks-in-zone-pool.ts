// Blocks affine to a node lie in that node's zone pool (from the blockaffinities CRD, else from `calicoctl ipam check`).
import {
  type Check,
  type CommandEntry,
  type V1Node,
  defineCheck,
  fail,
  notGradable,
  nodeSummary,
  parseItems,
  pass,
  withEvidence,
} from '@lab4/core'
import { tryParseCidr, within } from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import { parseAffinities } from '../parse/affinities.ts'
import { parseIpamCheck } from '../parse/ipam-check.ts'
import { parsePools } from '../parse/pools.ts'
import { zonePoolsOf } from '../placement.ts'
import { type IPPool, canonicalCidr } from '../pool.ts'

type Block = { node: string; cidr: string }

const blocksFrom = (entry: CommandEntry): Block[] =>
  entry.key === KEY.affinitiesJson
    ? parseAffinities(entry.stdout)
        .filter((a) => !a.deleted && a.state !== 'pendingDeletion')
        .map((a) => ({ node: a.node, cidr: a.cidr }))
    : parseIpamCheck(entry.stdout).blocks.flatMap((b) => (b.node ? [{ node: b.node, cidr: b.cidr }] : []))

const inside = (block: string, pool: IPPool): boolean => {
  const [b, p] = [tryParseCidr(block), tryParseCidr(pool.cidr)]
  return b !== undefined && p !== undefined && within(b, p)
}

export const blocksInZonePoolCheck: Check = defineCheck({
  id: 'ipam.blocks-in-zone-pool',
  step: STEP.pools,
  title: "Each node's IPAM blocks lie in its zone's pool",
  evaluate: (ev) => {
    const expected = "every block affine to a node lies inside that node's zone pool"
    const aff = ev.command(KEY.affinitiesJson)
    // Fall back to the affinity lines of `ipam check` when the CRD list is missing or failed.
    const source =
      aff && aff.exitCode === 0
        ? KEY.affinitiesJson
        : ev.command(KEY.check)?.exitCode === 0
          ? KEY.check
          : KEY.affinitiesJson
    return withEvidence(
      ev,
      [source, KEY.poolsAfterJson, KEY.nodesJson],
      expected,
      (blocksEntry, poolsEntry, nodesEntry) => {
        const pools = parsePools(poolsEntry.stdout)
        const all = parseItems<V1Node>(nodesEntry.stdout).map(nodeSummary)
        const nodes = new Map(all.map((n) => [n.name, n]))
        const blocks = blocksFrom(blocksEntry)
        const evidence = [blocksEntry, poolsEntry, nodesEntry]
        if (blocks.length === 0) {
          return notGradable('missing-evidence', {
            expected,
            actual: 'no block is affine to any node yet',
            hint: 'Blocks appear when the first pod or tunnel address is allocated on a node; re-run after the pods start.',
            evidence,
          })
        }
        const bad = blocks.flatMap((b) => {
          const node = nodes.get(b.node)
          const want = node ? zonePoolsOf(pools, node, all) : []
          if (want.some((p) => inside(b.cidr, p))) return []
          const actual = pools.find((p) => inside(b.cidr, p))
          const wantText = want.length
            ? want.map((p) => `${p.name} ${canonicalCidr(p.cidr)}`).join(' or ')
            : 'a pool selecting this node (none does)'
          return [
            `block ${b.cidr} of ${b.node}: expected ${wantText}, actual ${actual ? actual.name : 'no pool'}`,
          ]
        })
        const actual = blocks.map((b) => `${b.node} ${b.cidr}`).join('; ')
        if (bad.length === 0) return pass({ expected, actual, evidence })
        return fail({
          expected,
          actual: bad.join('; '),
          hint: 'Blocks of a deleted pool keep their affinity only while pods still use them (or if the pool was deleted with kubectl): restart those pods; delete pools only through calicoctl.',
          evidence,
        })
      },
    )
  },
})
