// Test support: small steps under the real step ids whose checks are pure over recorded evidence,
// so grading, the engine driver and the mutation catalogue are exercised without a cluster.
import {
  dashed,
  defineCheck,
  defineStep,
  kubectlArgv,
  parseItems,
  podSummary,
  poolName,
  verdict,
  withEvidence,
  type Step,
  type StepContext,
  type V1Node,
  type V1Pod,
} from '@lab4/core'

const cc = (ctx: StepContext, ...args: string[]) =>
  ctx.kubectl(
    'exec',
    '-i',
    '-n',
    'kube-system',
    'calicoctl',
    '--',
    'calicoctl',
    ...args,
    '--allow-version-mismatch',
  )
const nodesOf = (stdout: string) =>
  parseItems<V1Node>(stdout).map((n) => ({
    name: n.metadata?.name ?? '',
    zone: n.metadata?.labels?.zone ?? '',
  }))
const podsOf = (stdout: string) => parseItems<V1Pod>(stdout).map(podSummary)
type Pool = { metadata: { name: string }; spec: { cidr: string } }
const inCidr = (ip: string, cidr: string) =>
  ip.split('.').slice(0, 3).join('.') === cidr.split('/')[0]?.split('.').slice(0, 3).join('.')

/** BusyBox ping statistics and the TTL of the replies, read from real output. */
export function pingStats(stdout: string): { received: number; ttls: number[]; badAddress: boolean } {
  const stats = /(\d+) packets transmitted, (\d+) packets received/.exec(stdout)
  return {
    received: Number(stats?.[2] ?? 0),
    ttls: [...stdout.matchAll(/ttl=(\d+)/g)].map((m) => Number(m[1])),
    badAddress: /ping: bad address/.test(stdout),
  }
}

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

export const deployStep = defineStep({
  id: 'app.deploy',
  pkg: 'app',
  title: 'Frontend Deployment and Service',
  labItems: [6, 7],
  plan: (config) => [
    { kind: 'command', argv: kubectlArgv(config.profile, 'apply', '-f', '-'), why: 'Deployment and Service' },
  ],
  run: async (ctx) => {
    const { namespace: ns, name, service } = ctx.config.app
    const svc = await ctx.run({
      argv: ctx.kubectl('-n', ns, 'get', 'service', service.name, '-o', 'json'),
      key: 'app.service.json',
    })
    const dep = await ctx.run({
      argv: ctx.kubectl('-n', ns, 'get', 'deployment', name, '-o', 'json'),
      key: 'app.deployment.json',
    })
    const replicas =
      dep.exitCode === 0
        ? (JSON.parse(dep.stdout) as { spec?: { replicas?: number } }).spec?.replicas
        : undefined
    if (svc.exitCode === 0 && replicas === ctx.config.app.replicas) return 'unchanged'
    await ctx.must({
      argv: ctx.kubectl('apply', '-f', '-'),
      stdin: 'kind: Deployment\n---\nkind: Service\n',
      key: 'app.apply',
    })
    await ctx.must({
      argv: ctx.kubectl('-n', ns, 'rollout', 'status', `deployment/${name}`, '--timeout=600s'),
      key: 'app.rollout',
    })
    return 'changed'
  },
  collect: async (ctx) => {
    const { namespace: ns, name, service } = ctx.config.app
    await ctx.run({
      argv: ctx.kubectl('-n', ns, 'get', 'deployment', name, '-o', 'json'),
      key: 'app.deployment.json',
    })
    await ctx.run({
      argv: ctx.kubectl('-n', ns, 'get', 'service', service.name, '-o', 'json'),
      key: 'app.service.json',
    })
  },
  checks: [
    defineCheck({
      id: 'app.replicas-ready',
      step: 'app.deploy',
      title: 'The Deployment has its replicas ready',
      evaluate: (ev, config) =>
        withEvidence(ev, ['app.deployment.json'], `${config.app.replicas} ready`, (c) => {
          const ready =
            (JSON.parse(c.stdout) as { status?: { readyReplicas?: number } }).status?.readyReplicas ?? 0
          return verdict(ready === config.app.replicas, {
            expected: `${config.app.replicas} ready replicas`,
            actual: `${ready} ready`,
            hint: 'Look at the rollout.',
            evidence: [c],
          })
        }),
    }),
    defineCheck({
      id: 'app.service-present',
      step: 'app.deploy',
      title: 'The Service exists and selects the app',
      evaluate: (ev, config) =>
        withEvidence(ev, ['app.service.json'], `selector app=${config.app.name}`, (c) => {
          const sel = (JSON.parse(c.stdout) as { spec?: { selector?: Record<string, string> } }).spec
            ?.selector?.app
          return verdict(sel === config.app.name, {
            expected: `selector app=${config.app.name}`,
            actual: `selector app=${sel ?? '(none)'}`,
            hint: 'Apply the Service.',
            evidence: [c],
          })
        }),
    }),
  ],
})

export const networkStep = defineStep({
  id: 'app.network',
  pkg: 'app',
  title: 'Ping the neighbour pod by DNS name',
  labItems: [10],
  plan: () => [],
  run: async () => 'unchanged',
  collect: async (ctx) => {
    const { namespace: ns, name, service } = ctx.config.app
    const pods = podsOf(
      (
        await ctx.must({
          argv: ctx.kubectl('-n', ns, 'get', 'pods', '-l', `app=${name}`, '-o', 'json'),
          key: 'app.network.pods.json',
        })
      ).stdout,
    )
    const [a] = pods
    const b = pods.find((p) => p.node !== a?.node)
    if (!a || !b) throw new Error(`need two ${name} pods on different nodes; found ${pods.length}`)
    const target = ctx.flags['ping-target'] === 'self' ? a : b
    await ctx.run({
      argv: ctx.kubectl(
        '-n',
        ns,
        'exec',
        a.name,
        '--',
        'ping',
        '-c',
        '3',
        `${dashed(target.ip ?? '')}.${service.name}.${ns}.svc.cluster.local`,
      ),
      key: `app.ping.endpoint.${a.name}`,
    })
  },
  checks: [
    defineCheck({
      id: 'app.ping-neighbour',
      step: 'app.network',
      title: 'The neighbour pod answers ping by its DNS name, across nodes',
      evaluate: (ev) => {
        const ping = ev.commandsWithPrefix('app.ping.endpoint.').at(-1)
        return withEvidence(
          ev,
          ['app.network.pods.json', ...(ping?.key ? [ping.key] : ['app.ping.endpoint.<pod>'])],
          'replies with ttl < 64 (another node)',
          (_pods, p) => {
            const s = pingStats(p.stdout + p.stderr)
            return verdict(s.received > 0 && s.ttls.every((t) => t < 64), {
              expected: 'replies from the other node (ttl 62)',
              actual: s.badAddress
                ? 'ping: bad address'
                : `${s.received} replies, ttl ${[...new Set(s.ttls)].join('/')}`,
              hint: 'Ping the other pod, by name.',
              evidence: [p],
            })
          },
        )
      },
    }),
  ],
})

/** A check no mutation can reach: the self-test must report it as a defect. */
export const unbreakableStep = defineStep({
  id: 'cluster.ready',
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
      step: 'cluster.ready',
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

export const fakeSteps = (o: { unbreakable?: boolean } = {}): Step[] => [
  ...(o.unbreakable ? [unbreakableStep] : []),
  labelsStep,
  calicoctlStep,
  poolsStep,
  deployStep,
  networkStep,
]
