import { describe, expect, it } from 'vitest'
import { type Finding, type LabConfig, assertRules, ConfigError, parseConfig } from '@lab4/core'
import { ipamRules } from './index.ts'
import { labelKeyProblem } from './labels.ts'

/** Every finding of every ipam rule, in rule order (what `pnpm lab lint` reports for the pools). */
const lintConfig = (c: LabConfig): Finding[] => ipamRules.flatMap((r) => r.check(c))

const config = (yaml: string): LabConfig => parseConfig(yaml, 'lab.config.yaml').config
const pools = (...lines: string[]) => config(['pools:', ...lines.map((l) => `  - ${l}`)].join('\n'))
const paths = (c: LabConfig) => lintConfig(c).map((f) => f.path)

describe('lintConfig', () => {
  it('accepts the default config (the course lab)', () => {
    expect(lintConfig(config('{}'))).toEqual([])
  })

  it("reports both pools' host bits AND their overlap for the 10.244.102.1/24 + 10.244.102.2/24 student mistake", () => {
    const c = pools('{ zone: east, cidr: 10.244.102.1/24 }', '{ zone: west, cidr: 10.244.102.2/24 }')
    const findings = lintConfig(c)
    expect(findings).toEqual([
      {
        path: 'pools[0].cidr',
        value: '10.244.102.1/24',
        message: '10.244.102.1/24 has host bits set; did you mean 10.244.102.0/24?',
        fix: 'write 10.244.102.0/24 (Calico only accepts strictly masked CIDRs)',
      },
      {
        path: 'pools[1].cidr',
        value: '10.244.102.2/24',
        message: '10.244.102.2/24 has host bits set; did you mean 10.244.102.0/24?',
        fix: 'write 10.244.102.0/24 (Calico only accepts strictly masked CIDRs)',
      },
      expect.objectContaining({
        path: 'pools[1].cidr',
        message: expect.stringMatching(
          /pools\[1\] west-ippool \(10\.244\.102\.2\/24\) overlaps pools\[0\] east-ippool \(10\.244\.102\.1\/24\)/,
        ),
      }),
    ])
  })

  it('assertRules throws one ConfigError listing every finding', () => {
    const c = pools('{ zone: east, cidr: 10.244.102.1/24 }', '{ zone: west, cidr: 10.244.102.2/24 }')
    let err: unknown
    try {
      assertRules('lab.config.yaml', c, ipamRules)
    } catch (e) {
      err = e
    }
    expect(err).toBeInstanceOf(ConfigError)
    expect((err as ConfigError).findings).toHaveLength(3)
    expect((err as ConfigError).message).toContain('3 problems')
  })

  it.each([
    ['the service network', '10.96.5.0/24', 'cluster.serviceCidr 10.96.0.0/12'],
    ['the service network (pool covers it)', '10.64.0.0/10', 'cluster.serviceCidr 10.96.0.0/12'],
    ['the node network', '192.168.49.128/25', 'cluster.nodeCidr 192.168.49.0/24'],
    ['the link-local range', '169.254.1.0/24', 'link-local range 169.254.0.0/16'],
  ])('rejects a pool overlapping %s', (_what, cidr, named) => {
    const c = pools(`{ zone: east, cidr: ${cidr} }`, '{ zone: west, cidr: 10.244.2.0/24 }')
    const f = lintConfig(c).filter((x) => x.message.includes('overlaps'))
    expect(f).toHaveLength(1)
    expect(f[0]?.path).toBe('pools[0].cidr')
    expect(f[0]?.message).toContain(named)
  })

  it('follows a changed service and node network', () => {
    const c = config(
      [
        'cluster: { serviceCidr: 10.200.0.0/16, nodeCidr: 192.168.58.0/24 }',
        'pools:',
        '  - { zone: east, cidr: 10.96.1.0/24 }',
        '  - { zone: west, cidr: 192.168.58.0/26 }',
      ].join('\n'),
    )
    expect(lintConfig(c).map((f) => [f.path, f.message.includes('node network')])).toEqual([
      ['pools[1].cidr', true],
    ])
  })

  it.each([
    ['fd00:10:244:1::/64', 'IPv6 is not supported'],
    ['10.244.1.0', 'missing the prefix length'],
    ['10.244.1.0/40', 'prefix length'],
    ['ten.0.0.0/8', 'is not an IPv4 address'],
  ])('names a malformed cidr %s', (cidr, reason) => {
    const f = lintConfig(pools(`{ zone: east, cidr: "${cidr}" }`, '{ zone: west, cidr: 10.244.2.0/24 }'))
    expect(f).toHaveLength(1)
    expect(f[0]).toMatchObject({ path: 'pools[0].cidr', value: cidr })
    expect(f[0]?.message).toContain(reason)
  })

  it.each([
    ['{ zone: east, cidr: 10.244.1.0/24, blockSize: 19 }', 'pools[0].blockSize', 'outside'],
    ['{ zone: east, cidr: 10.244.1.0/24, blockSize: 33 }', 'pools[0].blockSize', 'outside'],
    [
      '{ zone: east, cidr: 10.244.1.0/28, blockSize: 26 }',
      'pools[0].blockSize',
      'smaller than one /26 block',
    ],
  ])('block size: %s', (pool, path, reason) => {
    const f = lintConfig(pools(pool, '{ zone: west, cidr: 10.244.2.0/24 }'))
    expect(f.map((x) => x.path)).toEqual([path])
    expect(f[0]?.message).toContain(reason)
  })

  it('allows the pool to equal one block (/26, blockSize 26) and a disabled pool smaller than a block', () => {
    expect(
      paths(pools('{ zone: east, cidr: 10.244.1.0/26 }', '{ zone: west, cidr: 10.244.2.0/24 }')),
    ).toEqual([])
    const c = pools(
      '{ zone: east, cidr: 10.244.1.0/24 }',
      '{ zone: west, cidr: 10.244.2.0/24 }',
      '{ zone: west, name: spare, cidr: 10.244.3.0/28, disabled: true }',
    )
    expect(paths(c)).toEqual([])
  })

  it('rejects IPIP and VXLAN on the same pool', () => {
    const f = lintConfig(
      pools('{ zone: east, cidr: 10.244.1.0/24, vxlanMode: Always }', '{ zone: west, cidr: 10.244.2.0/24 }'),
    )
    expect(f.map((x) => x.path)).toEqual(['pools[0].vxlanMode'])
  })
})

describe('zones and pools', () => {
  it.each([
    ['zone', undefined],
    ['rack', undefined],
    ['topology.kubernetes.io/zone', undefined],
    ['example.com/my_zone.v1', undefined],
    ['Zone-1', undefined],
    ['-zone', 'must start and end'],
    ['zone/', 'name part is empty'],
    ['/zone', 'prefix before "/" is empty'],
    ['Example.com/zone', 'not a DNS subdomain'],
    ['a/b/c', 'at most one "/"'],
    ['z'.repeat(64), 'longer than 63'],
  ])('label key %j → %s', (key, problem) => {
    const got = labelKeyProblem(key)
    if (problem === undefined) expect(got).toBeUndefined()
    else expect(got).toContain(problem)
  })

  it('reports a bad key, a bad value and a duplicate value in one pass, each with what to write', () => {
    const c = config(['zones: { labelKey: "-bad", values: [east, "we st", east] }'].join('\n'))
    const f = lintConfig(c).filter((x) => x.path.startsWith('zones'))
    // the count is cluster.zone-per-node's to say
    expect(f.map((x) => x.path)).toEqual(['zones.labelKey', 'zones.values[1]', 'zones.values[2]'])
    expect(f.map((x) => x.fix)).toEqual([
      'write labelKey: zone (or rack, or topology.kubernetes.io/zone)',
      'write a short name such as we-st',
      'write another value for this node, e.g. east-3',
    ])
    // pool "west" and the unserved "we st" are one mistake, said once, at the pool, with both ways out
    expect(lintConfig(c).filter((x) => x.path === 'pools[1].zone')).toEqual([
      expect.objectContaining({ fix: 'write zone: we st here, or west for zones.values[1]' }),
    ])
  })

  it.each([
    ['kubernetes.io/hostname', 'reserved for Kubernetes itself (kubernetes.io)'],
    ['node-role.kubernetes.io/zone', 'reserved for Kubernetes itself (kubernetes.io)'],
    ['k8s.io/zone', 'reserved for Kubernetes itself (k8s.io)'],
  ])('refuses the reserved label key %s', (key, reason) => {
    const f = lintConfig(config(`zones: { labelKey: ${key} }`))
    expect(f).toEqual([
      expect.objectContaining({
        path: 'zones.labelKey',
        value: key,
        message: expect.stringContaining(reason),
      }),
    ])
  })

  it('keeps the well-known zone key topology.kubernetes.io/zone (it exists for zones)', () => {
    expect(lintConfig(config('zones: { labelKey: topology.kubernetes.io/zone }'))).toEqual([])
  })

  it('suggests a free range of the pod network for an overlapping pool', () => {
    const c = pools('{ zone: east, cidr: 10.96.1.0/24 }', '{ zone: west, cidr: 10.244.1.0/24 }')
    expect(lintConfig(c)).toEqual([
      expect.objectContaining({
        path: 'pools[0].cidr',
        fix: "write a range outside 10.96.0.0/12, e.g. cidr: 10.244.2.0/24 (minikube's pod network is 10.244.0.0/16)",
      }),
    ])
  })

  it('needs every pool zone to be a zone value and every zone to have exactly one enabled pool', () => {
    const c = pools(
      '{ zone: east, cidr: 10.244.1.0/24 }',
      '{ zone: east, name: east-2, cidr: 10.244.3.0/24 }',
      '{ zone: north, cidr: 10.244.4.0/24 }',
    )
    const f = lintConfig(c)
    // north is the pool meant for west: one finding for both, not one for the pool and one for the zone
    expect(f.map((x) => x.path)).toEqual(['pools[2].zone', 'zones.values[0]'])
    expect(f[0]).toMatchObject({
      message: 'zone "north" is not one of zones.values (east, west), and zone west has no pool',
      fix: 'write zone: west here, or north for zones.values[1]',
    })
    expect(f[1]?.message).toContain('selected by 2 enabled pools (east-ippool, east-2)')
    const unserved = lintConfig(pools('{ zone: east, cidr: 10.244.1.0/24 }'))
    expect(unserved.map((x) => [x.path, x.message.split(';')[0]])).toEqual([
      ['zones.values[1]', 'no enabled pool selects zone=west'],
    ])
  })

  it('does not count a disabled pool as serving its zone', () => {
    const c = pools(
      '{ zone: east, cidr: 10.244.1.0/24 }',
      '{ zone: west, cidr: 10.244.2.0/24, disabled: true }',
    )
    expect(paths(c)).toEqual(['zones.values[1]'])
  })

  it('rejects two pools with the same name', () => {
    const c = pools(
      '{ zone: east, cidr: 10.244.1.0/24, name: p }',
      '{ zone: west, cidr: 10.244.2.0/24, name: p }',
    )
    expect(paths(c)).toEqual(['pools[1].name'])
  })

  it('rejects a pool too small for its zone share of replicas plus the tunnel address', () => {
    const tiny = pools(
      '{ zone: east, cidr: 10.244.1.7/32, blockSize: 32 }',
      '{ zone: west, cidr: 10.244.2.0/31, blockSize: 31 }',
    )
    const f = lintConfig(tiny)
    expect(f.map((x) => x.path)).toEqual(['pools[0].cidr'])
    expect(f[0]?.message).toBe(
      "the pool holds 1 address but zone east needs 2 (1 app pod + the node's tunnel address)",
    )
    const crowded = config(
      [
        'app: { replicas: 8 }',
        'pools:',
        '  - { zone: east, cidr: 10.244.1.0/30, blockSize: 30 }',
        '  - { zone: west, cidr: 10.244.2.0/29, blockSize: 29 }',
      ].join('\n'),
    )
    expect(lintConfig(crowded).map((x) => x.message)).toEqual([
      "the pool holds 4 addresses but zone east needs 5 (4 app pods + the node's tunnel address)",
    ])
  })
})
