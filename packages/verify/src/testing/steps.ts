// Test helper: five small steps with lab-like ids and a check or two each. verify takes its steps as a
// parameter, so grading, printing and the read-only phase are tested on these, not on the lab's own steps.
import {
  defineCheck,
  defineStep,
  ipInCidr,
  kubectlArgv,
  parseItems,
  podSummary,
  poolName,
  verdict,
  withEvidence,
  type LabConfig,
  type Step,
  type StepContext,
  type V1Deployment,
  type V1Node,
  type V1Pod,
  type V1Service,
} from '@lab4/core'
import { pingStats } from './ping.ts'

const zones = (stdout: string) =>
  parseItems<V1Node>(stdout).map((n) => ({
    name: n.metadata?.name ?? '',
    zone: n.metadata?.labels?.zone ?? '',
  }))
const pods = (stdout: string) => parseItems<V1Pod>(stdout).map(podSummary)
const pools = (stdout: string) =>
  parseItems<{ metadata: { name: string } }>(stdout).map((p) => p.metadata.name)

/** The reads each step collects, as [key, argv]: the same list the scripted answers reply to. */
export const reads = (c: LabConfig) => {
  const { namespace: ns, name, service } = c.app
  const k = (...args: string[]) => kubectlArgv(c.profile, ...args)
  const cc = (...args: string[]) =>
    k('exec', '-i', '-n', 'kube-system', 'calicoctl', '--', 'calicoctl', ...args)
  return {
    nodes: k('get', 'nodes', '-o', 'json'),
    pools: cc('get', 'ippool', '-o', 'json'),
    createPools: cc('create', '-f', '-'),
    pods: k('-n', ns, 'get', 'pods', '-l', `app=${name}`, '-o', 'json'),
    deployment: k('-n', ns, 'get', 'deployment', name, '-o', 'json'),
    service: k('-n', ns, 'get', 'service', service.name, '-o', 'json'),
    ping: (from: string, ip: string) =>
      k(
        '-n',
        ns,
        'exec',
        from,
        '--',
        'ping',
        '-c',
        '3',
        `${ip.replace(/\./g, '-')}.${service.name}.${ns}.svc.cluster.local`,
      ),
  }
}

const read = (ctx: StepContext, key: string, argv: string[]) => ctx.run({ argv, key })

export const labelsStep = defineStep({
  id: 'cluster.labels',
  pkg: 'cluster',
  title: 'Zone labels on nodes',
  labItems: [4],
  plan: (c) =>
    c.zones.values.map((v) => ({
      kind: 'command',
      argv: kubectlArgv(c.profile, 'label', 'node', '<node>', `zone=${v}`, '--overwrite'),
      why: 'zone label',
    })),
  run: async (ctx) => {
    await ctx.must({
      argv: ctx.kubectl(
        'label',
        'node',
        ctx.config.profile,
        `zone=${ctx.config.zones.values[0]}`,
        '--overwrite',
      ),
    })
    return 'changed'
  },
  collect: async (ctx) => void (await read(ctx, 'cluster.nodes.json', reads(ctx.config).nodes)),
  checks: [
    defineCheck({
      id: 'cluster.zone-labels',
      step: 'cluster.labels',
      title: 'Each node carries its zone label',
      evaluate: (ev, config) =>
        withEvidence(ev, ['cluster.nodes.json'], `zones ${config.zones.values.join(', ')}`, (c) => {
          const actual = zones(c.stdout).map((n) => n.zone)
          return verdict(actual.join(',') === config.zones.values.join(','), {
            expected: config.zones.values.join(', '),
            actual: actual.join(', '),
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
  plan: (c) => [
    { kind: 'command', argv: kubectlArgv(c.profile, 'apply', '-f', '-'), why: 'the calicoctl pod' },
  ],
  run: async () => 'unchanged',
  collect: async (ctx) => void (await read(ctx, 'ipam.calicoctl-version', reads(ctx.config).pools)),
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
  plan: (c) => [{ kind: 'command', argv: reads(c).createPools, why: 'zone pools' }],
  run: async () => 'unchanged',
  collect: async (ctx) => {
    const r = reads(ctx.config)
    await read(ctx, 'ipam.pools.after.json', r.pools)
    await read(ctx, 'ipam.pods.json', r.pods)
    await read(ctx, 'ipam.nodes.json', r.nodes)
  },
  checks: [
    defineCheck({
      id: 'ipam.zone-pools',
      step: 'ipam.pools',
      title: 'Exactly the zone pools exist (no default pool)',
      evaluate: (ev, config) =>
        withEvidence(ev, ['ipam.pools.after.json'], 'zone pools only', (c) => {
          const names = pools(c.stdout).sort()
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
        withEvidence(ev, ['ipam.pods.json', 'ipam.nodes.json'], 'pod IPs inside their zone pool', (p, n) => {
          const zoneOf = new Map(zones(n.stdout).map((x) => [x.name, x.zone]))
          const bad = pods(p.stdout).filter(
            (pod) =>
              !config.pools.some(
                (pool) => pool.zone === zoneOf.get(pod.node ?? '') && ipInCidr(pod.ip ?? '', pool.cidr),
              ),
          )
          return verdict(bad.length === 0, {
            expected: 'every pod in its zone pool',
            actual: bad.length ? bad.map((x) => `${x.name} ${x.ip}`).join(', ') : 'all inside',
            hint: 'Recreate the pods after the pools exist.',
            evidence: [p, n],
          })
        }),
    }),
  ],
})

export const deployStep = defineStep({
  id: 'app.deploy',
  pkg: 'app',
  title: 'Frontend Deployment and Service',
  labItems: [6, 7],
  plan: (c) => [
    { kind: 'command', argv: kubectlArgv(c.profile, 'apply', '-f', '-'), why: 'Deployment and Service' },
  ],
  run: async () => 'unchanged',
  collect: async (ctx) => {
    await read(ctx, 'app.deployment.json', reads(ctx.config).deployment)
    await read(ctx, 'app.service.json', reads(ctx.config).service)
  },
  checks: [
    defineCheck({
      id: 'app.replicas-ready',
      step: 'app.deploy',
      title: 'The Deployment has its replicas ready',
      evaluate: (ev, config) =>
        withEvidence(ev, ['app.deployment.json'], `${config.app.replicas} ready`, (c) => {
          const ready = (JSON.parse(c.stdout) as V1Deployment).status?.readyReplicas ?? 0
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
          const sel = (JSON.parse(c.stdout) as V1Service).spec?.selector?.app
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
    const r = reads(ctx.config)
    const all = pods((await ctx.must({ argv: r.pods, key: 'app.network.pods.json' })).stdout)
    const [a] = all
    const b = all.find((p) => p.node !== a?.node)
    if (!a || !b)
      throw new Error(`need two ${ctx.config.app.name} pods on different nodes; found ${all.length}`)
    await read(ctx, `app.ping.endpoint.${a.name}`, r.ping(a.name, b.ip ?? ''))
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
          ['app.network.pods.json', ping?.key ?? 'app.ping.endpoint.<pod>'],
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

/** The five steps in run order: seven checks. */
export const testSteps = (): Step[] => [labelsStep, calicoctlStep, poolsStep, deployStep, networkStep]
