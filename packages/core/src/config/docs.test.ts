import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { parseConfig } from './load.ts'

// Keeps docs/config.md true: every config key must be documented there.
function leafPaths(v: unknown, prefix = ''): string[] {
  if (Array.isArray(v))
    return v.length && typeof v[0] === 'object' ? leafPaths(v[0], `${prefix}[]`) : [prefix]
  if (v && typeof v === 'object')
    return Object.entries(v).flatMap(([k, x]) => leafPaths(x, prefix ? `${prefix}.${k}` : k))
  return [prefix]
}

describe('docs/config.md', () => {
  it('documents every config key', () => {
    const doc = readFileSync(new URL('../../../../docs/config.md', import.meta.url), 'utf8')
    const { config } = parseConfig(
      'cluster:\n  kubernetesVersion: v1.31.0\n  cpus: 2\n  memory: 3072\npools:\n  - zone: east\n    name: x\n    cidr: 10.244.1.0/24\nstudent:\n  dateCreated: 01.01.2026\n',
      'x',
    )
    const missing = leafPaths(config).filter((p) => !doc.includes(`\`${p}\``))
    expect(missing).toEqual([])
  })
})
