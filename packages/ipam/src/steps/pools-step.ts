// Step ipam.pools (lab item 5): replace the default pool with one pool per zone, then move pods onto them.
import {
  type LabConfig,
  type PlanItem,
  type StepContext,
  type V1Node,
  type V1Pod,
  defineStep,
  kubectlArgv,
  parseItems,
} from '@lab4/core'
import { type Calicoctl, calicoctlArgv, calicoctlFor } from '../calicoctl.ts'
import { poolsChecks } from '../checks/index.ts'
import { renderPoolDocs, renderPoolsYaml } from '../manifests/pools.ts'
import { type PoolAction, planPools } from '../plan-pools.ts'
import { parsePools } from '../parse/pools.ts'
import { DEFAULT_POOL_NAME, desiredPools } from '../pool.ts'
import { writeIfChanged } from './files.ts'
import { type Restart, SYSTEM_DEPLOYMENTS, planRestarts } from './restarts.ts'

export const POOLS_MANIFEST = 'manifests/ippools.yaml'

const CC_HINT =
  'calicoctl failed inside the calicoctl pod; re-run `pnpm lab --from ipam.calicoctl` (a version mismatch needs a matching image).'

const restartArgv = (k: (...a: string[]) => string[], rs: readonly Restart[]) =>
  k(
    '-n',
    rs[0]?.namespace ?? 'kube-system',
    'rollout',
    'restart',
    ...rs.map((r) => `deployment/${r.deployment}`),
  )
const rolloutStatus = (
  k: (...a: string[]) => string[],
  r: Pick<Restart, 'namespace' | 'deployment'>,
  s: number,
) => k('-n', r.namespace, 'rollout', 'status', `deployment/${r.deployment}`, `--timeout=${s}s`)

async function act(ctx: StepContext, cc: Calicoctl, a: PoolAction): Promise<void> {
  if (a.op === 'delete') {
    ctx.progress(`deleting pool ${a.name}: ${a.reason}`)
    await cc.must(['delete', 'ippool', a.name], 'ipam.pool.delete', CC_HINT)
  } else if (a.op === 'create') {
    ctx.progress(`creating ${a.pools.map((p) => p.name).join(', ')}`)
    await cc.must(['create', '-f', '-'], 'ipam.pools.create', CC_HINT, renderPoolDocs(a.pools))
  } else {
    ctx.progress(`updating ${a.changes.join('; ')}`)
    await cc.must(['apply', '-f', '-'], 'ipam.pools.apply', CC_HINT, renderPoolDocs(a.pools))
  }
}

async function rollout(
  ctx: StepContext,
  r: Pick<Restart, 'namespace' | 'deployment'>,
  key: string,
): Promise<void> {
  const s = ctx.config.timeouts.podReady
  await ctx.must(
    { argv: rolloutStatus(ctx.kubectl, r, s), key, timeoutMs: (s + 30) * 1000 },
    `deployment/${r.deployment} did not become ready: kubectl --context ${ctx.config.profile} -n ${r.namespace} get pods -o wide`,
  )
}

function plan(config: LabConfig): PlanItem[] {
  const k = (...a: string[]) => kubectlArgv(config.profile, ...a)
  const cc = (args: string[]) => calicoctlArgv(config.profile, args)
  const s = config.timeouts.podReady
  const cmd = (argv: string[], why: string, when?: string, stdin?: string): PlanItem => ({
    kind: 'command',
    argv,
    why,
    ...(when ? { when } : {}),
    ...(stdin ? { stdin } : {}),
  })
  return [
    cmd(cc(['get', 'ippool', '-o', 'json']), 'observe the pools'),
    cmd(cc(['get', 'ippool', '-o', 'wide']), 'the pools as calicoctl prints them (report)'),
    cmd(k('get', 'pods', '-A', '-o', 'json'), 'pod IPs before the change'),
    cmd(k('get', 'nodes', '-o', 'json'), 'node labels: which pool selects each node'),
    cmd(
      cc(['delete', 'ippool', DEFAULT_POOL_NAME]),
      'its 10.244.0.0/16 overlaps the zone pools, so it must go first',
      'default pool present',
    ),
    cmd(
      cc(['create', '-f', '-']),
      'all missing zone pools at once (calico-node recreates a default pool if none is left)',
      'zone pools missing',
      renderPoolDocs(desiredPools(config)),
    ),
    cmd(restartArgv(k, SYSTEM_DEPLOYMENTS), 'they got their IPs from the old pool', 'pools changed'),
    cmd(
      k('-n', '<ns>', 'rollout', 'restart', 'deployment/<owner>'),
      'pods keep their IP until recreated',
      'pods outside their zone pool (judged on the pools seen at step start)',
    ),
    cmd(rolloutStatus(k, SYSTEM_DEPLOYMENTS[0] as Restart, s), 'CoreDNS must answer before the app step'),
    { kind: 'manifest', path: POOLS_MANIFEST, yaml: renderPoolsYaml(config), why: 'one IPPool per zone' },
    ...[
      cc(['get', 'ippool', '-o', 'json']),
      cc(['get', 'ippool', '-o', 'wide']),
      cc(['ipam', 'show', '--show-blocks']),
      cc(['ipam', 'check']),
      k('get', 'blockaffinities.crd.projectcalico.org', '-o', 'json'),
      k('get', 'pods', '-A', '-o', 'json'),
      k('get', 'nodes', '-o', 'json'),
    ].map((argv) => cmd(argv, 'evidence', 'collect')),
  ]
}

export const poolsStep = defineStep({
  id: 'ipam.pools',
  pkg: 'ipam',
  title: 'Replace the default IP pool with one Calico pool per zone',
  labItems: [5],
  plan,
  run: async (ctx) => {
    const cc = calicoctlFor(ctx)
    writeIfChanged(ctx.root, POOLS_MANIFEST, renderPoolsYaml(ctx.config))
    const before = await cc.must(['get', 'ippool', '-o', 'json'], 'ipam.pools.before.json', CC_HINT)
    await cc.run(['get', 'ippool', '-o', 'wide'], 'ipam.pools.before.wide')
    const pods = await ctx.must({
      argv: ctx.kubectl('get', 'pods', '-A', '-o', 'json'),
      key: 'ipam.pods.json',
    })
    const nodes = await ctx.must({ argv: ctx.kubectl('get', 'nodes', '-o', 'json'), key: 'ipam.nodes.json' })

    const observed = parsePools(before.stdout)
    const actions = planPools(observed, desiredPools(ctx.config))
    for (const a of actions) await act(ctx, cc, a)

    const changed = actions.length > 0
    if (changed)
      await ctx.must({ argv: restartArgv(ctx.kubectl, SYSTEM_DEPLOYMENTS), key: 'ipam.restart.system' })
    const { workloads, unowned } = planRestarts(
      parseItems<V1Pod>(pods.stdout),
      parseItems<V1Node>(nodes.stdout),
      observed,
      { systemRestarted: changed },
    )
    for (const r of workloads) {
      ctx.note(
        `Restarting ${r.namespace}/deployment/${r.deployment}: ${r.pods.join(', ')} outside the zone pool of its node.`,
      )
      await ctx.must({ argv: restartArgv(ctx.kubectl, [r]), key: 'ipam.restart.workload' })
    }
    for (const p of unowned) {
      ctx.note(
        `Pod ${p.pod.namespace}/${p.pod.name} (${p.pod.ip}) is outside the zone pool of ${p.pod.node} and has no Deployment; delete it so its controller recreates it.`,
        'warn',
      )
    }
    await rollout(ctx, SYSTEM_DEPLOYMENTS[0] as Restart, 'ipam.rollout.coredns')
    for (const r of workloads.filter((w) => !(w.namespace === 'kube-system' && w.deployment === 'coredns')))
      await rollout(ctx, r, 'ipam.rollout.workload')
    return changed || workloads.length > 0 ? 'changed' : 'unchanged'
  },
  collect: async (ctx) => {
    const cc = calicoctlFor(ctx)
    await cc.run(['get', 'ippool', '-o', 'json'], 'ipam.pools.after.json')
    await cc.run(['get', 'ippool', '-o', 'wide'], 'ipam.pools.after.wide')
    await cc.run(['ipam', 'show', '--show-blocks'], 'ipam.blocks')
    await cc.run(['ipam', 'check'], 'ipam.check')
    await ctx.run({
      argv: ctx.kubectl('get', 'blockaffinities.crd.projectcalico.org', '-o', 'json'),
      key: 'ipam.affinities.json',
    })
    await ctx.run({ argv: ctx.kubectl('get', 'pods', '-A', '-o', 'json'), key: 'ipam.pods.json' })
    await ctx.run({ argv: ctx.kubectl('get', 'nodes', '-o', 'json'), key: 'ipam.nodes.json' })
    ctx.artifact('ipam.manifest.pools', 'ippools.yaml', renderPoolsYaml(ctx.config), {
      mediaType: 'application/yaml',
      description: 'One Calico IPPool per zone (manifests/ippools.yaml)',
    })
  },
  checks: poolsChecks,
})
