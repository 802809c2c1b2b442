import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { fixtureReader } from '@lab4/core/testing'
import { parseIpamCheck } from './ipam-check.ts'
import { parseAffinities } from './affinities.ts'
import { isVersionMismatch, parseCalicoctlVersion, sameRelease } from './version.ts'

const fixture = fixtureReader(join(import.meta.dirname, '..', 'fixtures'))

describe('parseIpamCheck', () => {
  it('reads block affinities and counters from a real (truncated) check', () => {
    const c = parseIpamCheck(fixture('calicoctl-ipam-check-issue-8446.txt'))
    expect(c.blocks).toHaveLength(10)
    expect(c.blocks[0]).toEqual({ cidr: '10.233.104.0/21', node: 's15' })
    expect(c.blocks[6]).toEqual({ cidr: '10.233.80.0/21', node: 'dgx08' })
    expect(c.allocations).toBe(1887)
    expect(c.problems).toBeUndefined()
  })

  it('reads the pools section and the RBAC failure that cut the check short', () => {
    const c = parseIpamCheck(fixture('calicoctl-ipam-check-rbac-fail-kubespray-11683.txt'))
    expect(c.blocks.map((b) => b.node)).toEqual([
      'k8s-worker-1',
      'k8s-control-1',
      'k8s-worker-4',
      'k8s-control-2',
      'k8s-control-3',
    ])
    expect(c.activePools).toEqual(['10.233.64.0/18'])
    expect(c.error).toMatch(/^failed to list nodes: connection is unauthorized/)
    expect(c.problems).toBeUndefined()
  })

  it('collects --show-problem-ips lines', () => {
    const c = parseIpamCheck(
      [
        'Checking IPAM for inconsistencies...',
        '',
        fixture('calicoctl-ipam-check-problem-ips-issue-7192.txt'),
      ].join('\n'),
    )
    expect(c.problemLines).toEqual([
      '10.67.24.70 in use by Node(10.0.158.1) and in active IPAM pool but has no IPAM allocation.',
      '10.66.195.67 in use by Node(10.0.20.1) and in active IPAM pool but has no IPAM allocation.',
    ])
  })

  it('reads a complete check in the v3.31 format, including an unaffine block', () => {
    const text = [
      'Checking IPAM for inconsistencies...',
      '',
      'Loading all IPAM blocks...',
      'Found 3 IPAM blocks.',
      ' IPAM block 10.244.1.0/26 affinity=host:lab4:',
      ' IPAM block 10.244.2.0/26 affinity=host:lab4-m02:',
      ' IPAM block 10.244.120.64/26 affinity=<none>:',
      'IPAM blocks record 5 allocations.',
      '',
      'Loading all IPAM pools...',
      '  10.244.1.0/24',
      '  10.244.2.0/24',
      'Found 2 active IP pools.',
      '',
      'Loading all workload endpoints.',
      'Found 3 workload IPs.',
      'Workloads and nodes are using 5 IPs.',
      'Check complete; found 0 problems.',
      '',
    ].join('\n')
    const c = parseIpamCheck(text)
    expect(c.blocks).toEqual([
      { cidr: '10.244.1.0/26', node: 'lab4' },
      { cidr: '10.244.2.0/26', node: 'lab4-m02' },
      { cidr: '10.244.120.64/26', node: undefined },
    ])
    expect([c.activePools, c.allocations, c.workloadIPs, c.problems, c.error]).toEqual([
      ['10.244.1.0/24', '10.244.2.0/24'],
      5,
      3,
      0,
      undefined,
    ])
  })

  it('refuses output that is not an IPAM check', () => {
    expect(() =>
      parseIpamCheck('error: unable to upgrade connection: container not found ("calicoctl")'),
    ).toThrow('no IPAM check output')
  })
})

describe('parseAffinities', () => {
  it('reads node, cidr and state from the blockaffinities CRD list', () => {
    const json = JSON.stringify({
      apiVersion: 'v1',
      kind: 'List',
      items: [
        {
          apiVersion: 'crd.projectcalico.org/v1',
          kind: 'BlockAffinity',
          metadata: { name: 'lab4-10-244-1-0-26' },
          spec: { cidr: '10.244.1.0/26', deleted: 'false', node: 'lab4', state: 'confirmed' },
        },
        {
          apiVersion: 'crd.projectcalico.org/v1',
          kind: 'BlockAffinity',
          metadata: { name: 'lab4-m02-10-244-2-0-26' },
          spec: { cidr: '10.244.2.0/26', deleted: 'true', node: 'lab4-m02', state: 'pendingDeletion' },
        },
      ],
      metadata: { resourceVersion: '' },
    })
    expect(parseAffinities(json)).toEqual([
      { name: 'lab4-10-244-1-0-26', node: 'lab4', cidr: '10.244.1.0/26', state: 'confirmed', deleted: false },
      {
        name: 'lab4-m02-10-244-2-0-26',
        node: 'lab4-m02',
        cidr: '10.244.2.0/26',
        state: 'pendingDeletion',
        deleted: true,
      },
    ])
    expect(
      parseAffinities('{"apiVersion":"v1","items":[],"kind":"List","metadata":{"resourceVersion":""}}'),
    ).toEqual([])
  })
})

describe('calicoctl version', () => {
  it('reads client and cluster versions from the pod alias output', () => {
    const v = parseCalicoctlVersion(fixture('calicoctl-version-pod.txt'))
    expect(v).toEqual({ client: 'v3.13.3', cluster: 'v3.13.3', clusterType: 'kops,bgp,kdd,k8s' })
  })

  it('has no cluster version when no datastore answers', () => {
    expect(
      parseCalicoctlVersion(
        'Client Version:    v3.31.3\nGit commit:        abc\nUnable to detect installed Calico version\n',
      ),
    ).toEqual({ client: 'v3.31.3' })
  })

  it('compares x.y.z the way calicoctl does and recognises the refusal in both casings', () => {
    expect(sameRelease('v3.31.3', '3.31.3-0.dev')).toBe(true)
    expect(sameRelease('v3.31.3', 'v3.32.1')).toBe(false)
    expect(isVersionMismatch(fixture('calicoctl-version-mismatch.txt'))).toBe(true)
    expect(isVersionMismatch('failed to get resources: version mismatch.\nClient Version:   v3.31.3')).toBe(
      true,
    )
    expect(isVersionMismatch('resource does not exist')).toBe(false)
  })
})
