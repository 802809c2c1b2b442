// app.policy: why Calico. Probe HTTP and ping between the pods, deny all ingress, allow TCP 3000 only, clean up.
// The outcome is kept in a ConfigMap, so a re-run (and `pnpm verify`) judges it without repeating the experiment.
import { basename } from 'node:path'
import {
  InterruptedError,
  LabError,
  WaitTimeoutError,
  defineStep,
  parseItems,
  type LabConfig,
  type PlanItem,
  type Step,
  type StepContext,
  type StepOutcome,
} from '@lab4/core'
import { kube } from '../argv.ts'
import { KEY, POLICY_PHASES, POLICY_PROBE_KEYS, STEP, type PolicyPhase } from '../contract.ts'
import {
  allowName,
  denyName,
  policyManifests,
  recordManifest,
  recordName,
  type PolicyManifests,
  type PolicyOptions,
} from '../manifests/policy.ts'
import { CONTAINER_PORT, endpointFqdn } from '../names.ts'
import { pingPairs, type Pair } from '../pairs.ts'
import { EXPECTED, judgeProbe, selectorOf, selects } from '../policy/experiment.ts'
import { buildRecord, experimentPods, parseRecord, recordGap, type ExperimentPod } from '../policy/record.ts'
import { policyAllowsPort, policyCleaned, policyDenies } from '../checks/policy.ts'
import { writeManifest } from './effects/manifest-file.ts'
import { toCommand, toPlan, type StepCommand } from './command.ts'

/** BusyBox wget's -T: a dropped SYN ends after this many seconds instead of the kernel's two minutes. */
export const WGET_TIMEOUT_S = 3
/** BusyBox ping's -W: seconds to wait for a reply after the last packet (its default, 10, would dominate). */
export const PING_WAIT_S = 2

const SAYS: Record<PolicyPhase, string> = {
  baseline: 'HTTP and ping reach the neighbour',
  deny: 'HTTP and ping time out',
  allow: 'HTTP passes, ping gets no reply',
  clean: 'HTTP and ping reach the neighbour again',
}

/** Reads: lab policies left over, the record, the pods; after the experiment the policies again. */
function reads(config: LabConfig) {
  return {
    leftovers: {
      args: kube.networkPolicies(config),
      key: KEY.policyLeftovers,
      why: 'a lab NetworkPolicy an interrupted app.policy left would block the pings: it is deleted before anything is judged',
    },
    record: {
      args: kube.configMapJson(config, recordName(config)),
      key: KEY.policyRecord,
      why: `the record of an earlier complete experiment (data.record.json): with it and no policy left, nothing runs`,
    },
    pods: {
      args: kube.podsJson(config),
      key: KEY.policyPods,
      why: 'pod names, IPs and labels: each pod probes the pod on the other node; the policies select by label',
      when: 'no complete record',
    },
    policies: {
      args: kube.networkPolicies(config),
      key: KEY.policies,
      why: 'every NetworkPolicy in the namespace after the experiment: none of the lab policies may be left',
      when: 'in collect',
    },
  } satisfies Record<string, StepCommand>
}

const leftoverDelete = (config: LabConfig, name: string): StepCommand => ({
  args: kube.deleteNetworkPolicies(config, [name]),
  key: KEY.policyLeftoversDelete,
  why: `delete ${name}, left by an interrupted run`,
  when: 'the policy is still there',
})

/** The writes of one experiment, in order. */
function writes(config: LabConfig, m: PolicyManifests, record = '') {
  return {
    applyDeny: {
      args: kube.apply(),
      key: KEY.policyApplyDeny,
      stdin: m.deny.yaml,
      why: `${m.deny.name}: select the app pods for ingress and allow nothing`,
      when: 'no complete record',
    },
    applyAllow: {
      args: kube.apply(),
      key: KEY.policyApplyAllow,
      stdin: m.allow.yaml,
      why: `${m.allow.name}: allow TCP ${CONTAINER_PORT} from pods app=${config.app.name}`,
      when: 'no complete record',
    },
    delete: {
      args: kube.deleteNetworkPolicies(config, [m.deny.name, m.allow.name]),
      key: KEY.policyDelete,
      why: 'clean up: the pods accept all traffic again',
      when: 'no complete record',
    },
    record: {
      args: kube.apply(),
      key: KEY.policyRecordApply,
      ...(record ? { stdin: record } : {}),
      why: `keep the outcome in configmap/${recordName(config)} (stdin: the ConfigMap with every probe's output)`,
      when: 'after the clean-up',
    },
  } satisfies Record<string, StepCommand>
}

/** What pod `from` runs toward the pod at `toIp` in one phase: run executes these, plan shows placeholders. */
function probes(config: LabConfig, phase: PolicyPhase, from: string, toIp: string): StepCommand[] {
  const fqdn = endpointFqdn(config, toIp)
  const keys = POLICY_PROBE_KEYS[phase]
  // Generous: a blocked ping ends after (count - 1) s + -W; the limit only guards against a hung exec.
  const timeoutMs = (config.app.pingCount + PING_WAIT_S + WGET_TIMEOUT_S + 20) * 1000
  return [
    {
      args: kube.exec(
        config,
        from,
        'wget',
        '-qO-',
        '-T',
        String(WGET_TIMEOUT_S),
        `http://${fqdn}:${CONTAINER_PORT}/`,
      ),
      key: keys.http(from),
      why: `${phase}: HTTP to the neighbour on :${CONTAINER_PORT} (expected: ${EXPECTED[phase].http})`,
      timeoutMs,
    },
    {
      args: kube.exec(
        config,
        from,
        'ping',
        '-c',
        String(config.app.pingCount),
        '-W',
        String(PING_WAIT_S),
        fqdn,
      ),
      key: keys.ping(from),
      why: `${phase}: ping (ICMP) to the neighbour (expected: ${EXPECTED[phase].ping})`,
      timeoutMs,
    },
  ]
}

/** The self-test may make the policies select another label value (a typo), to show the checks catch it. */
const optionsOf = (ctx: Pick<StepContext, 'flags'>): PolicyOptions => {
  const v = ctx.flags['policy-select']
  return typeof v === 'string' && v !== '' ? { selects: v } : {}
}

/** The lab's own policies among `kubectl get networkpolicies -o json`. */
function labPolicies(stdout: string, config: LabConfig): string[] {
  const names = [denyName(config), allowName(config)]
  return parseItems<{ metadata?: { name?: string } }>(stdout)
    .map((p) => p.metadata?.name ?? '')
    .filter((n) => names.includes(n))
}

/** Delete lab policies an interrupted run left; true when there were some. */
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

const leftoverPlan = (config: LabConfig): PlanItem[] => [
  toPlan(config, reads(config).leftovers),
  ...[denyName(config), allowName(config)].map((n) => toPlan(config, leftoverDelete(config, n))),
]

/** Probe every pair at once; wait (up to timeouts.policy) until the phase shows what it should, when `wait`. */
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
export function policyBudget(config: LabConfig): { seconds: number; text: string } {
  const EXEC_S = 1 // kubectl exec start-up, per phase (the probes of a phase run at the same time)
  const KUBECTL_S = 0.5 // one kubectl call against minikube
  const slowest = Math.max(WGET_TIMEOUT_S, config.app.pingCount - 1 + PING_WAIT_S)
  const calls = 9 // leftovers, record, pods, apply ×2, delete, record apply; in collect: policies, record
  const seconds = POLICY_PHASES.length * (slowest + EXEC_S) + calls * KUBECTL_S
  return {
    seconds,
    text: `app.policy adds about ${seconds} s to a live lab: ${POLICY_PHASES.length} phases × (${slowest} s for the slowest probe — wget -T ${WGET_TIMEOUT_S}, ping -c ${config.app.pingCount} -W ${PING_WAIT_S} with no reply — + ${EXEC_S} s exec start-up; the pairs probe at once) + ${calls} kubectl calls × ${KUBECTL_S} s. A phase whose outcome lags waits up to timeouts.policy (${config.timeouts.policy} s) more; a re-run with the record in place costs 2 calls.`,
  }
}

function policyPlan(config: LabConfig): PlanItem[] {
  if (!config.policy.enabled)
    return [
      { kind: 'note', text: 'policy.enabled is false: app.policy only deletes lab policies a run left' },
      ...leftoverPlan(config),
    ]
  const m = policyManifests(config)
  const r = reads(config)
  const w = writes(config, m)
  const [z1 = 'zone 1', z2 = 'zone 2'] = config.zones.values
  const phasePlan = (p: PolicyPhase): PlanItem[] => [
    { kind: 'wait', condition: `${p}: ${SAYS[p]}`, timeoutS: config.timeouts.policy },
    ...[
      [z1, z2],
      [z2, z1],
    ].flatMap(([from, to]) =>
      probes(config, p, `<pod in zone ${from}>`, `<IP of the pod in zone ${to}, dashed>`).map((c) =>
        toPlan(config, c),
      ),
    ),
  ]
  return [
    {
      kind: 'manifest',
      path: `manifests/${m.deny.file}`,
      yaml: m.deny.yaml,
      why: `NetworkPolicy ${m.deny.name}: deny all ingress to app=${config.app.name}`,
    },
    {
      kind: 'manifest',
      path: `manifests/${m.allow.file}`,
      yaml: m.allow.yaml,
      why: `NetworkPolicy ${m.allow.name}: allow TCP ${CONTAINER_PORT} from app=${config.app.name} (ICMP stays blocked)`,
    },
    ...leftoverPlan(config),
    toPlan(config, r.record),
    toPlan(config, r.pods),
    ...phasePlan('baseline'),
    toPlan(config, w.applyDeny),
    ...phasePlan('deny'),
    toPlan(config, w.applyAllow),
    ...phasePlan('allow'),
    toPlan(config, w.delete),
    ...phasePlan('clean'),
    toPlan(config, w.record),
    toPlan(config, r.policies),
    toPlan(config, { ...r.record, when: 'in collect' }),
    { kind: 'note', text: policyBudget(config).text },
  ]
}

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
