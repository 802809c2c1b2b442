// Test support: fake ipam steps (calicoctl pod, zone pools) with the real step and check ids.
import { defineCheck, defineStep, kubectlArgv, parseItems, poolName, verdict, withEvidence } from '@lab4/core'
import { cc, nodesOf, podsOf, type Pool, inCidr } from './fake-evidence.ts'

export const calicoctlStep = defineStep({
  id: 'ipam.calicoctl',
  pkg: 'ipam',
  title: 'calicoctl as a pod',
  labItems: [3],
  plan: (config) => [
    { kind: 'command', argv: kubectlArgv(config.profile, 'apply', '-f', '-'), why: 'the calicoctl pod' },
  ],
  run: async (ctx) => {
    const pod = await ctx.run({
      argv: ctx.kubectl('-n', 'kube-system', 'get', 'pod', 'calicoctl', '-o', 'json'),
      key: 'ipam.calicoctl-pod',
    })
    if (pod.exitCode === 0) return 'unchanged'
    await ctx.must({
      argv: ctx.kubectl('apply', '-f', '-'),
      stdin: 'kind: Pod\nmetadata:\n  name: calicoctl\n',
      key: 'ipam.calicoctl-apply',
    })
    return 'changed'
  },
  collect: async (ctx) =>
    void (await ctx.run({ argv: cc(ctx, 'get', 'ippool', '-o', 'json'), key: 'ipam.calicoctl-version' })),
  checks: [
    defineCheck({
      id: 'ipam.calicoctl-works',
      step: 'ipam.calicoctl',
      title: 'calicoctl reaches the datastore',
      evaluate: (ev) =>
        withEvidence(ev, ['ipam.calicoctl-version'], 'calicoctl answers', (c) =>
          verdict(c.stdout.includes('IPPoolList'), {
            expected: 'an IPPoolList',
            actual: c.stdout.slice(0, 40),
            hint: 'Re-run the calicoctl step.',
            evidence: [c],
          }),
        ),
    }),
  ],
})

export const poolsStep = defineStep({
  id: 'ipam.pools',
  pkg: 'ipam',
  title: 'Calico IP pools per zone',
  labItems: [5],
  plan: (config) => [
    {
      kind: 'command',
      argv: kubectlArgv(
        config.profile,
        'exec',
        '-i',
        '-n',
        'kube-system',
        'calicoctl',
        '--',
        'calicoctl',
        'create',
        '-f',
        '-',
      ),
      why: 'zone pools',
    },
  ],
  run: async (ctx) => {
    const pools = parseItems<Pool>(
      (await ctx.must({ argv: cc(ctx, 'get', 'ippool', '-o', 'json'), key: 'ipam.pools.before.json' }))
        .stdout,
    )
    const want = ctx.config.pools.map((p) => ({ name: poolName(p), cidr: p.cidr, zone: p.zone }))
    for (const p of pools)
      if (!want.some((x) => x.name === p.metadata.name))
        await ctx.must({ argv: cc(ctx, 'delete', 'ippool', p.metadata.name), key: 'ipam.pool.delete' })
    const missing = want.filter((x) => !pools.some((p) => p.metadata.name === x.name))
    if (missing.length === 0) return 'unchanged'
    const yaml = missing
      .map(
        (x) =>
          `apiVersion: projectcalico.org/v3\nkind: IPPool\nmetadata:\n  name: ${x.name}\nspec:\n  cidr: ${x.cidr}\n  nodeSelector: zone == "${x.zone}"\n`,
      )
      .join('---\n')
    await ctx.must({ argv: cc(ctx, 'create', '-f', '-'), stdin: yaml, key: 'ipam.pools.create' })
    await ctx.must({
      argv: ctx.kubectl(
        '-n',
        ctx.config.app.namespace,
        'rollout',
        'restart',
        `deployment/${ctx.config.app.name}`,
      ),
      key: 'ipam.restart.workload',
    })
    return 'changed'
  },
  collect: async (ctx) => {
    await ctx.run({ argv: cc(ctx, 'get', 'ippool', '-o', 'json'), key: 'ipam.pools.after.json' })
    await ctx.run({
      argv: ctx.kubectl(
        '-n',
        ctx.config.app.namespace,
        'get',
        'pods',
        '-l',
        `app=${ctx.config.app.name}`,
        '-o',
        'json',
      ),
      key: 'ipam.pods.json',
    })
    await ctx.run({ argv: ctx.kubectl('get', 'nodes', '-o', 'json'), key: 'ipam.nodes.json' })
  },
  checks: [
    defineCheck({
      id: 'ipam.zone-pools',
      step: 'ipam.pools',
      title: 'Exactly the zone pools exist (no default pool)',
      evaluate: (ev, config) =>
        withEvidence(ev, ['ipam.pools.after.json'], 'zone pools only', (c) => {
          const names = parseItems<Pool>(c.stdout)
            .map((p) => p.metadata.name)
            .sort()
          const want = config.pools.map(poolName).sort()
          return verdict(names.join(',') === want.join(','), {
            expected: want.join(', '),
            actual: names.join(', ') || 'no pools',
            hint: 'Re-run the ipam step.',
            evidence: [c],
          })
        }),
    }),
    defineCheck({
      id: 'ipam.pod-ip-in-zone-pool',
      step: 'ipam.pools',
      title: "Each app pod's IP lies in its node's zone pool",
      evaluate: (ev, config) =>
        withEvidence(
          ev,
          ['ipam.pods.json', 'ipam.nodes.json'],
          'pod IPs inside their zone pool',
          (pods, nodes) => {
            const zoneOf = new Map(nodesOf(nodes.stdout).map((n) => [n.name, n.zone]))
            const bad = podsOf(pods.stdout).filter(
              (p) =>
                !config.pools.some(
                  (pool) => pool.zone === zoneOf.get(p.node ?? '') && inCidr(p.ip ?? '', pool.cidr),
                ),
            )
            return verdict(bad.length === 0, {
              expected: 'every pod in its zone pool',
              actual: bad.length ? bad.map((p) => `${p.name} ${p.ip}`).join(', ') : 'all inside',
              hint: 'Recreate the pods after the pools exist.',
              evidence: [pods, nodes],
            })
          },
        ),
    }),
  ],
})
