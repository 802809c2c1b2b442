// The pools after the step: exactly the configured zone pools, and the default pool gone.
import { type Check, type LabConfig, defineCheck, fail, pass, verdict, withEvidence } from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import { parsePools } from '../parse/pools.ts'
import { DEFAULT_POOL_NAME, type IPPool, canonicalCidr, desiredPools, poolDifferences } from '../pool.ts'

const describePool = (p: IPPool) =>
  `${p.name} ${canonicalCidr(p.cidr)} ${p.nodeSelector}${p.disabled ? ' (disabled)' : ''}`
const wantedText = (config: LabConfig) => desiredPools(config).map(describePool).join('; ')

export const poolsExactCheck: Check = defineCheck({
  id: 'ipam.pools-exact',
  step: STEP.pools,
  title: 'Exactly the configured zone pools exist (CIDR, selector, enabled)',
  evaluate: (ev, config) => {
    const expected = wantedText(config)
    return withEvidence(ev, [KEY.poolsAfterJson], expected, (after) => {
      const observed = parsePools(after.stdout)
      const desired = desiredPools(config)
      const names = new Set(desired.map((p) => p.name))
      const problems: string[] = []
      for (const w of desired) {
        const o = observed.find((p) => p.name === w.name)
        if (!o) problems.push(`${w.name} is missing`)
        else problems.push(...poolDifferences(o, w).map((d) => `${w.name}: ${d}`))
      }
      // The default pool has its own check; any other unexpected pool is reported here.
      const extra = observed.filter((o) => o.name !== DEFAULT_POOL_NAME && !names.has(o.name))
      problems.push(...extra.map((o) => `unexpected pool ${describePool(o)}`))
      const actual = observed.length ? observed.map(describePool).join('; ') : 'no pools'
      if (problems.length === 0) return pass({ expected, actual, evidence: [after] })
      return fail({
        expected,
        actual: `${actual} — ${problems.join('; ')}`,
        hint: `Re-run \`pnpm lab --from ${STEP.pools}\`: it deletes wrong or extra pools and creates the missing ones through calicoctl.`,
        evidence: [after],
      })
    })
  },
})

export const defaultPoolGoneCheck: Check = defineCheck({
  id: 'ipam.default-pool-gone',
  step: STEP.pools,
  title: 'The default pool default-ipv4-ippool is deleted',
  evaluate: (ev) => {
    const expected = `no ${DEFAULT_POOL_NAME}`
    return withEvidence(ev, [KEY.poolsAfterJson], expected, (after) => {
      const dflt = parsePools(after.stdout).find((p) => p.name === DEFAULT_POOL_NAME)
      return verdict(!dflt, {
        expected,
        actual: dflt
          ? `${DEFAULT_POOL_NAME} ${canonicalCidr(dflt.cidr)} ${dflt.nodeSelector} still exists${dflt.disabled ? ' (disabled)' : ''}`
          : `${DEFAULT_POOL_NAME} is absent`,
        hint: 'It selects every node (all()), so pods may still get IPs from it: `calicoctl delete ippool default-ipv4-ippool`, then restart the pods.',
        evidence: [after],
      })
    })
  },
})
