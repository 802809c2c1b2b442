import { describe, expect, it } from 'vitest'
import { assertRules } from '@lab4/core'
import { clusterConfigRules } from './rules.ts'
import { labConfig } from '@lab4/core/testing'

describe('clusterConfigRules', () => {
  it('accepts the defaults', () => {
    expect(clusterConfigRules.flatMap((r) => r.check(labConfig()))).toEqual([])
  })

  const findings = (yaml: string) => clusterConfigRules.flatMap((r) => r.check(labConfig(yaml)))

  it.each([
    [
      'three nodes with two zones',
      'cluster: { nodes: 3 }',
      'zones.values',
      '2 zone values for 3 nodes; the n-th node gets the n-th value',
      'write zones.values: [east, west, zone-3], or cluster.nodes: 2',
    ],
    [
      'one replica for two zones (app.one-pod-per-zone would fail for sure)',
      'app: { replicas: 1 }',
      'app.replicas',
      '1 replica for 2 zones; the lab runs exactly one pod per zone',
      'write app.replicas: 2',
    ],
    [
      'a profile named like a node',
      'profile: lab-m02',
      'profile',
      'ends like a minikube node suffix (-m02)',
      'write profile: lab',
    ],
    [
      'a malformed service network',
      'cluster: { serviceCidr: 10.96.0.0/33 }',
      'cluster.serviceCidr',
      expect.stringContaining('the Service network is not an IPv4 CIDR'),
      "write serviceCidr: 10.96.0.0/12 (minikube's default) or the network your driver really uses",
    ],
    [
      'a node network with host bits',
      'cluster: { nodeCidr: 192.168.49.2/24 }',
      'cluster.nodeCidr',
      '192.168.49.2/24 has host bits set',
      'write nodeCidr: 192.168.49.0/24',
    ],
    [
      'node and Service networks that overlap',
      'cluster: { nodeCidr: 10.100.0.0/24 }',
      'cluster.nodeCidr',
      'the node network 10.100.0.0/24 overlaps the Service network 10.96.0.0/12',
      expect.stringContaining('serviceCidr: 10.96.0.0/12 and nodeCidr: 192.168.49.0/24'),
    ],
  ])('rejects %s, saying what to write', (_, yaml, path, message, fix) => {
    expect(findings(yaml)).toEqual([expect.objectContaining({ path, message, fix })])
  })

  it('leaves the zone values themselves to ipam (one mistake, one finding)', () => {
    expect(findings('zones: { values: [east, east] }')).toEqual([])
  })

  it('through core assertRules, a bad config fails before any command with path, value and fix', () => {
    expect(() =>
      assertRules(
        'lab.config.yaml',
        labConfig('zones: { values: [east] }\napp: { replicas: 1 }'),
        clusterConfigRules,
      ),
    ).toThrow(
      /zones\.values: 1 zone value for 2 nodes.*\(value: \["east"\]\)\n {4}fix: write zones\.values: \[east, zone-2\]/,
    )
  })
})
