// cluster.ready: wait until every node is Ready and Calico (node agent, controller) and CoreDNS run, then record it.
import { WaitTimeoutError, defineStep, firstLine, identityFrom, kubectlArgv, parseItems } from '@lab4/core'
import type { LabConfig, NodeSummary, PlanItem, StepContext, V1DaemonSet } from '@lab4/core'
import { kube } from '../argv.ts'
import { KEY, STEP } from '../contract.ts'
import { calicoRolledOut, nodesReady, readNodes, readPods, systemPodsReady } from '../ready.ts'
import { parseCalicoVersion } from '../parse/versions.ts'
import { readyChecks } from '../checks/ready.ts'
import { prepullApplyPlan, startPrepull } from './prepull-step.ts'

export const readyStep = defineStep({
  id: STEP.ready,
  pkg: 'cluster',
  title: 'nodes Ready, calico-node Ready on every node, CoreDNS up',
  labItems: [1, 2],
  plan: readyPlan,
  run: async (ctx) => {
    try {
      const { nodes, stdout } = await waitNodes(ctx)
      // The frontend image downloads on every node while Calico comes up; cluster.prepull waits for what is left.
      const watchPull = await startPrepull(ctx, stdout)
      await waitCalico(ctx, nodes, watchPull)
      await waitSystemPods(ctx)
    } catch (err) {
      // The engine skips collect after a failed run; keep the tables that show the stuck state for the report.
      if (err instanceof WaitTimeoutError) await collectReady(ctx)
      throw err
    }
    return 'unchanged'
  },
  collect: (ctx) => collectReady(ctx),
  checks: readyChecks,
})

// What cluster.ready records, in order: collect runs this list and the plan prints it, so they cannot drift.
type Query = {
  args: () => string[]
  key: string
  why: string
  when: string
  /** The wait whose polls use this query; the plan shows it just before. */
  waitBefore?: keyof ReturnType<typeof conditions>
}
const QUERIES: readonly Query[] = [
  {
    args: kube.nodesJson,
    key: KEY.nodesJson,
    why: 'node list and Ready condition',
    when: 'polled until ready; again in collect',
    waitBefore: 'nodes',
  },
  {
    args: kube.kubeSystemNamespace,
    key: KEY.kubeSystemNamespace,
    why: 'the kube-system UID: with the node UIDs, the cluster identity that ties runs into one lab record',
    when: 'collect',
  },
  {
    args: kube.calicoDs,
    key: KEY.calicoDs,
    why: 'calico-node desired/ready/updated counts',
    when: 'polled until rolled out; again in collect',
    waitBefore: 'calico',
  },
  {
    args: kube.kubeSystemJson,
    key: KEY.kubeSystemJson,
    why: 'calico-node pod per node with its STATUS (Init:1/3 is not ready), controller and CoreDNS',
    when: 'polled; again in collect',
  },
  {
    args: kube.daemonsets,
    key: KEY.daemonsets,
    why: 'prove no other CNI (kindnet, flannel, cilium, weave) runs beside Calico',
    when: 'collect',
    waitBefore: 'system',
  },
  {
    args: kube.clusterInformation,
    key: KEY.clusterInformation,
    why: 'the running Calico version',
    when: 'collect',
  },
  {
    args: kube.nodesWide,
    key: KEY.nodesWide,
    why: 'the node table for the report (lab item 2)',
    when: 'collect',
  },
  {
    args: kube.calicoPodsWide,
    key: KEY.calicoPodsWide,
    why: 'the calico-node table for the report (lab item 2)',
    when: 'collect',
  },
  {
    args: kube.kubeSystemTable,
    key: KEY.kubeSystemTable,
    why: 'kube-system pods as students show them',
    when: 'collect',
  },
]

async function collectReady(ctx: StepContext): Promise<void> {
  const out = new Map<string, { stdout: string; exitCode: number | null; id: string }>()
  for (const q of QUERIES) {
    const r = await ctx.run({ argv: ctx.kubectl(...q.args()), key: q.key })
    out.set(q.key, { ...r, id: ctx.lastEntryId() ?? '' })
  }
  const ns = out.get(KEY.kubeSystemNamespace)
  const nodes = out.get(KEY.nodesJson)
  const identity = ns && nodes ? identityFrom(ns.stdout, nodes.stdout) : undefined
  if (identity && ns && nodes) ctx.observe(KEY.identity, identity, [ns.id, nodes.id])
  const ds = out.get(KEY.calicoDs)
  const calico = parseCalicoVersion(out.get(KEY.clusterInformation)?.stdout ?? '')
  const image = ds?.exitCode === 0 ? calicoImage(ds.stdout) : undefined
  ctx.versions({ ...(calico ? { calico } : {}), ...(image ? { images: { 'calico-node': image } } : {}) })
}

const conditions = (config: LabConfig) => ({
  nodes: `${config.cluster.nodes} nodes Ready`,
  calico: 'DaemonSet calico-node rolled out with one Ready pod per node',
  system: 'calico-kube-controllers and CoreDNS (k8s-app=kube-dns) Ready',
})

async function waitNodes(ctx: StepContext): Promise<{ nodes: NodeSummary[]; stdout: string }> {
  const { config } = ctx
  let nodes: NodeSummary[] = []
  let stdout = ''
  await ctx.waitFor(
    conditions(config).nodes,
    async () => {
      const r = await ctx.run({ argv: ctx.kubectl(...kube.nodesJson()), key: KEY.nodesJson })
      if (r.exitCode !== 0)
        return { done: false, observed: firstLine(r.stderr) || `kubectl exited ${r.exitCode}` }
      nodes = readNodes(r.stdout)
      stdout = r.stdout
      return nodesReady(nodes, config.cluster.nodes)
    },
    {
      timeoutMs: config.timeouts.nodesReady * 1000,
      hint: `A node turns Ready only once calico-node runs on it: kubectl --context ${config.profile} describe node <name>; kubectl --context ${config.profile} -n kube-system get pods -o wide`,
    },
  )
  return { nodes, stdout }
}

async function waitCalico(
  ctx: StepContext,
  nodes: readonly NodeSummary[],
  watchPull: (kubeSystemStdout: string) => void,
): Promise<void> {
  const { config } = ctx
  await ctx.waitFor(
    conditions(config).calico,
    async () => {
      const ds = await ctx.run({ argv: ctx.kubectl(...kube.calicoDs()), key: KEY.calicoDs })
      const pods = await ctx.run({ argv: ctx.kubectl(...kube.kubeSystemJson()), key: KEY.kubeSystemJson })
      const bad = [ds, pods].find((r) => r.exitCode !== 0)
      if (bad) return { done: false, observed: firstLine(bad.stderr) || `kubectl exited ${bad.exitCode}` }
      watchPull(pods.stdout)
      return calicoRolledOut(ds.stdout, nodes, readPods(pods.stdout))
    },
    {
      timeoutMs: config.timeouts.calicoReady * 1000,
      hint: `Init:x/3 means calico-node is still pulling or initialising; ImagePullBackOff means quay.io is unreachable from the node. Look at kubectl --context ${config.profile} -n kube-system describe pod <calico-node pod>.`,
    },
  )
}

async function waitSystemPods(ctx: StepContext): Promise<void> {
  const { config } = ctx
  await ctx.waitFor(
    conditions(config).system,
    async () => {
      const r = await ctx.run({ argv: ctx.kubectl(...kube.kubeSystemJson()), key: KEY.kubeSystemJson })
      if (r.exitCode !== 0)
        return { done: false, observed: firstLine(r.stderr) || `kubectl exited ${r.exitCode}` }
      return systemPodsReady(readPods(r.stdout))
    },
    {
      timeoutMs: config.timeouts.podReady * 1000,
      hint: `Both need pod networking from Calico; see kubectl --context ${config.profile} -n kube-system describe pod -l k8s-app=kube-dns`,
    },
  )
}

function calicoImage(stdout: string): string | undefined {
  try {
    const ds = parseItems<V1DaemonSet>(stdout)[0]
    return ds?.spec?.template?.spec?.containers?.find((c) => c.name === 'calico-node')?.image
  } catch {
    return undefined
  }
}

function readyPlan(config: LabConfig): PlanItem[] {
  // The same builder ctx.kubectl uses in run, so plan and run print one argv.
  const k = (...a: string[]) => kubectlArgv(config.profile, ...a)
  const c = conditions(config)
  const timeoutS = {
    nodes: config.timeouts.nodesReady,
    calico: config.timeouts.calicoReady,
    system: config.timeouts.podReady,
  }
  return QUERIES.flatMap((q): PlanItem[] => [
    ...(q.waitBefore
      ? [{ kind: 'wait' as const, condition: c[q.waitBefore], timeoutS: timeoutS[q.waitBefore] }]
      : []),
    { kind: 'command', argv: k(...q.args()), why: q.why, when: q.when },
    ...(q.key === KEY.nodesJson
      ? [prepullApplyPlan(config, 'as soon as the nodes are Ready, if a node lacks the image')]
      : []),
  ])
}
