import { describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { fixtureReader } from '@lab4/core/testing'
import { parsePools } from './pools.ts'
import { parsePoolsTable } from './pools-table.ts'

const fixture = fixtureReader(join(import.meta.dirname, '..', 'fixtures'))

// JSON in the shape calicoctl prints (facts §4.1): MarshalIndent, Go field order, false booleans omitted.
const listJson = (items: string) => `{
  "kind": "IPPoolList",
  "apiVersion": "projectcalico.org/v3",
  "metadata": {
    "resourceVersion": "1234"
  },
  "items": ${items}
}`
const defaultPool = `{
    "kind": "IPPool",
    "apiVersion": "projectcalico.org/v3",
    "metadata": {
      "name": "default-ipv4-ippool",
      "uid": "0b0a2c4e-1f53-4c4b-9a51-3d1d2b9c1a10",
      "resourceVersion": "712",
      "creationTimestamp": "2026-03-01T10:00:00Z"
    },
    "spec": {
      "cidr": "10.244.0.0/16",
      "vxlanMode": "Never",
      "ipipMode": "Always",
      "natOutgoing": true,
      "blockSize": 26,
      "nodeSelector": "all()",
      "allowedUses": [
        "Workload",
        "Tunnel"
      ],
      "assignmentMode": "Automatic"
    }
  }`
const sparsePool = `{ "kind": "IPPool", "apiVersion": "projectcalico.org/v3", "metadata": { "name": "west-ippool" }, "spec": { "cidr": "10.244.2.0/24" } }`

describe('parsePools (-o json / -o yaml)', () => {
  it('reads the IPPoolList wrapper', () => {
    expect(parsePools(listJson(`[${defaultPool}]`))).toEqual([
      {
        name: 'default-ipv4-ippool',
        cidr: '10.244.0.0/16',
        blockSize: 26,
        ipipMode: 'Always',
        vxlanMode: 'Never',
        natOutgoing: true,
        disabled: false,
        disableBGPExport: false,
        nodeSelector: 'all()',
        allowedUses: ['Workload', 'Tunnel'],
        assignmentMode: 'Automatic',
      },
    ])
  })

  it('reads `items: null` and `items: []` as no pools', () => {
    expect(parsePools(listJson('null'))).toEqual([])
    expect(parsePools(listJson('[]'))).toEqual([])
  })

  it('reads a bare IPPool (get ippool <name>) and an array (get ippool a b)', () => {
    expect(parsePools(defaultPool).map((p) => p.name)).toEqual(['default-ipv4-ippool'])
    expect(parsePools(`[${defaultPool}, ${sparsePool}]`).map((p) => p.name)).toEqual([
      'default-ipv4-ippool',
      'west-ippool',
    ])
  })

  it('fills Calico defaults for absent fields (false booleans are omitted)', () => {
    expect(parsePools(sparsePool)[0]).toMatchObject({
      blockSize: 26,
      ipipMode: 'Never',
      vxlanMode: 'Never',
      natOutgoing: false,
      disabled: false,
      nodeSelector: 'all()',
    })
    const disabled = sparsePool.replace(
      '"cidr": "10.244.2.0/24"',
      '"cidr": "10.244.2.0/24", "disabled": true, "nodeSelector": "zone == \\"west\\""',
    )
    expect(parsePools(disabled)[0]).toMatchObject({ disabled: true, nodeSelector: 'zone == "west"' })
  })

  it('reads the -o yaml list from the migrate-pools docs', () => {
    const pools = parsePools(fixture('calicoctl-get-ippool-yaml-migrate.txt'))
    expect(pools.map((p) => [p.name, p.cidr, p.ipipMode, p.natOutgoing])).toEqual([
      ['default-ipv4-ippool', '192.0.0.0/16', 'Always', true],
      ['new-pool', '10.0.0.0/16', 'Always', true],
    ])
  })

  it('refuses a truncated pool without cidr and output that is not a pool list', () => {
    const single = fixture('calicoctl-get-ippool-yaml-single-issue-8435.txt').split('\n').slice(1).join('\n')
    expect(() => parsePools(single)).toThrow('IPPool pool4 has no spec.cidr')
    expect(() => parsePools('')).toThrow('empty output')
    expect(() => parsePools('{"kind":"PodList","apiVersion":"v1"}')).toThrow('expected an IPPoolList')
  })
})

describe('parsePoolsTable (-o wide)', () => {
  it('reads the v3.26–v3.29 column set (with DISABLEBGPEXPORT) from minikube: the default pool', () => {
    const t = parsePoolsTable(fixture('sanchpet__calicoctl-get-ippool-wide-default.txt'))
    expect(t.columns).toEqual([
      'NAME',
      'CIDR',
      'NAT',
      'IPIPMODE',
      'VXLANMODE',
      'DISABLED',
      'DISABLEBGPEXPORT',
      'SELECTOR',
    ])
    expect(t.rows).toHaveLength(1)
    expect(t.rows[0]).toMatchObject({
      name: 'default-ipv4-ippool',
      cidr: '10.244.0.0/16',
      nat: true,
      ipipMode: 'Always',
      vxlanMode: 'Never',
      disabled: false,
      disableBGPExport: false,
      selector: 'all()',
    })
  })

  it('keeps selectors with spaces whole and tolerates trailing spaces and a prompt line', () => {
    const t = parsePoolsTable(fixture('LinaMalinaMeow__calicoctl-get-ippool-wide.txt'))
    expect(t.rows.map((r) => [r.name, r.cidr, r.selector])).toEqual([
      ['zone-east-ippool', '192.168.1.0/24', 'zone == "east"'],
      ['zone-west-ippool', '192.168.0.0/24', 'zone == "west"'],
    ])
    const alex = parsePoolsTable(fixture('alex-grandson__calicoctl-pod-get-ippools-wide-custom.txt'))
    expect(alex.rows.map((r) => r.selector)).toEqual(['rack == "0"', 'rack == "1"'])
  })

  it('reads the older column set without DISABLEBGPEXPORT (the overlapping-CIDR student output)', () => {
    const t = parsePoolsTable(fixture('gitvanya34__calicoctl-pod-get-ippool-wide-overlapping-cidrs.txt'))
    expect(t.columns).toEqual(['NAME', 'CIDR', 'NAT', 'IPIPMODE', 'VXLANMODE', 'DISABLED', 'SELECTOR'])
    expect(t.rows.map((r) => [r.name, r.cidr, r.disableBGPExport, r.selector])).toEqual([
      ['zone-kupchino-ippool', '10.244.102.2/24', undefined, 'zone == "kupchino"'],
      ['zone-parnas-ippool', '10.244.102.1/24', undefined, 'zone == "parnas"'],
    ])
    const e = parsePoolsTable(fixture('eugenebuch__calicoctl-pod-get-ippool-wide-overlapping-cidrs.txt'))
    expect(e.rows.map((r) => r.selector)).toEqual(['zone == "devyatkino"', 'zone == "okhta"'])
  })

  it('reads the v3.30+ column set with ASSIGNMENTMODE', () => {
    const text = [
      'NAME          CIDR            NAT    IPIPMODE   VXLANMODE   DISABLED   DISABLEBGPEXPORT   SELECTOR         ASSIGNMENTMODE   ',
      'east-ippool   10.244.1.0/24   true   Always     Never       false      false              zone == "east"   Automatic        ',
      'west-ippool   10.244.2.0/24   true   Always     Never       true       false              zone == "west"   Manual           ',
      '',
    ].join('\n')
    const t = parsePoolsTable(text)
    expect(t.rows.map((r) => [r.name, r.disabled, r.selector, r.assignmentMode])).toEqual([
      ['east-ippool', false, 'zone == "east"', 'Automatic'],
      ['west-ippool', true, 'zone == "west"', 'Manual'],
    ])
  })

  it.each([
    [
      'calicoctl-get-ippool-wide-issue-7299.txt',
      ['default-ipv4-ippool', 'new-ipv4-ippool'],
      ['all()', 'all()'],
    ],
    ['calicoctl-get-ippool-wide-issue-8435.txt', ['default-ipv4-ippool', 'pool4'], ['all()', 'all()']],
    [
      'calicoctl-get-ippool-wide-topology-after.txt',
      ['rack-0-ippool', 'rack-1-ippool'],
      ['rack == "0"', 'rack == "1"'],
    ],
    ['calicoctl-get-ippool-wide-topology-before.txt', ['default-ipv4-ippool'], ['all()']],
    ['calicoctl-get-ippool-wide-migrate-1.txt', ['default-ipv4-ippool'], [undefined]],
    ['calicoctl-get-ippool-wide-migrate-2.txt', ['default-ipv4-ippool', 'new-pool'], [undefined, undefined]],
    ['kairoslav__ippool-delete-label-create-get-pods.txt', ['default-ipv4-ippool'], ['all()']],
    [
      'sanchpet__calicoctl-apply-and-get-ippool-wide.txt',
      ['rack-c01-pool', 'rack-c02-pool'],
      ['rack == "c01"', 'rack == "c02"'],
    ],
    ['alex-grandson__calicoctl-pod-get-ippools-wide-default.txt', ['default-ipv4-ippool'], ['all()']],
  ])('%s', (file, names, selectors) => {
    const t = parsePoolsTable(fixture(file))
    expect(t.rows.map((r) => r.name)).toEqual(names)
    expect(t.rows.map((r) => r.selector)).toEqual(selectors)
    for (const r of t.rows) expect(r.cidr).toMatch(/^\d+\.\d+\.\d+\.\d+\/\d+$/)
  })

  it('reads the default (-o ps) columns and a header-only table', () => {
    const t = parsePoolsTable(
      'NAME          CIDR            SELECTOR         \neast-ippool   10.244.1.0/24   zone == "east"   \n\n',
    )
    expect(t.rows).toEqual([
      {
        name: 'east-ippool',
        cidr: '10.244.1.0/24',
        selector: 'zone == "east"',
        cells: { NAME: 'east-ippool', CIDR: '10.244.1.0/24', SELECTOR: 'zone == "east"' },
      },
    ])
    expect(parsePoolsTable('NAME   CIDR   SELECTOR   \n\n').rows).toEqual([])
  })

  it('says what it expected when there is no table', () => {
    expect(() => parsePoolsTable("Successfully created 2 'IPPool' resource(s)\n")).toThrow(
      'no `NAME  CIDR …` header line',
    )
  })
})
