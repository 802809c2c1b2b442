import { describe, expect, it } from 'vitest'
import { parseConfig, ConfigError, assertRules, hashConfig } from './load.ts'
import { DEFAULT_IMAGE } from './schema.ts'

const errorOf = (yaml: string): ConfigError => {
  try {
    parseConfig(yaml, 'lab.config.yaml')
  } catch (e) {
    if (e instanceof ConfigError) return e
    throw e
  }
  throw new Error('expected a ConfigError')
}

describe('parseConfig', () => {
  it('defaults reproduce the course lab', () => {
    const { config } = parseConfig('', 'lab.config.yaml')
    expect(config.cluster.nodes).toBe(2)
    expect(config.zones).toEqual({ labelKey: 'zone', values: ['east', 'west'] })
    expect(config.pools.map((p) => [p.zone, p.cidr])).toEqual([
      ['east', '10.244.1.0/24'],
      ['west', '10.244.2.0/24'],
    ])
    expect(config.app).toMatchObject({
      image: DEFAULT_IMAGE,
      replicas: 2,
      localPort: 3000,
      service: { type: 'ClusterIP', port: 3000 },
    })
    expect(config.report.lang).toBe('ru')
    expect(config.student.lab).toBe('Lab4')
  })

  it('names the YAML path, the value and a fix for replicas: 0', () => {
    const e = errorOf('app:\n  replicas: 0\n')
    expect(e.exitCode).toBe(2)
    expect(e.findings[0]).toMatchObject({ path: 'app.replicas', value: 0 })
    expect(e.message).toMatch(/app\.replicas: .*value: 0/)
    expect(e.message).toMatch(/fix: /)
  })

  it('rejects unknown keys, naming them', () => {
    const e = errorOf('app:\n  replica: 2\n')
    expect(e.findings[0]).toMatchObject({ path: 'app.replica', message: 'unknown key replica' })
  })

  it('reports every problem at once, with array indexes in the path', () => {
    const e = errorOf(
      'pools:\n  - zone: east\n    cidr: 10.244.1.0/24\n    ipipMode: always\ncluster:\n  driver: dockr\n',
    )
    expect(e.findings.map((f) => f.path).sort()).toEqual(['cluster.driver', 'pools[0].ipipMode'])
  })

  it('rejects a header that is not Lab4 (a common copy-paste leftover)', () => {
    expect(errorOf('student:\n  lab: Lab2\n').findings[0]).toMatchObject({
      path: 'student.lab',
      value: 'Lab2',
    })
  })

  it('runs package rules and lists all findings in one error', () => {
    const { config } = parseConfig('', 'f.yaml')
    const rule = {
      id: 'r',
      check: () => [
        { path: 'pools[0].cidr', value: 'x', message: 'bad', fix: 'fix it' },
        { path: 'pools[1].cidr', value: 'y', message: 'bad', fix: 'fix it' },
      ],
    }
    expect(() => assertRules('f.yaml', config, [rule])).toThrow(/2 problems/)
  })

  it('hashes equal configs equally, regardless of key order', () => {
    const a = parseConfig('profile: xy\napp:\n  replicas: 2\n  name: web\n', 'a').config
    const b = parseConfig('app:\n  name: web\n  replicas: 2\nprofile: xy\n', 'b').config
    expect(hashConfig(a)).toBe(hashConfig(b))
    expect(hashConfig(a)).not.toBe(hashConfig(parseConfig('profile: yz', 'c').config))
  })
})
