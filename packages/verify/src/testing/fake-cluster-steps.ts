// Test support: fake cluster steps (readiness with the real checks, zone labels, and a check no mutation can reach).
import { defineCheck, defineStep, kubectlArgv, verdict, withEvidence } from '@lab4/core'
import { labSteps } from '@lab4/lab'
import { nodesOf } from './fake-evidence.ts'

export const labelsStep = defineStep({
  id: 'cluster.labels',
  pkg: 'cluster',
  title: 'Zone labels on nodes',
  labItems: [4],
  plan: (config) =>
    config.zones.values.map((v) => ({
      kind: 'command',
      argv: kubectlArgv(config.profile, 'label', 'node', '<node>', `zone=${v}`, '--overwrite'),
      why: 'zone label',
    })),
  run: async (ctx) => {
    const nodes = nodesOf(
      (await ctx.must({ argv: ctx.kubectl('get', 'nodes', '-o', 'json'), key: 'cluster.nodes.json' })).stdout,
    )
    let changed = false
    for (const [i, n] of nodes.entries()) {
      const want = ctx.config.zones.values[i]
      if (want && n.zone !== want) {
        await ctx.must({
          argv: ctx.kubectl('label', 'node', n.name, `zone=${want}`, '--overwrite'),
          key: 'cluster.label',
        })
        changed = true
      }
    }
    return changed ? 'changed' : 'unchanged'
  },
  collect: async (ctx) =>
    void (await ctx.run({ argv: ctx.kubectl('get', 'nodes', '-o', 'json'), key: 'cluster.nodes.json' })),
  checks: [
    defineCheck({
      id: 'cluster.zone-labels',
      step: 'cluster.labels',
      title: 'Each node carries its zone label',
      evaluate: (ev, config) =>
        withEvidence(ev, ['cluster.nodes.json'], `zones ${config.zones.values.join(', ')}`, (c) => {
          const zones = nodesOf(c.stdout).map((n) => n.zone)
          return verdict(zones.join(',') === config.zones.values.join(','), {
            expected: config.zones.values.join(', '),
            actual: zones.join(', '),
            hint: 'Label the nodes (`pnpm lab --only cluster.labels`).',
            evidence: [c],
          })
        }),
    }),
  ],
})

/** cluster.ready with the lab's own checks, over the same evidence keys (nodes, kube-system pods, DaemonSets). */
export const readyStep = defineStep({
  id: 'cluster.ready',
  pkg: 'cluster',
  title: 'Nodes and calico-node Ready, Calico the only CNI',
  labItems: [1, 2],
  plan: () => [],
  run: async () => 'unchanged',
  collect: async (ctx) => {
    await ctx.run({ argv: ctx.kubectl('get', 'nodes', '-o', 'json'), key: 'cluster.nodes.json' })
    await ctx.run({
      argv: ctx.kubectl('-n', 'kube-system', 'get', 'pods', '-o', 'json'),
      key: 'cluster.kube-system.json',
    })
    await ctx.run({
      argv: ctx.kubectl('get', 'daemonsets', '-A', '-o', 'json'),
      key: 'cluster.daemonsets.json',
    })
  },
  checks: labSteps().find((s) => s.id === 'cluster.ready')?.checks ?? [],
})

export const unbreakableStep = defineStep({
  id: 'cluster.profile',
  pkg: 'cluster',
  title: 'Two nodes',
  labItems: [1, 2],
  plan: () => [],
  run: async () => 'unchanged',
  collect: async (ctx) =>
    void (await ctx.run({ argv: ctx.kubectl('get', 'nodes', '-o', 'json'), key: 'cluster.nodes.json' })),
  checks: [
    defineCheck({
      id: 'cluster.two-nodes',
      step: 'cluster.profile',
      title: 'The cluster has two nodes',
      evaluate: (ev) =>
        withEvidence(ev, ['cluster.nodes.json'], '2 nodes', (c) =>
          verdict(nodesOf(c.stdout).length === 2, {
            expected: '2 nodes',
            actual: `${nodesOf(c.stdout).length} nodes`,
            hint: 'Start with --nodes 2.',
            evidence: [c],
          }),
        ),
    }),
  ],
})
