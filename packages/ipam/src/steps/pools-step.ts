// Step ipam.pools (lab item 5): replace the default pool with one pool per zone, then move pods onto them.
import {
  type LabConfig,
  type PlanItem,
  type StepContext,
  type V1Node,
  type V1Pod,
  defineStep,
  parseItems,
} from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import { type Calicoctl, calicoctlArgv, calicoctlFor } from './calicoctl.ts'
import { poolsChecks } from '../checks/index.ts'
import { renderPoolsYaml } from '../manifests/pools.ts'
import { type PoolAction, planPools } from '../plan-pools.ts'
import { parsePools } from '../parse/pools.ts'
import { DEFAULT_POOL_NAME, desiredPools } from '../pool.ts'
import { type Restart, SYSTEM_DEPLOYMENTS, planRestarts } from '../restarts.ts'
import {
  CC,
  POOLS_COLLECT,
  nodesArgv,
  planKube,
  podsArgv,
  poolActionCommand,
  restartArgv,
  rolloutStatusArgv,
} from './commands.ts'
import { writeIfChanged } from './files.ts'

export const POOLS_MANIFEST = 'manifests/ippools.yaml'

const CC_HINT = `calicoctl failed inside the calicoctl pod; re-run \`pnpm lab --from ${STEP.calicoctl}\` (a version mismatch needs a matching image).`
const COREDNS = SYSTEM_DEPLOYMENTS[0] as Restart

async function act(ctx: StepContext, cc: Calicoctl, a: PoolAction): Promise<void> {
  ctx.progress(
    a.op === 'delete'
      ? `deleting pool ${a.name}: ${a.reason}`
      : a.op === 'create'
        ? `creating ${a.pools.map((p) => p.name).join(', ')}`
        : `updating ${a.changes.join('; ')}`,
  )
  const c = poolActionCommand(a)
  await cc.must(c.args, c.key, CC_HINT, c.stdin)
}

async function rollout(
  ctx: StepContext,
  r: Pick<Restart, 'namespace' | 'deployment'>,
  key: string,
): Promise<void> {
  const s = ctx.config.timeouts.podReady
  await ctx.must(
    { argv: rolloutStatusArgv(ctx, r, s), key, timeoutMs: (s + 30) * 1000 },
    `deployment/${r.deployment} did not become ready: kubectl --context ${ctx.config.profile} -n ${r.namespace} get pods -o wide`,
  )
}

/** What the step may run, from the same argv builders as run; `<ns>`/`<owner>` stand for misplaced workloads. */
function plan(config: LabConfig): PlanItem[] {
  const k = planKube(config)
  const s = config.timeouts.podReady
  const desired = desiredPools(config)
  const workload = { namespace: '<ns>', deployment: '<owner>' }
  const cmd = (argv: string[], why: string, when?: string, stdin?: string): PlanItem => ({
    kind: 'command',
    argv,
    why,
    ...(when ? { when } : {}),
    ...(stdin ? { stdin } : {}),
  })
  const action = (a: PoolAction, why: string, when: string): PlanItem => {
    const c = poolActionCommand(a)
    return cmd(calicoctlArgv(k, c.args), why, when, c.stdin)
  }
  return [
    cmd(calicoctlArgv(k, CC.poolsJson), 'observe the pools'),
    cmd(calicoctlArgv(k, CC.poolsWide), 'the pools as calicoctl prints them (report)'),
    cmd(podsArgv(k), 'pod IPs before the change'),
    cmd(nodesArgv(k), 'node labels: which pool selects each node'),
    action(
      { op: 'delete', name: DEFAULT_POOL_NAME, reason: 'overlaps' },
      'its 10.244.0.0/16 overlaps the zone pools, so it must go first',
      'default pool present',
    ),
    action(
      { op: 'create', pools: desired },
      'all missing zone pools at once (calico-node recreates a default pool if none is left)',
      'zone pools missing',
    ),
    action(
      { op: 'apply', pools: desired, changes: [] },
      'selector, encapsulation, NAT and disabled change in place (only the pools that differ)',
      'a zone pool differs in one of those fields',
    ),
    cmd(restartArgv(k, SYSTEM_DEPLOYMENTS), 'they got their IPs from the old pool', 'pools changed'),
    cmd(
      restartArgv(k, [workload]),
      'pods keep their IP until recreated',
      'pods outside their zone pool (judged on the pools seen at step start)',
    ),
    cmd(rolloutStatusArgv(k, COREDNS, s), 'CoreDNS must answer before the app step'),
    cmd(rolloutStatusArgv(k, workload, s), 'the restarted workload is back', 'a workload was restarted'),
    { kind: 'manifest', path: POOLS_MANIFEST, yaml: renderPoolsYaml(config), why: 'one IPPool per zone' },
    ...POOLS_COLLECT.map((c) =>
      cmd('cc' in c ? calicoctlArgv(k, c.cc) : c.kubectl(k), 'evidence', 'collect'),
    ),
  ]
}

export const poolsStep = defineStep({
  id: STEP.pools,
  pkg: 'ipam',
  title: 'Replace the default IP pool with one Calico pool per zone',
  labItems: [5],
  plan,
  run: async (ctx) => {
    const cc = calicoctlFor(ctx)
    writeIfChanged(ctx.root, POOLS_MANIFEST, renderPoolsYaml(ctx.config))
    const before = await cc.must(CC.poolsJson, KEY.poolsBeforeJson, CC_HINT)
    await cc.run(CC.poolsWide, KEY.poolsBeforeWide)
    const pods = await ctx.must({ argv: podsArgv(ctx), key: KEY.podsJson })
    const nodes = await ctx.must({ argv: nodesArgv(ctx), key: KEY.nodesJson })

    const observed = parsePools(before.stdout)
    const actions = planPools(observed, desiredPools(ctx.config))
    for (const a of actions) await act(ctx, cc, a)

    const changed = actions.length > 0
    if (changed) await ctx.must({ argv: restartArgv(ctx, SYSTEM_DEPLOYMENTS), key: KEY.restartSystem })
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
      await ctx.must({ argv: restartArgv(ctx, [r]), key: KEY.restartWorkload })
    }
    for (const p of unowned) {
      ctx.note(
        `Pod ${p.pod.namespace}/${p.pod.name} (${p.pod.ip}) is outside the zone pool of ${p.pod.node} and has no Deployment; delete it so its controller recreates it.`,
        'warn',
      )
    }
    await rollout(ctx, COREDNS, KEY.rolloutCoredns)
    for (const r of workloads.filter((w) => !(w.namespace === 'kube-system' && w.deployment === 'coredns')))
      await rollout(ctx, r, KEY.rolloutWorkload)
    return changed || workloads.length > 0 ? 'changed' : 'unchanged'
  },
  collect: async (ctx) => {
    const cc = calicoctlFor(ctx)
    for (const c of POOLS_COLLECT)
      if ('cc' in c) await cc.run(c.cc, c.key)
      else await ctx.run({ argv: c.kubectl(ctx), key: c.key })
    ctx.artifact(KEY.poolsManifest, 'ippools.yaml', renderPoolsYaml(ctx.config), {
      mediaType: 'application/yaml',
      description: 'One Calico IPPool per zone (manifests/ippools.yaml)',
    })
  },
  checks: poolsChecks,
})
