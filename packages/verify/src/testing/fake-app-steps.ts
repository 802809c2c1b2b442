// Test support: fake app steps (Deployment + Service, neighbour ping) with the real step and check ids.
import { dashed, defineCheck, defineStep, kubectlArgv, verdict, withEvidence } from '@lab4/core'
import { podsOf, pingStats } from './fake-evidence.ts'

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
