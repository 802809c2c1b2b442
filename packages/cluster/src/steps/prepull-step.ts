// cluster.prepull: the frontend image on every node before the IPAM steps. cluster.ready starts the pull as soon as
// the nodes are Ready (startPrepull), so it runs while Calico comes up; this step waits for what is left, grades
// it, and deletes the DaemonSet. A pull that fails is said at once and stops the run: it is the machine's network.
import { defineStep, firstLine } from '@lab4/core'
import type { LabConfig, PlanItem, StepContext } from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import {
  decidePrepull,
  describeFailures,
  judgePull,
  lacking,
  nodeImages,
  prepullArgv,
  prepullManifest,
  pullFailureHint,
  pullFailures,
  readPrepullPods,
} from '../prepull.ts'
import type { NodeImage, PullFailure } from '../prepull.ts'
import { prepullChecks } from '../checks/prepull.ts'

const condition = (config: LabConfig) => `${config.app.image} on every node`

export const prepullStep = defineStep({
  id: STEP.prepull,
  pkg: 'cluster',
  title: 'frontend image on every node, pulled on the host network while Calico started',
  labItems: [6],
  plan: prepullPlan,
  run: async (ctx) => {
    const image = ctx.config.app.image
    const nodes = await readNodes(ctx)
    const pods = readPrepullPods(await readPods(ctx))
    const decision = decidePrepull(nodes, pods)
    if (decision.action === 'none') return 'unchanged'
    if (decision.action === 'cleanup') {
      await cleanup(ctx)
      return 'changed'
    }
    // Not started by cluster.ready (a run from this step on, or its apply failed): start it now.
    if (!pods.some((p) => !p.deleting)) await apply(ctx)
    let failed: PullFailure[] = []
    let last: NodeImage[] = nodes
    let seen: string[] = []
    try {
      await ctx.waitFor(
        condition(ctx.config),
        async () => {
          const n = await ctx.run({ argv: prepullArgv(ctx.config, 'nodes'), key: KEY.prepullNodes })
          const nodesId = ctx.lastEntryId() ?? ''
          const p = await ctx.run({ argv: prepullArgv(ctx.config, 'pods'), key: KEY.prepullPods })
          seen = [nodesId, ctx.lastEntryId() ?? ''].filter(Boolean)
          const bad = [n, p].find((r) => r.exitCode !== 0)
          if (bad) return { done: false, observed: firstLine(bad.stderr) || `kubectl exited ${bad.exitCode}` }
          last = nodeImages(n.stdout, image)
          const j = judgePull(last, p.stdout)
          failed = j.failed
          return j
        },
        {
          timeoutMs: ctx.config.timeouts.podReady * 1000,
          hint: `Each node's kubelet pulls ${image}; look at kubectl --context ${ctx.config.profile} -n kube-system describe pods -l app.kubernetes.io/name=lab4-prepull, or raise timeouts.podReady on a slow network.`,
        },
      )
    } finally {
      await cleanup(ctx)
    }
    ctx.observe(
      KEY.prepullResult,
      {
        image,
        nodes: last.map((n) => ({
          node: n.name,
          had: nodes.find((x) => x.name === n.name)?.hasImage ?? false,
          hasImage: n.hasImage,
        })),
        failed,
      },
      seen,
    )
    if (failed.length > 0) {
      const text = `${image} cannot be pulled: ${describeFailures(failed)}. ${pullFailureHint(ctx.config, failed)}`
      ctx.note(text, 'warn')
      ctx.progress(text)
    }
    return 'changed'
  },
  collect: async (ctx) => {
    await readNodes(ctx)
    await readPods(ctx)
  },
  checks: prepullChecks,
})

async function readNodes(ctx: StepContext): Promise<NodeImage[]> {
  const r = await ctx.must({ argv: prepullArgv(ctx.config, 'nodes'), key: KEY.prepullNodes })
  return nodeImages(r.stdout, ctx.config.app.image)
}

async function readPods(ctx: StepContext): Promise<string> {
  return (await ctx.must({ argv: prepullArgv(ctx.config, 'pods'), key: KEY.prepullPods })).stdout
}

async function apply(ctx: StepContext): Promise<boolean> {
  const r = await ctx.run({
    argv: prepullArgv(ctx.config, 'apply'),
    stdin: prepullManifest(ctx.config.app.image),
    key: KEY.prepullApply,
  })
  if (r.exitCode !== 0)
    ctx.note(`could not start the pre-pull of ${ctx.config.app.image}: ${firstLine(r.stderr)}`, 'warn')
  return r.exitCode === 0
}

async function cleanup(ctx: StepContext): Promise<void> {
  const r = await ctx.run({ argv: prepullArgv(ctx.config, 'delete'), key: KEY.prepullDelete })
  // NotFound: a run before this one already removed it.
  if (r.exitCode !== 0 && !/NotFound|not found/.test(r.stderr))
    ctx.note(`could not delete the pre-pull DaemonSet: ${firstLine(r.stderr)}`, 'warn')
}

/**
 * cluster.ready calls this as soon as the nodes are Ready: when a node lacks the image, apply the DaemonSet and
 * return a watcher for the Calico wait's kube-system polls that says a failed pull once, the moment it shows.
 */
export async function startPrepull(
  ctx: StepContext,
  nodesStdout: string,
): Promise<(kubeSystemStdout: string) => void> {
  const image = ctx.config.app.image
  let need: NodeImage[]
  try {
    need = lacking(nodeImages(nodesStdout, image))
  } catch {
    return () => undefined
  }
  if (need.length === 0 || !(await apply(ctx))) return () => undefined
  ctx.progress(`pulling ${image} on ${need.map((n) => n.name).join(', ')} while Calico starts`)
  let said = false
  return (kubeSystemStdout) => {
    if (said) return
    let failed: PullFailure[] = []
    try {
      failed = pullFailures(kubeSystemStdout)
    } catch {
      return
    }
    if (failed.length === 0) return
    said = true
    const text = `${image} cannot be pulled: ${describeFailures(failed)}. That is the machine's network, not the lab; the run stops at ${STEP.prepull}, before the IPAM steps.`
    ctx.note(text, 'warn')
    ctx.progress(text)
  }
}

/** The pre-pull's apply as cluster.ready plans it (the same argv and manifest its run uses). */
export function prepullApplyPlan(config: LabConfig, when: string): PlanItem {
  return {
    kind: 'command',
    argv: prepullArgv(config, 'apply'),
    stdin: prepullManifest(config.app.image),
    why: `start pulling ${config.app.image} on every node with the host-network DaemonSet lab4-prepull (no pod IP), beside Calico`,
    when,
  }
}

function prepullPlan(config: LabConfig): PlanItem[] {
  return [
    {
      kind: 'command',
      argv: prepullArgv(config, 'nodes'),
      why: "which nodes list the frontend image in status.images (the kubelet's image list)",
      when: 'first; polled while pulling; again in collect',
    },
    {
      kind: 'command',
      argv: prepullArgv(config, 'pods'),
      why: 'the pre-pull pod of each node: Running once pulled, ErrImagePull / ImagePullBackOff when the node cannot',
      when: 'first; polled while pulling; again in collect',
    },
    prepullApplyPlan(config, 'only when cluster.ready did not start the pull and a node lacks the image'),
    { kind: 'wait', condition: condition(config), timeoutS: config.timeouts.podReady },
    {
      kind: 'command',
      argv: prepullArgv(config, 'delete'),
      why: 'clean up: the DaemonSet has done its job (also after a failed pull)',
      when: 'after the wait, or when a killed run left it behind',
    },
  ]
}
