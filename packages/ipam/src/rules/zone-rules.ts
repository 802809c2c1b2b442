// Rules tying pools to zones and nodes: valid labels, one value per node, each zone served by exactly one enabled pool.
import type { ConfigRule, Finding } from '@lab4/core'
import { poolName } from '@lab4/core'
import { cidrSize, networkCidr, parseCidr, tryParseCidr } from '@lab4/core'
import { freeRange } from './cidr-rules.ts'
import { zoneSelector } from '../pool.ts'
import { type Selector, SelectorError, evaluate, parsePoolSelector } from '../selector/index.ts'
import { labelKeyProblem, labelValueProblem, reservedKeyProblem } from './labels.ts'

export const zoneLabels: ConfigRule = {
  id: 'ipam.zone-labels',
  check: (config) => {
    const { labelKey, values } = config.zones
    const findings: Finding[] = []
    const keyProblem = labelKeyProblem(labelKey) ?? reservedKeyProblem(labelKey)
    if (keyProblem)
      findings.push({
        path: 'zones.labelKey',
        value: labelKey,
        message: keyProblem,
        fix: 'write labelKey: zone (or rack, or topology.kubernetes.io/zone)',
      })
    values.forEach((v, i) => {
      const problem = labelValueProblem(v)
      if (problem)
        findings.push({
          path: `zones.values[${i}]`,
          value: v,
          message: problem,
          fix: `write a short name such as ${suggestValue(v, i)}`,
        })
      const first = values.indexOf(v)
      if (first < i)
        findings.push({
          path: `zones.values[${i}]`,
          value: v,
          message: `zone "${v}" is listed twice (also zones.values[${first}])`,
          fix: `write another value for this node, e.g. ${v}-${i + 1}`,
        })
    })
    // The count against cluster.nodes is the cluster package's rule (cluster.zone-per-node).
    return findings
  },
}

/** `we st` → `we-st`; a value with nothing usable → zone-<n>. */
const suggestValue = (v: string, i: number): string =>
  v
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+|[^A-Za-z0-9]+$/g, '')
    .slice(0, 63) || `zone-${i + 1}`

export const poolNamesUnique: ConfigRule = {
  id: 'ipam.pool-names',
  check: (config) => {
    const names = config.pools.map(poolName)
    return names.flatMap((n, i): Finding[] => {
      const first = names.indexOf(n)
      return first < i
        ? [
            {
              path: `pools[${i}].name`,
              value: n,
              message: `pool name ${n} is also used by pools[${first}]`,
              fix: `write name: ${n}-${i + 1}, or delete the name line (it defaults to <zone>-ippool)`,
            },
          ]
        : []
    })
  },
}

export const zonesCovered: ConfigRule = {
  id: 'ipam.zone-coverage',
  check: (config) => {
    const { labelKey, values } = config.zones
    const findings: Finding[] = []
    // Judge with the selectors we will actually create, evaluated as Calico would against each node's label.
    const selectors: Array<{ name: string; enabled: boolean; sel: Selector }> = []
    for (const [i, p] of config.pools.entries()) {
      try {
        selectors.push({
          name: poolName(p),
          enabled: !p.disabled,
          sel: parsePoolSelector(zoneSelector(labelKey, p.zone)),
        })
      } catch (err) {
        const why = err instanceof SelectorError ? err.message : String(err)
        findings.push({
          path: `pools[${i}].zone`,
          value: p.zone,
          message: `the pool's nodeSelector does not parse: ${why}`,
          fix: 'write the zone with letters, digits, "-", "_" or "." only, e.g. zone: east',
        })
      }
    }
    const servingOf = (v: string) =>
      selectors.filter((s) => s.enabled && evaluate(s.sel, { [labelKey]: v })).map((s) => s.name)
    const unserved = values.filter((v) => servingOf(v).length === 0)
    // A pool whose zone is no zone value is most likely meant for a zone left without a pool: one mistake, one
    // finding, and its fix names that zone.
    const meant = new Map<number, string>()
    config.pools.forEach((p, i) => {
      if (values.includes(p.zone)) return
      const zone = unserved.find((v) => ![...meant.values()].includes(v))
      if (zone !== undefined) meant.set(i, zone)
      findings.push({
        path: `pools[${i}].zone`,
        value: p.zone,
        message: `zone "${p.zone}" is not one of zones.values (${values.join(', ')})${zone !== undefined ? `, and zone ${zone} has no pool` : ''}`,
        fix:
          zone !== undefined
            ? `write zone: ${zone} here, or ${p.zone} for zones.values[${values.indexOf(zone)}]`
            : `write zone: ${values[0] ?? 'east'} (one of ${values.join(', ')})`,
      })
    })
    values.forEach((v, i) => {
      const serving = servingOf(v)
      if (serving.length === 0 && ![...meant.values()].includes(v)) {
        findings.push({
          path: `zones.values[${i}]`,
          value: v,
          message: `no enabled pool selects ${labelKey}=${v}; pods on that node would fail with "no configured Calico pools for node"`,
          fix: `add a pool: - { zone: ${v}, cidr: ${freeRange(config)} } (or write disabled: false on its pool)`,
        })
      } else if (serving.length > 1) {
        findings.push({
          path: `zones.values[${i}]`,
          value: v,
          message: `${labelKey}=${v} is selected by ${serving.length} enabled pools (${serving.join(', ')}); Calico may allocate from any of them`,
          fix: `keep one of ${serving.join(', ')} and write disabled: true on the others`,
        })
      }
    })
    return findings
  },
}

export const poolsHoldReplicas: ConfigRule = {
  id: 'ipam.pool-capacity',
  check: (config) => {
    const zones = Math.max(1, config.zones.values.length)
    // The app's replicas spread one zone each; every node also takes one address for its IPIP tunnel.
    const needed = Math.ceil(config.app.replicas / zones) + 1
    return config.pools.flatMap((p, i): Finding[] => {
      const c = tryParseCidr(p.cidr)
      if (!c || p.disabled || cidrSize(c) >= needed) return []
      return [
        {
          path: `pools[${i}].cidr`,
          value: p.cidr,
          message: `the pool holds ${cidrSize(c)} address${cidrSize(c) === 1 ? '' : 'es'} but zone ${p.zone} needs ${needed} (${needed - 1} app pod${needed === 2 ? '' : 's'} + the node's tunnel address)`,
          fix: `write a larger range, e.g. cidr: ${networkCidr(parseCidr(`${c.text.split('/')[0]}/24`))} if it stays clear of the other pools`,
        },
      ]
    })
  },
}
