import { beforeAll, describe, expect, it } from 'vitest'
import { labConfig } from '@lab4/core/testing'
import { labSteps } from '@lab4/lab'
import { engineDriver } from './driver.ts'
import { runSelfTest } from './orchestrate.ts'
import { printSelfTest } from './print.ts'
import { denyPolicyYaml, policyLeftInPlace, policySelectsNothing } from './policy-mutations.ts'
import { driverOptions, tempDir } from '../testing/record.ts'
import { labStep, runLab, simulator, writes, type SimLab } from '../testing/sim.ts'

// The NetworkPolicy controls through the self-test driver, on a simulated lab that ran every step but the browser
// (app.network and app.policy need only the pods). The whole catalogue is `pnpm verify --self-test`.
let lab: SimLab
beforeAll(async () => {
  lab = await simulator()
  await runLab(
    lab,
    labSteps()
      .map((s) => s.id)
      .filter((id) => id !== 'app.browser'),
  )
}, 600_000)

describe('the NetworkPolicy negative controls', () => {
  it('turn the policy checks and app.neighbour-ping red, able to FAIL, and the lab step puts the world back', async () => {
    const steps = [labStep('app.network'), labStep('app.policy')]
    const driver = engineDriver(driverOptions(steps, lab.runner, { baseDir: tempDir(), env: lab.env }))
    const before = lab.runner.calls.length
    const r = await runSelfTest({ driver, steps, mutations: [policyLeftInPlace, policySelectsNothing] })
    expect(r.stopped).toBeUndefined()
    expect(r.mutations.map((m) => [m.id, m.ok, m.missed, m.stillRed, m.applyError, m.restoreError])).toEqual([
      ['policy-left-in-place', true, [], [], undefined, undefined],
      ['policy-selects-nothing', true, [], [], undefined, undefined],
    ])
    const red = (id: string) => r.mutations.find((m) => m.id === id)?.red.map((x) => `${x.check} ${x.status}`)
    expect(red('policy-left-in-place')).toEqual(
      expect.arrayContaining(['app.neighbour-ping FAIL', 'app.policy-cleaned FAIL']),
    )
    expect(red('policy-selects-nothing')).toEqual(['app.policy-denies FAIL', 'app.policy-allows-port FAIL'])
    const coverage = Object.fromEntries(r.coverage.map((c) => [c.check, c.failedBy]))
    expect(coverage['app.policy-denies']).toEqual(['policy-selects-nothing'])
    expect(coverage['app.policy-allows-port']).toEqual(['policy-selects-nothing'])
    expect(coverage['app.policy-cleaned']).toEqual(['policy-left-in-place'])
    // These two mutations do not reach the other network checks; the rest of the catalogue does.
    expect(r.defects).toEqual(['app.dns-resolves', 'app.clusterip-no-ping'])
    const printed = printSelfTest(r)
    expect(printed).toMatch(/app\.policy-denies +✔ yes: policy-selects-nothing/)
    expect(printed).toMatch(/app\.policy-cleaned +✔ yes: policy-left-in-place/)

    const changed = writes(lab.runner.calls.slice(before))
    expect(changed.filter((c) => c.includes('networkpolicy'))).toEqual([
      // policy-left-in-place: restore (app.policy deletes the leftover, repeats nothing)
      'kubectl --context lab4 -n default delete networkpolicy frontend-deny-ingress',
      // policy-selects-nothing: the experiment with the typo, then again as the lab runs it
      'kubectl --context lab4 -n default delete networkpolicy frontend-deny-ingress frontend-allow-http',
      'kubectl --context lab4 -n default delete networkpolicy frontend-deny-ingress frontend-allow-http',
    ])
    expect(lab.cluster().generics.filter((g) => g.kind === 'NetworkPolicy')).toEqual([])
  }, 600_000)

  it('applies the same deny policy app.policy applies (name, namespace, selector, no rule)', () => {
    expect(denyPolicyYaml(labConfig('app: { name: web, namespace: lab4 }'))).toBe(
      'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-deny-ingress\n  namespace: lab4\nspec:\n  podSelector:\n    matchLabels:\n      app: web\n  policyTypes:\n    - Ingress\n',
    )
  })
})
