// app.policy: why Calico. Probe HTTP and ping between the pods, deny all ingress, allow TCP 3000 only, clean up.
// The outcome is kept in a ConfigMap, so a re-run (and `pnpm verify`) judges it without repeating the experiment.
import { basename } from 'node:path'
import {
  InterruptedError,
  LabError,
  WaitTimeoutError,
  defineStep,
  type Step,
  type StepContext,
  type StepOutcome,
} from '@lab4/core'
import { KEY, STEP, type PolicyPhase } from '../contract.ts'
import { policyManifests, recordManifest, recordName, type PolicyManifests } from '../manifests/policy.ts'
import { pingPairs, type Pair } from '../pairs.ts'
import { EXPECTED, judgeProbe, selectorOf, selects } from '../policy/experiment.ts'
import { buildRecord, experimentPods, parseRecord, recordGap, type ExperimentPod } from '../policy/record.ts'
import { policyAllowsPort, policyCleaned, policyDenies } from '../checks/policy.ts'
import { writeManifest } from './effects/manifest-file.ts'
import { toCommand } from './command.ts'
import { SAYS, labPolicies, leftoverDelete, optionsOf, probes, reads, writes } from './policy-commands.ts'
import { leftoverPlan, policyPlan } from './policy-plan.ts'

export { WGET_TIMEOUT_S, PING_WAIT_S } from './policy-commands.ts'
export { policyBudget } from './policy-plan.ts'

export async function clearLeftovers(ctx: StepContext): Promise<boolean> {
  const { config } = ctx
  const out = await ctx.run(toCommand(ctx, reads(config).leftovers))
  if (out.exitCode !== 0) return false // cannot tell; app.policy-cleaned reads the list again
  const left = labPolicies(out.stdout, config)
  for (const name of left)
    await ctx.must(
      toCommand(ctx, leftoverDelete(config, name)),
      `Delete it by hand: kubectl --context ${config.profile} -n ${config.app.namespace} delete networkpolicy ${name}`,
    )
  if (left.length > 0)
    ctx.note(
      `deleted ${left.join(', ')}: an interrupted app.policy run left ${left.length === 1 ? 'it' : 'them'}, and the pods' ingress stayed isolated`,
      'warn',
    )
  return left.length > 0
}

/** A step run first, after lab policies an interrupted run left are deleted (app.network: its pings judge first). */
export function afterPolicyLeftovers(step: Step): Step {
  return {
    ...step,
    plan: (config) => [...leftoverPlan(config), ...step.plan(config)],
    run: async (ctx) => {
      const cleared = await clearLeftovers(ctx)
      const outcome = await step.run(ctx)
      return cleared ? 'changed' : outcome
    },
  }
}

async function phase(ctx: StepContext, name: PolicyPhase, pairs: Pair[], wait: boolean): Promise<boolean> {
  const { config } = ctx
  const cmds = pairs.flatMap(({ a, b }) => probes(config, name, a.name, b.ip ?? ''))
  const attempt = async () => {
    const ran = await Promise.all(
      cmds.map(async (c) => {
        const command = toCommand(ctx, c)
        return { command, r: await ctx.run(command) }
      }),
    )
    const views = ran.map(({ command, r }) =>
      judgeProbe({
        key: command.key ?? '',
        argv: command.argv,
        stdout: r.stdout,
        stderr: r.stderr,
        exitCode: r.exitCode,
        entry: '',
      }),
    )
    return {
      done: views.every((v) => v !== undefined && v.outcome === EXPECTED[name][v.probe]),
      observed: views.map((v) => (v ? `${v.pod} ${v.probe}: ${v.detail}` : '?')).join('; '),
    }
  }
  ctx.progress(`${name}: expecting ${SAYS[name]}`)
  if (!wait) return (await attempt()).done
  try {
    await ctx.waitFor(`${name}: ${SAYS[name]}`, attempt, {
      timeoutMs: config.timeouts.policy * 1000,
      intervalMs: 1000,
      hint: 'app.policy records the last probes and its checks judge them.',
    })
    return true
  } catch (err) {
    if (!(err instanceof WaitTimeoutError)) throw err
    ctx.note(
      `${name}: ${SAYS[name]} was not seen within timeouts.policy (${config.timeouts.policy} s); the checks judge the last probes`,
      'warn',
    )
    return false
  }
}

async function runExperiment(ctx: StepContext, m: PolicyManifests, pods: ExperimentPod[]): Promise<void> {
  const { config } = ctx
  const pairs = pingPairs(pods)
  if (pairs.length < 2)
    throw new LabError(
      `app.policy needs two app pods with an IP to pair; found ${pods.map((p) => p.name).join(', ') || 'none'}`,
      {
        hint: `Both replicas must run: kubectl --context ${config.profile} -n ${config.app.namespace} get pods -o wide (see app.deploy).`,
      },
    )
  const w = writes(config, m)
  const hint = `Check the manifest against the cluster: kubectl --context ${config.profile} apply --dry-run=server -f manifests/`
  const applied: string[] = []
  try {
    const baseline = await phase(ctx, 'baseline', pairs, true)
    await ctx.must(toCommand(ctx, w.applyDeny), hint + m.deny.file)
    applied.push(m.deny.name)
    ctx.progress(`deny: applied ${m.deny.name}`)
    // A policy that selects none of the probed pods cannot change what they see: no point waiting for it.
    const selector = selectorOf(m.deny.yaml) ?? {}
    const isolates = pairs.some(({ b }) => selects(selector, b.labels))
    const denied = await phase(ctx, 'deny', pairs, baseline && isolates)
    await ctx.must(toCommand(ctx, w.applyAllow), hint + m.allow.file)
    applied.push(m.allow.name)
    ctx.progress(`allow: applied ${m.allow.name}`)
    await phase(ctx, 'allow', pairs, denied)
    await ctx.must(toCommand(ctx, w.delete))
    applied.length = 0
    await phase(ctx, 'clean', pairs, true)
  } catch (err) {
    // Put the cluster back when a command failed; after Ctrl-C nothing may run, and the next run cleans up.
    if (!(err instanceof InterruptedError) && !ctx.signal.aborted)
      for (const name of applied) await ctx.run(toCommand(ctx, leftoverDelete(config, name)))
    throw err
  }
}

async function runPolicy(ctx: StepContext): Promise<StepOutcome> {
  const { config } = ctx
  const cleared = await clearLeftovers(ctx)
  const same: StepOutcome = cleared ? 'changed' : 'unchanged'
  if (!config.policy.enabled) {
    ctx.note('policy.enabled is false: the NetworkPolicy experiment is skipped')
    return same
  }
  const o = optionsOf(ctx)
  const m = policyManifests(config, o)
  if (!o.selects)
    for (const x of [m.deny, m.allow])
      if (writeManifest(ctx.root, x.file, x.yaml)) ctx.note(`wrote manifests/${x.file}`)
  const r = reads(config)
  const recorded = await ctx.run(toCommand(ctx, r.record))
  const parsed = recorded.exitCode === 0 ? parseRecord(recorded.stdout) : { problem: 'there is none yet' }
  const gap = 'problem' in parsed ? parsed.problem : recordGap(parsed, m.hash)
  if (gap === undefined) {
    ctx.progress(`configmap/${recordName(config)} holds a complete experiment: nothing to do`)
    return same
  }
  ctx.progress(`running the experiment: the record in the cluster will not do (${gap})`)
  const start = ctx.journal.entries.length
  const pods = experimentPods((await ctx.must(toCommand(ctx, r.pods))).stdout)
  await runExperiment(ctx, m, pods)
  const own = ctx.journal.entries.slice(start).filter((e) => e.type === 'command')
  const record = buildRecord(own, {
    run: basename(ctx.journal.dir),
    at: new Date().toISOString(),
    hash: m.hash,
  })
  await ctx.must(toCommand(ctx, writes(config, m, recordManifest(config, JSON.stringify(record))).record))
  return 'changed'
}

async function collectPolicy(ctx: StepContext): Promise<void> {
  const { config } = ctx
  if (!config.policy.enabled) return
  const m = policyManifests(config, optionsOf(ctx))
  for (const [key, x] of [
    [KEY.policyManifestDeny, m.deny],
    [KEY.policyManifestAllow, m.allow],
  ] as const)
    ctx.artifact(key, x.file, x.yaml, {
      mediaType: 'application/yaml',
      description: `NetworkPolicy ${x.name}, as app.policy applies it with kubectl apply -f -`,
    })
  const r = reads(config)
  await ctx.run(toCommand(ctx, r.policies))
  await ctx.run(toCommand(ctx, r.record))
}

/** Seconds the experiment adds to a live lab when each policy takes effect at once (the plan prints it). */

export const policyStep = defineStep({
  id: STEP.policy,
  pkg: 'app',
  title: 'NetworkPolicy: deny, then allow TCP 3000 only, then clean up (Calico enforces it)',
  labItems: [],
  plan: policyPlan,
  run: runPolicy,
  collect: collectPolicy,
  checks: [policyDenies, policyAllowsPort, policyCleaned],
})
