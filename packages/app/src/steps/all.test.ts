import { describe, expect, it } from 'vitest'
import { appSteps } from './all.ts'
import { labConfig } from '@lab4/core/testing'
import { frontendManifest } from '../manifests/frontend.ts'

describe('appSteps', () => {
  it('runs deploy, browser, network, policy in order, covering lab items 6–10, each check on its own step', () => {
    expect(appSteps.map((s) => [s.id, s.labItems])).toEqual([
      ['app.deploy', [6, 7]],
      ['app.browser', [8, 9]],
      ['app.network', [10]],
      ['app.policy', []],
    ])
    expect(appSteps.flatMap((s) => s.checks.map((c) => c.id))).toEqual([
      'app.deployment-ready',
      'app.one-pod-per-zone',
      'app.service-endpoints',
      'app.pods-in-zone-pool',
      'app.page-values',
      'app.question9',
      'app.neighbour-ping',
      'app.dns-resolves',
      'app.clusterip-no-ping',
      'app.policy-denies',
      'app.policy-allows-port',
      'app.policy-cleaned',
    ])
    for (const s of appSteps) for (const c of s.checks) expect(c.step).toBe(s.id)
  })
})

describe('the plan of the app steps', () => {
  it('lists the manifest and every command with the lab context, without a cluster', () => {
    const config = labConfig('profile: demo')
    const plan = appSteps.flatMap((s) => s.plan(config))
    expect(plan[0]).toMatchObject({
      kind: 'manifest',
      path: 'manifests/frontend.yaml',
      yaml: frontendManifest(config).yaml,
    })
    const commands = plan.flatMap((p) => (p.kind === 'command' ? [p.argv] : []))
    expect(commands.every((a) => a.slice(0, 3).join(' ') === 'kubectl --context demo')).toBe(true)
    const text = commands.map((a) => a.join(' '))
    expect(text).toContain('kubectl --context demo apply -f -')
    expect(text).toContain(
      'kubectl --context demo -n default rollout status deployment/frontend --timeout=600s',
    )
    expect(text).toContain('kubectl --context demo -n default port-forward service/frontend 3000:3000')
    expect(text).toContain('kubectl --context demo -n default port-forward pod/<the other pod> 3000:3000')
    expect(text.filter((t) => t.includes(' -- ping -c 3 '))).toHaveLength(6 + 8)
  })
})
