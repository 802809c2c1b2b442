// cluster.profile: observe the minikube profile, then create, start, reuse or refuse it; never resize it.
import { LabError, defineStep, kubectlArgv } from '@lab4/core'
import type { LabConfig, PlanItem, StepContext } from '@lab4/core'
import { downArgv, kube, minikubeVersionArgv, profileListArgv, startArgv, statusArgv } from '../argv.ts'
import { decideProfile, describeDecision, observeProfile } from '../decide.ts'
import { KEY, STEP } from '../contract.ts'
import { parseProfileList, parseStatus } from '../parse/minikube.ts'
import { parseKubectlVersion, parseMinikubeVersion } from '../parse/versions.ts'

export const profileStep = defineStep({
  id: STEP.profile,
  pkg: 'cluster',
  title: 'minikube profile with 2 nodes and Calico',
  labItems: [1],
  plan: profilePlan,
  run: async (ctx) => {
    const { config } = ctx
    const list = await ctx.run({ argv: profileListArgv(), key: KEY.profileList })
    const status = await ctx.run({ argv: statusArgv(config), key: KEY.status })
    const observed = observeProfile(
      config.profile,
      parseProfileList(list.stdout, list.exitCode),
      readStatus(config, status),
    )
    const decision = decideProfile(observed, config, { recreate: Boolean(ctx.flags.recreate) })
    const line = describeDecision(config.profile, observed, decision)
    ctx.note(line, decision.kind === 'mismatch' ? 'warn' : 'info')
    ctx.progress(line)
    switch (decision.kind) {
      case 'reuse':
        return 'unchanged'
      case 'mismatch':
        // The fix is in the message too: the engine records only the message of a failed step.
        throw new LabError(
          `minikube profile ${config.profile} does not match lab.config.yaml: ${decision.differences.join('; ')}. Run \`pnpm lab --recreate\` to replace it`,
          {
            exitCode: 2,
            hint: `This tool never adds or removes nodes. Run \`pnpm lab --recreate\` to delete profile ${config.profile} and create it as configured, or set another \`profile:\` in lab.config.yaml.`,
          },
        )
      case 'recreate':
        await ctx.must(
          { argv: downArgv(config), key: KEY.delete, timeoutMs: config.timeouts.clusterStart * 1000 },
          `delete it by hand: minikube delete -p ${config.profile}`,
        )
        await start(ctx)
        return 'changed'
      case 'create':
      case 'start':
        await start(ctx)
        return 'changed'
    }
  },
  collect: async (ctx) => {
    const { config } = ctx
    const mk = await ctx.run({ argv: minikubeVersionArgv(), key: KEY.minikubeVersion })
    const kv = await ctx.run({ argv: ctx.kubectl(...kube.version()), key: KEY.kubectlVersion })
    // Recorded after any start so the report shows the state the lab ran on, not the one before creation.
    await ctx.run({ argv: statusArgv(config), key: KEY.status })
    const k = parseKubectlVersion(kv.stdout)
    ctx.versions(
      defined({
        minikube: parseMinikubeVersion(mk.stdout),
        kubernetes: k.server,
        kubectl: k.client,
        driver: config.cluster.driver,
      }),
    )
  },
  checks: [],
})

async function start(ctx: StepContext): Promise<void> {
  const { config } = ctx
  ctx.progress(
    `minikube start -p ${config.profile} (${config.cluster.nodes} nodes, Calico); this takes a few minutes`,
  )
  await ctx.must(
    { argv: startArgv(config), key: KEY.start, timeoutMs: config.timeouts.clusterStart * 1000 },
    `read the minikube output above; \`minikube logs -p ${config.profile}\` has details. If the profile is broken, run \`pnpm lab --recreate\`.`,
  )
}

function readStatus(config: LabConfig, r: { stdout: string; exitCode: number | null; stderr: string }) {
  try {
    return parseStatus(r.stdout, r.exitCode)
  } catch (err) {
    throw new LabError(
      `cannot read the state of minikube profile ${config.profile}: ${err instanceof Error ? err.message : String(err)}${r.stderr.trim() ? ` (${r.stderr.trim().split('\n')[0]})` : ''}`,
      {
        exitCode: 2,
        hint: `Run \`minikube status -p ${config.profile}\` yourself; is minikube installed and on PATH?`,
      },
    )
  }
}

const defined = <T extends Record<string, string | undefined>>(o: T): Partial<T> =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>

function profilePlan(config: LabConfig): PlanItem[] {
  // The same builder ctx.kubectl uses in run, so plan and run print one argv.
  const k = (...a: string[]) => kubectlArgv(config.profile, ...a)
  return [
    {
      kind: 'command',
      argv: profileListArgv(),
      why: `see whether profile ${config.profile} exists and with which nodes, CNI, driver and Kubernetes version`,
      when: 'always',
    },
    {
      kind: 'command',
      argv: statusArgv(config),
      why: 'is it running? (exit 85 = no such profile; otherwise a bitmask of what is down)',
      when: 'always',
    },
    {
      kind: 'command',
      argv: downArgv(config),
      why: 'delete the profile before creating it again',
      when: 'only with --recreate',
    },
    {
      kind: 'command',
      argv: startArgv(config),
      why: `${config.cluster.nodes} nodes with Calico as the CNI in one go (adding a node later gives -m03 names and a CNI warning)`,
      when: 'profile absent or stopped; skipped when it already runs as configured',
    },
    {
      kind: 'note',
      text: `A profile with another node count, CNI, driver or Kubernetes version is refused with its differences, never resized; --recreate replaces it.`,
    },
    {
      kind: 'wait',
      condition: `minikube start -p ${config.profile} finishes`,
      timeoutS: config.timeouts.clusterStart,
    },
    { kind: 'command', argv: minikubeVersionArgv(), why: 'minikube version for the report', when: 'collect' },
    {
      kind: 'command',
      argv: k(...kube.version()),
      why: 'kubectl client and Kubernetes server versions for the report',
      when: 'collect',
    },
    { kind: 'command', argv: statusArgv(config), why: 'the profile state the lab ran on', when: 'collect' },
  ]
}
