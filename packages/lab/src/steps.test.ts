import { describe, expect, it } from 'vitest'
import { LabConfigSchema } from '@lab4/core'
import { labSteps } from './steps.ts'
import { labRules } from './rules.ts'

describe('the composition root', () => {
  it('orders the steps cluster → ipam → app, each id unique and prefixed by its package', () => {
    const steps = labSteps()
    const pkgs = steps.map((s) => s.pkg)
    expect(pkgs).toEqual([...pkgs].sort((a, b) => order(a) - order(b)))
    expect(new Set(steps.map((s) => s.id)).size).toBe(steps.length)
    for (const s of steps) expect(s.id.startsWith(`${s.pkg}.`)).toBe(true)
  })
  it('gives every check a unique id', () => {
    const ids = labSteps().flatMap((s) => s.checks.map((c) => c.id))
    expect(ids.length).toBeGreaterThan(0)
    expect(new Set(ids).size).toBe(ids.length)
  })
  it('plans at least one command or manifest for every step of the default config', () => {
    const config = LabConfigSchema.parse({})
    for (const step of labSteps()) {
      const items = step.plan(config)
      expect(
        items.filter((i) => i.kind === 'command' || i.kind === 'manifest').length,
        step.id,
      ).toBeGreaterThan(0)
    }
  })
  it('collects the rules of cluster and ipam', () => {
    expect(labRules().length).toBeGreaterThan(0)
  })
})

const order = (pkg: string): number => ['cluster', 'ipam', 'app'].indexOf(pkg)
