// Config rules the cluster steps rely on, checked before any command runs (core's ConfigRule).
// The zone values themselves (label syntax, duplicates, pools per zone) are judged once, by ipam's zone rules.
import { CidrError, networkCidr, overlaps, parseCidr, type Cidr } from '@lab4/core'
import type { ConfigRule, Finding, LabConfig } from '@lab4/core'

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`

/** `zones.values: [east, west, zone-3]`: the values there are, padded or cut to `n`. */
const valuesFor = (values: readonly string[], n: number): string =>
  `[${Array.from({ length: n }, (_, i) => values[i] ?? `zone-${i + 1}`).join(', ')}]`

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
              message: `${plural(c.zones.values.length, 'zone value')} for ${plural(c.cluster.nodes, 'node')}; the n-th node gets the n-th value`,
              fix: `write zones.values: ${valuesFor(c.zones.values, c.cluster.nodes)}, or cluster.nodes: ${c.zones.values.length}`,
            },
          ],
  },
  {
    // app.one-pod-per-zone wants exactly one pod in each zone: any other count fails it for sure.
    id: 'cluster.replicas-per-zone',
    check: (c): Finding[] =>
      c.app.replicas === c.zones.values.length
        ? []
        : [
            {
              path: 'app.replicas',
              value: c.app.replicas,
              message: `${plural(c.app.replicas, 'replica')} for ${plural(c.zones.values.length, 'zone')}; the lab runs exactly one pod per zone`,
              fix: `write app.replicas: ${c.zones.values.length}`,
            },
          ],
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
              fix: `write profile: ${c.profile.replace(/-m\d+$/, '') || 'lab4'}`,
            },
          ]
        : [],
  },
  { id: 'cluster.networks', check: networks },
]

const NETWORKS = [
  { key: 'serviceCidr', what: 'the Service network', default: '10.96.0.0/12' },
  { key: 'nodeCidr', what: 'the node network', default: '192.168.49.0/24' },
] as const

/** Both networks parse as masked IPv4 CIDRs and stay apart; the pools' overlap with them is ipam's rule. */
function networks(c: LabConfig): Finding[] {
  const parsed: Array<{ key: string; cidr: Cidr }> = []
  const findings = NETWORKS.flatMap(({ key, what, default: def }): Finding[] => {
    const path = `cluster.${key}`
    const value = c.cluster[key]
    let cidr: Cidr
    try {
      cidr = parseCidr(value)
    } catch (err) {
      const reason = err instanceof CidrError ? err.reason : String(err)
      return [
        {
          path,
          value,
          message: `${what} is not an IPv4 CIDR: ${reason}; the pools cannot be checked against it`,
          fix: `write ${key}: ${def} (minikube's default) or the network your driver really uses`,
        },
      ]
    }
    parsed.push({ key, cidr })
    if (!cidr.hasHostBits) return []
    return [
      {
        path,
        value,
        message: `${cidr.text} has host bits set`,
        fix: `write ${key}: ${networkCidr(cidr)}`,
      },
    ]
  })
  const [svc, node] = parsed
  if (svc && node && overlaps(svc.cidr, node.cidr))
    findings.push({
      path: 'cluster.nodeCidr',
      value: c.cluster.nodeCidr,
      message: `the node network ${networkCidr(node.cidr)} overlaps the Service network ${networkCidr(svc.cidr)}`,
      fix: "write the networks minikube uses: serviceCidr: 10.96.0.0/12 and nodeCidr: 192.168.49.0/24 (the docker driver's)",
    })
  return findings
}
