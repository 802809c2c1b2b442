import { describe, expect, it } from 'vitest'
import {
  type CommandSpec,
  DEFAULT_POOL,
  LAB_ZONES,
  blockAffinity,
  evidenceWith,
  ipPoolList,
  labConfig,
  labNodes,
  list,
  node,
  pod,
} from '@lab4/core/testing'
import { STEP } from '../contract.ts'
import { type IPPool, desiredPools } from '../pool.ts'
import {
  blocksInZonePoolCheck,
  defaultPoolGoneCheck,
  ipamPodsInZonePoolCheck,
  podsInZonePoolCheck,
  poolsExactCheck,
} from './index.ts'

const config = labConfig()
/** Evidence of these commands, recorded under ipam.pools. */
const evidenceOf = (...commands: CommandSpec[]) => evidenceWith({ step: STEP.pools }, ...commands)
const [east, west] = desiredPools(config) as [IPPool, IPPool]
const nodes: CommandSpec = { key: 'ipam.nodes.json', stdout: list(labNodes(LAB_ZONES)) }
const zonePools: CommandSpec = { key: 'ipam.pools.after.json', stdout: ipPoolList([east, west]) }

const frontendEast = {
  name: 'frontend-5c96f4b7b6-jw97h',
  node: 'lab4',
  ip: '10.244.1.1',
  replicaSet: 'frontend-5c96f4b7b6',
  labels: { app: 'frontend' },
}
const frontendWest = {
  name: 'frontend-5c96f4b7b6-t9brh',
  node: 'lab4-m02',
  ip: '10.244.2.65',
  replicaSet: 'frontend-5c96f4b7b6',
  labels: { app: 'frontend' },
}
const coredns = {
  name: 'coredns-7c65d6cfc9-x2x9k',
  namespace: 'kube-system',
  node: 'lab4-m02',
  ip: '10.244.2.66',
  replicaSet: 'coredns-7c65d6cfc9',
  labels: { 'k8s-app': 'kube-dns' },
}
const calicoNode = {
  name: 'calico-node-4xk2p',
  namespace: 'kube-system',
  node: 'lab4',
  ip: '192.168.49.2',
  daemonSet: 'calico-node',
  hostNetwork: true,
}
const otherNs = {
  name: 'metrics-server-5d8c-abcde',
  namespace: 'kube-system',
  node: 'lab4',
  ip: '10.244.120.65',
  replicaSet: 'metrics-server-5d8c',
}

describe('ipam.pods-in-zone-pool', () => {
  it('passes when every app pod and CoreDNS sits in its zone pool (hostNetwork and other namespaces ignored)', () => {
    const ev = evidenceOf(
      {
        key: 'ipam.pods.json',
        stdout: list([frontendEast, frontendWest, coredns, calicoNode, otherNs].map(pod)),
      },
      zonePools,
      nodes,
    )
    const v = ipamPodsInZonePoolCheck.evaluate(ev, config)
    expect(v.status).toBe('PASS')
    expect(v.actual).toBe(
      'frontend-5c96f4b7b6-jw97h 10.244.1.1 on lab4 in east-ippool; frontend-5c96f4b7b6-t9brh 10.244.2.65 on lab4-m02 in west-ippool; coredns-7c65d6cfc9-x2x9k 10.244.2.66 on lab4-m02 in west-ippool',
    )
    // The verdict cites the pods, pools and nodes entries, in that order.
    expect(v.evidence).toEqual(
      ['ipam.pods.json', 'ipam.pools.after.json', 'ipam.nodes.json'].map((key) => ev.command(key)?.id),
    )
  })

  it('fails for a pod still on the default pool, naming pod, IP, node, expected and actual pool', () => {
    const stale = { ...frontendEast, ip: '10.244.120.66' }
    const ev = evidenceOf(
      { key: 'ipam.pods.json', stdout: list([stale, frontendWest].map(pod)) },
      { key: 'ipam.pools.after.json', stdout: ipPoolList([DEFAULT_POOL, east, west]) },
      nodes,
    )
    const v = ipamPodsInZonePoolCheck.evaluate(ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toBe(
      'frontend-5c96f4b7b6-jw97h (10.244.120.66) on lab4 (zone=east): expected east-ippool 10.244.1.0/24, actual default-ipv4-ippool 10.244.0.0/16',
    )
    expect(v.hint).toContain('kubectl -n default rollout restart deployment/frontend')
  })

  it('says "no pool" when the pool was deleted, and names the wrong zone pool when labels are swapped', () => {
    const gone = { ...frontendEast, ip: '10.244.120.66' }
    const swapped = { ...frontendWest, ip: '10.244.1.7' }
    const v = ipamPodsInZonePoolCheck.evaluate(
      evidenceOf({ key: 'ipam.pods.json', stdout: list([gone, swapped].map(pod)) }, zonePools, nodes),
      config,
    )
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain(
      'frontend-5c96f4b7b6-jw97h (10.244.120.66) on lab4 (zone=east): expected east-ippool 10.244.1.0/24, actual no pool',
    )
    expect(v.actual).toContain(
      'frontend-5c96f4b7b6-t9brh (10.244.1.7) on lab4-m02 (zone=west): expected west-ippool 10.244.2.0/24, actual east-ippool 10.244.1.0/24',
    )
  })

  it('fails when a node is unlabelled: no pool selects it', () => {
    const bare = {
      key: 'ipam.nodes.json',
      stdout: list(
        [
          { name: 'lab4', ip: '192.168.49.2' },
          { name: 'lab4-m02', ip: '192.168.49.3', labels: { zone: 'west' } },
        ].map(node),
      ),
    }
    const v = ipamPodsInZonePoolCheck.evaluate(
      evidenceOf({ key: 'ipam.pods.json', stdout: list([frontendEast].map(pod)) }, zonePools, bare),
      config,
    )
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain(
      'on lab4 (zone=(unset)): expected a pool selecting this node (none does), actual east-ippool',
    )
  })

  it('ignores terminating pods and pods without an IP', () => {
    const old = { ...frontendEast, name: 'frontend-old-1', ip: '10.244.120.66', deleting: true }
    const pending = {
      name: 'frontend-5c96f4b7b6-new',
      node: 'lab4',
      replicaSet: 'frontend-5c96f4b7b6',
      phase: 'Pending',
    }
    const v = ipamPodsInZonePoolCheck.evaluate(
      evidenceOf(
        { key: 'ipam.pods.json', stdout: list([old, pending, frontendWest].map(pod)) },
        zonePools,
        nodes,
      ),
      config,
    )
    expect(v.status).toBe('PASS')
    expect(v.actual).not.toContain('frontend-old-1')
  })

  it('is NOT-GRADABLE without evidence, or with nothing to judge — never PASS', () => {
    const missing = ipamPodsInZonePoolCheck.evaluate(evidenceOf(zonePools, nodes), config)
    expect(missing).toMatchObject({ status: 'NOT-GRADABLE', cause: 'missing-evidence' })
    expect(missing.actual).toContain('ipam.pods.json')
    const failed = ipamPodsInZonePoolCheck.evaluate(
      evidenceOf(
        {
          key: 'ipam.pods.json',
          exitCode: 1,
          stderr: 'error: the server could not find the requested resource',
        },
        zonePools,
        nodes,
      ),
      config,
    )
    expect(failed.status).toBe('NOT-GRADABLE')
    const empty = ipamPodsInZonePoolCheck.evaluate(
      evidenceOf({ key: 'ipam.pods.json', stdout: list([calicoNode].map(pod)) }, zonePools, nodes),
      config,
    )
    expect(empty.status).toBe('NOT-GRADABLE')
  })

  it('is reusable by the app step with its own keys', () => {
    const appCheck = podsInZonePoolCheck({
      id: 'app.pods-in-zone-pool',
      step: 'app.deploy',
      podsKey: 'app.pods.json',
      poolsKey: 'app.pools.json',
      nodesKey: 'app.nodes.json',
    })
    const ev = evidenceOf(
      {
        key: 'app.pods.json',
        stdout: list([frontendEast, { ...frontendWest, ip: '10.244.120.70' }].map(pod)),
      },
      { key: 'app.pools.json', stdout: ipPoolList([east, west]) },
      { key: 'app.nodes.json', stdout: list(labNodes(LAB_ZONES)) },
    )
    const v = appCheck.evaluate(ev, config)
    expect([appCheck.id, appCheck.step, v.status]).toEqual(['app.pods-in-zone-pool', 'app.deploy', 'FAIL'])
    expect(v.actual).toContain('frontend-5c96f4b7b6-t9brh (10.244.120.70)')
  })
})

describe('ipam.pools-exact and ipam.default-pool-gone', () => {
  it('pass on exactly the configured pools', () => {
    const ev = evidenceOf(zonePools)
    expect(poolsExactCheck.evaluate(ev, config)).toMatchObject({
      status: 'PASS',
      actual: 'east-ippool 10.244.1.0/24 zone == "east"; west-ippool 10.244.2.0/24 zone == "west"',
    })
    expect(defaultPoolGoneCheck.evaluate(ev, config)).toMatchObject({
      status: 'PASS',
      actual: 'default-ipv4-ippool is absent',
    })
  })

  it('fail on a fresh cluster with only the default pool', () => {
    const ev = evidenceOf({ key: 'ipam.pools.after.json', stdout: ipPoolList([DEFAULT_POOL]) })
    const exact = poolsExactCheck.evaluate(ev, config)
    expect(exact.status).toBe('FAIL')
    expect(exact.actual).toContain('east-ippool is missing; west-ippool is missing')
    const gone = defaultPoolGoneCheck.evaluate(ev, config)
    expect(gone).toMatchObject({
      status: 'FAIL',
      actual: 'default-ipv4-ippool 10.244.0.0/16 all() still exists',
    })
  })

  it('fail on a wrong CIDR, a disabled zone pool and an extra pool', () => {
    const ev = evidenceOf({
      key: 'ipam.pools.after.json',
      stdout: ipPoolList([
        { ...east, cidr: '10.244.102.0/24' },
        { ...west, disabled: true },
        { ...DEFAULT_POOL, name: 'rack-0-ippool', cidr: '10.244.9.0/24', nodeSelector: 'rack == "0"' },
      ]),
    })
    const v = poolsExactCheck.evaluate(ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('east-ippool: cidr "10.244.102.0/24" ≠ "10.244.1.0/24"')
    expect(v.actual).toContain('west-ippool: disabled true ≠ false')
    expect(v.actual).toContain('unexpected pool rack-0-ippool 10.244.9.0/24 rack == "0"')
  })

  it('read `items: null` as no pools, and are NOT-GRADABLE when calicoctl failed', () => {
    expect(
      poolsExactCheck.evaluate(evidenceOf({ key: 'ipam.pools.after.json', stdout: ipPoolList([]) }), config)
        .actual,
    ).toMatch(/^no pools — /)
    const broken = evidenceOf({
      key: 'ipam.pools.after.json',
      exitCode: 1,
      stderr: 'failed to get resources: version mismatch.',
    })
    expect(poolsExactCheck.evaluate(broken, config).status).toBe('NOT-GRADABLE')
    expect(defaultPoolGoneCheck.evaluate(evidenceOf(), config).status).toBe('NOT-GRADABLE')
  })
})

describe('ipam.blocks-in-zone-pool', () => {
  it('passes when each node’s blocks lie in its zone pool', () => {
    const ev = evidenceOf(
      {
        key: 'ipam.affinities.json',
        stdout: list(
          [
            { node: 'lab4', cidr: '10.244.1.0/26' },
            { node: 'lab4-m02', cidr: '10.244.2.64/26' },
          ].map(blockAffinity),
        ),
      },
      zonePools,
      nodes,
    )
    expect(blocksInZonePoolCheck.evaluate(ev, config)).toMatchObject({
      status: 'PASS',
      actual: 'lab4 10.244.1.0/26; lab4-m02 10.244.2.64/26',
    })
  })

  it('fails on a block left from the default pool and ignores blocks pending deletion', () => {
    const ev = evidenceOf(
      {
        key: 'ipam.affinities.json',
        stdout: list(
          [
            { node: 'lab4', cidr: '10.244.120.64/26' },
            { node: 'lab4-m02', cidr: '10.244.2.0/26' },
            { node: 'lab4-m02', cidr: '10.244.77.0/26', state: 'pendingDeletion' as const },
          ].map(blockAffinity),
        ),
      },
      zonePools,
      nodes,
    )
    const v = blocksInZonePoolCheck.evaluate(ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toBe(
      'block 10.244.120.64/26 of lab4: expected east-ippool 10.244.1.0/24, actual no pool',
    )
  })

  it('falls back to the affinity lines of `calicoctl ipam check` when the CRD list failed', () => {
    const check = [
      'Checking IPAM for inconsistencies...',
      '',
      'Loading all IPAM blocks...',
      'Found 2 IPAM blocks.',
      ' IPAM block 10.244.1.0/26 affinity=host:lab4:',
      ' IPAM block 10.244.1.64/26 affinity=host:lab4-m02:',
      'IPAM blocks record 3 allocations.',
      '',
    ].join('\n')
    const ev = evidenceOf(
      { key: 'ipam.affinities.json', exitCode: 1, stderr: 'Error from server (Forbidden)' },
      { key: 'ipam.check', stdout: check },
      zonePools,
      nodes,
    )
    const v = blocksInZonePoolCheck.evaluate(ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toBe(
      'block 10.244.1.64/26 of lab4-m02: expected west-ippool 10.244.2.0/24, actual east-ippool',
    )
    // It cites the check output it fell back to, not the failed CRD list.
    expect(v.evidence).toEqual(
      ['ipam.check', 'ipam.pools.after.json', 'ipam.nodes.json'].map((key) => ev.command(key)?.id),
    )
  })

  it('is NOT-GRADABLE with no blocks or no evidence', () => {
    expect(
      blocksInZonePoolCheck.evaluate(
        evidenceOf({ key: 'ipam.affinities.json', stdout: list([]) }, zonePools, nodes),
        config,
      ).status,
    ).toBe('NOT-GRADABLE')
    expect(blocksInZonePoolCheck.evaluate(evidenceOf(zonePools, nodes), config).status).toBe('NOT-GRADABLE')
  })
})
