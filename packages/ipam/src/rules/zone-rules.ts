// Rules tying pools to zones and nodes: valid labels, one value per node, each zone served by exactly one enabled pool.
import type { ConfigRule, Finding } from '@lab4/core'
import { poolName } from '@lab4/core'
import { cidrSize, tryParseCidr } from '@lab4/core'
import { zoneSelector } from '../pool.ts'
import { type Selector, SelectorError, evaluate, parsePoolSelector } from '../selector/index.ts'
import { labelKeyProblem, labelValueProblem } from './labels.ts'

export const zoneLabels: ConfigRule = {
  id: 'ipam.zone-labels',
  check: (config) => {
    const { labelKey, values } = config.zones
    const findings: Finding[] = []
    const keyProblem = labelKeyProblem(labelKey)
    if (keyProblem)
      findings.push({
        path: 'zones.labelKey',
        value: labelKey,
        message: keyProblem,
        fix: 'use a label key such as zone, rack or topology.kubernetes.io/zone',
      })
    values.forEach((v, i) => {
      const problem = labelValueProblem(v)
      if (problem)
        findings.push({
          path: `zones.values[${i}]`,
          value: v,
          message: problem,
          fix: 'use a short name such as east or rack-1',
        })
      const first = values.indexOf(v)
      if (first < i)
        findings.push({
          path: `zones.values[${i}]`,
          value: v,
          message: `zone "${v}" is listed twice (also zones.values[${first}])`,
          fix: 'give every node its own zone value',
        })
    })
    if (values.length !== config.cluster.nodes) {
      findings.push({
        path: 'zones.values',
        value: values,
        message: `${values.length} zone value${values.length === 1 ? '' : 's'} for ${config.cluster.nodes} node${config.cluster.nodes === 1 ? '' : 's'}; the n-th node gets the n-th value`,
        fix: `list exactly ${config.cluster.nodes} values, one per node (or change cluster.nodes)`,
      })
    }
    return findings
  },
}

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
              fix: 'give each pool its own name (or leave name out: it defaults to <zone>-ippool)',
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
    config.pools.forEach((p, i) => {
      if (!values.includes(p.zone)) {
        findings.push({
          path: `pools[${i}].zone`,
          value: p.zone,
          message: `zone "${p.zone}" is not one of zones.values (${values.join(', ')})`,
          fix: `use one of: ${values.join(', ')}`,
        })
      }
    })
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
          fix: 'use plain label keys and values (letters, digits, "-", "_", ".")',
        })
      }
    }
    values.forEach((v, i) => {
      const serving = selectors
        .filter((s) => s.enabled && evaluate(s.sel, { [labelKey]: v }))
        .map((s) => s.name)
      if (serving.length === 0) {
        findings.push({
          path: `zones.values[${i}]`,
          value: v,
          message: `no enabled pool selects ${labelKey}=${v}; pods on that node would fail with "no configured Calico pools for node"`,
          fix: `add an enabled pool with zone: ${v}`,
        })
      } else if (serving.length > 1) {
        findings.push({
          path: `zones.values[${i}]`,
          value: v,
          message: `${labelKey}=${v} is selected by ${serving.length} enabled pools (${serving.join(', ')}); Calico may allocate from any of them`,
          fix: 'keep one enabled pool per zone',
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
          fix: 'use a larger range, e.g. a /24',
        },
      ]
    })
  },
}
