import { readFileSync, writeFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { parseAllDocuments } from 'yaml'
import { parseConfig } from '@lab4/core'
import { renderPoolDocs, renderPoolsYaml } from './pools.ts'
import { SPEC_HASH_ANNOTATION, calicoctlSpecHash, renderCalicoctlYaml } from './calicoctl.ts'
import { desiredPools } from '../pool.ts'
import { selects } from '../selector/index.ts'

const golden = (name: string, actual: string) => {
  const file = new URL(`../__golden__/${name}`, import.meta.url)
  // UPDATE_GOLDEN=1 rewrites the file; review the diff before committing it.
  if (process.env.UPDATE_GOLDEN) writeFileSync(file, actual)
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

const defaults = parseConfig('{}', 'test').config
const racks = parseConfig(
  [
    'cluster: { nodes: 3 }',
    'zones: { labelKey: topology.kubernetes.io/zone, values: [rack-a, rack-b, rack-c] }',
    'pools:',
    '  - { zone: rack-a, cidr: 10.244.16.0/20, blockSize: 24 }',
    '  - { zone: rack-b, name: b-pool, cidr: 10.244.32.0/20, ipipMode: CrossSubnet, natOutgoing: false }',
    '  - { zone: rack-c, cidr: 10.244.48.0/20, ipipMode: Never, vxlanMode: Always, disabled: true }',
  ].join('\n'),
  'racks',
).config

const docs = (yaml: string) => parseAllDocuments(yaml).map((d) => d.toJS() as { kind: string; metadata: { name: string }; spec: Record<string, unknown> })

describe('renderPoolsYaml', () => {
  it('matches the golden file for the default config', () => golden('ippools.yaml', renderPoolsYaml(defaults)))
  it('matches the golden file for a three-rack config', () => golden('ippools-racks.yaml', renderPoolsYaml(racks)))

  it('renders one v3 IPPool per zone whose selector picks exactly that zone', () => {
    const pools = docs(renderPoolsYaml(defaults))
    expect(pools.map((p) => [p.kind, p.metadata.name, p.spec.cidr])).toEqual([
      ['IPPool', 'east-ippool', '10.244.1.0/24'],
      ['IPPool', 'west-ippool', '10.244.2.0/24'],
    ])
    const sel = pools.map((p) => String(p.spec.nodeSelector))
    expect(sel.map((s) => selects(s, { zone: 'east' }))).toEqual([true, false])
    expect(sel.map((s) => selects(s, { zone: 'west' }))).toEqual([false, true])
  })

  it('writes disabled only when true and keeps natOutgoing false explicit', () => {
    const [a, b, c] = docs(renderPoolsYaml(racks))
    expect(a?.spec).not.toHaveProperty('disabled')
    expect(b?.spec.natOutgoing).toBe(false)
    expect(b?.metadata.name).toBe('b-pool')
    expect(c?.spec.disabled).toBe(true)
    expect(c?.spec.nodeSelector).toBe('topology.kubernetes.io/zone == "rack-c"')
  })

  it('is deterministic, and the create stdin holds exactly the pools asked for', () => {
    expect(renderPoolsYaml(defaults)).toBe(renderPoolsYaml(parseConfig('{}', 'again').config))
    const west = desiredPools(defaults).slice(1)
    expect(docs(renderPoolDocs(west)).map((d) => d.metadata.name)).toEqual(['west-ippool'])
  })
})

describe('renderCalicoctlYaml', () => {
  it('matches the golden file', () => golden('calicoctl.yaml', renderCalicoctlYaml('v3.31.3')))

  it('has the RBAC calicoctl needs, services included, and a pod that runs `calicoctl version --poll=1m`', () => {
    const objs: unknown[] = docs(renderCalicoctlYaml('v3.28.1'))
    expect(objs.map((o) => (o as { kind: string }).kind)).toEqual(['ServiceAccount', 'ClusterRole', 'ClusterRoleBinding', 'Pod'])
    const role = objs[1] as { rules: Array<{ apiGroups: string[]; resources: string[]; verbs: string[] }> }
    const grants = (group: string, resource: string) =>
      role.rules.filter((r) => r.apiGroups.includes(group) && r.resources.includes(resource)).flatMap((r) => r.verbs)
    expect(grants('', 'services')).toEqual(['get', 'list'])
    expect(grants('crd.projectcalico.org', 'ippools')).toEqual(expect.arrayContaining(['create', 'delete', 'list']))
    expect(grants('crd.projectcalico.org', 'blockaffinities')).toContain('list')
    type Container = { image: string; command: string[]; args: string[]; env: unknown[] }
    type PodDoc = { metadata: { namespace: string; annotations: Record<string, string> }; spec: { hostNetwork: boolean; nodeSelector: unknown; containers: Container[] } }
    const pod = objs[3] as PodDoc
    expect(pod.metadata.namespace).toBe('kube-system')
    expect(pod.spec.hostNetwork).toBe(true)
    expect(pod.spec.nodeSelector).toEqual({ 'kubernetes.io/os': 'linux' })
    const c = pod.spec.containers[0]
    expect([c?.image, c?.command, c?.args, c?.env]).toEqual([
      'quay.io/calico/ctl:v3.28.1',
      ['calicoctl'],
      ['version', '--poll=1m'],
      [{ name: 'DATASTORE_TYPE', value: 'kubernetes' }],
    ])
    expect(pod.metadata.annotations[SPEC_HASH_ANNOTATION]).toBe(calicoctlSpecHash('v3.28.1'))
  })

  it('changes the spec hash with the version and only then', () => {
    expect(calicoctlSpecHash('v3.31.3')).toBe(calicoctlSpecHash('v3.31.3'))
    expect(calicoctlSpecHash('v3.31.3')).not.toBe(calicoctlSpecHash('v3.30.3'))
    expect(calicoctlSpecHash('v3.31.3')).toMatch(/^[0-9a-f]{16}$/)
  })
})
