// Config rules the cluster steps rely on, checked before any command runs (core's ConfigRule).
import { labelValuePattern } from '@lab4/core'
import type { ConfigRule, Finding } from '@lab4/core'

export const clusterConfigRules: ConfigRule[] = [
  {
    id: 'cluster.zone-per-node',
    check: (c): Finding[] =>
      c.zones.values.length === c.cluster.nodes
        ? []
        : [
            {
              path: 'zones.values',
              value: c.zones.values,
              message: `has ${c.zones.values.length} value(s) for ${c.cluster.nodes} node(s)`,
              fix: 'give exactly one zone value per node, in node order',
            },
          ],
  },
  {
    id: 'cluster.zone-values',
    check: (c): Finding[] =>
      c.zones.values.flatMap((v, i): Finding[] => [
        ...(labelValuePattern.test(v) && v.length <= 63
          ? []
          : [
              {
                path: `zones.values[${i}]`,
                value: v,
                message: 'is not a valid label value',
                fix: 'use letters, digits, "-", "_" or "." (at most 63), starting and ending alphanumeric',
              },
            ]),
        ...(c.zones.values.indexOf(v) !== i
          ? [
              {
                path: `zones.values[${i}]`,
                value: v,
                message: 'repeats an earlier zone',
                fix: 'each node needs its own zone value',
              },
            ]
          : []),
      ]),
  },
  {
    // minikube reads a trailing -m<digits> as a node index (driver.IndexFromMachineName).
    id: 'cluster.profile-name',
    check: (c): Finding[] =>
      /-m\d+$/.test(c.profile)
        ? [
            {
              path: 'profile',
              value: c.profile,
              message: 'ends like a minikube node suffix (-m02)',
              fix: 'pick a profile name that does not end in -m<digits>',
            },
          ]
        : [],
  },
]
