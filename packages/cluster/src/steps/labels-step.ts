// cluster.labels: give each real node its zone label (only where it differs), then re-read to confirm.
import { LabError, defineStep, firstLine, kubectlArgv } from '@lab4/core'
import type { LabConfig, PlanItem, StepContext } from '@lab4/core'
import { expectedNodeNames, kube } from '../argv.ts'
import { KEY, STEP } from '../contract.ts'
import { describeAssignment, labelChanges, zoneAssignment } from '../labels.ts'
import { readNodes } from '../ready.ts'
import { labelChecks } from '../checks/labels.ts'

export const labelsStep = defineStep({
  id: STEP.labels,
  pkg: 'cluster',
  title: 'zone labels on the nodes',
  labItems: [4],
  plan: labelsPlan,
  run: async (ctx) => {
    const { labelKey: key } = ctx.config.zones
    const changes = labelChanges(zoneAssignment(await nodes(ctx), ctx.config))
    if (changes.length === 0) return 'unchanged'
    for (const c of changes) {
      await ctx.must({ argv: ctx.kubectl(...kube.label(c.node, key, c.zone)), key: KEY.label })
    }
    const after = zoneAssignment(await nodes(ctx), ctx.config)
    const wrong = labelChanges(after)
    if (wrong.length > 0) {
      throw new LabError(
        `node labels did not stick: ${describeAssignment(key, wrong)} after \`kubectl label\``,
        {
          hint: `Something else rewrites node labels; check kubectl --context ${ctx.config.profile} get nodes -L ${key}`,
        },
      )
    }
    ctx.note(`labelled ${changes.map((c) => `${c.node} ${key}=${c.zone}`).join(', ')}`)
    return 'changed'
  },
  collect: async (ctx) => {
    await ctx.run({ argv: ctx.kubectl(...kube.nodesJson()), key: KEY.nodesJson })
    await ctx.run({ argv: ctx.kubectl(...kube.nodesLabels(ctx.config.zones.labelKey)), key: KEY.nodesLabels })
  },
  checks: labelChecks,
})

async function nodes(ctx: StepContext) {
  const r = await ctx.run({ argv: ctx.kubectl(...kube.nodesJson()), key: KEY.nodesJson })
  if (r.exitCode !== 0) {
    throw new LabError(
      `cannot list the nodes of ${ctx.config.profile}: ${firstLine(r.stderr) || `kubectl exited ${r.exitCode}`}`,
      {
        hint: `Is the profile running? minikube status -p ${ctx.config.profile}`,
      },
    )
  }
  return readNodes(r.stdout)
}

function labelsPlan(config: LabConfig): PlanItem[] {
  // The same builder ctx.kubectl uses in run, so plan and run print one argv.
  const k = (...a: string[]) => kubectlArgv(config.profile, ...a)
  const key = config.zones.labelKey
  const names = expectedNodeNames(config)
  return [
    {
      kind: 'command',
      argv: k(...kube.nodesJson()),
      why: 'real node names and their current labels (never guessed from the profile name)',
      when: 'always',
    },
    ...names.map((n, i): PlanItem => ({
      kind: 'command',
      argv: k(...kube.label(n, key, config.zones.values[i] ?? '?')),
      why: `zone ${config.zones.values[i] ?? '?'} for node ${i + 1} (control plane first, then by name)`,
      when: 'only if the label differs; names shown are what a fresh profile gets',
    })),
    {
      kind: 'command',
      argv: k(...kube.nodesJson()),
      why: 're-read to confirm the labels',
      when: 'after labelling; again in collect',
    },
    {
      kind: 'command',
      argv: k(...kube.nodesLabels(key)),
      why: `the ${key} column for the report (lab item 4)`,
      when: 'collect',
    },
  ]
}
