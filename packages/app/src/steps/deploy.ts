// app.deploy: render and apply the frontend Deployment + Service (only when changed), wait until both pods serve.
import {
  LabError,
  WaitTimeoutError,
  defineStep,
  firstLine,
  type LabConfig,
  type PlanItem,
  type StepContext,
} from '@lab4/core'
import { calicoctlArgv, calicoctlFor } from '@lab4/ipam'
import { kube } from '../argv.ts'
import { KEY, STEP } from '../contract.ts'
import { frontendManifest } from '../manifests/frontend.ts'
import { appPods, imagePullTrouble, podLine, readyEndpoints, runningImages } from '../k8s.ts'
import { applyReason } from '../manifests/decide.ts'
import { writeManifest } from './effects/manifest-file.ts'
import { toCommand, toPlan, type StepCommand } from './command.ts'
import { appPodsInZonePool, deploymentReady, onePodPerZone, serviceEndpoints } from '../checks/deploy.ts'

/** Every kubectl command of app.deploy, in plan order: run and collect execute these, plan() lists them. */
function commands(config: LabConfig) {
  const m = frontendManifest(config)
  return {
    deployment: {
      args: kube.deploymentJson(config),
      key: KEY.deployment,
      why: 'read the Deployment and its spec hash',
    },
    service: { args: kube.serviceJson(config), key: KEY.service, why: 'read the Service and its spec hash' },
    apply: {
      args: kube.apply(),
      key: KEY.apply,
      stdin: m.yaml,
      why: 'create or update both objects',
      when: 'absent or spec hash differs',
    },
    rollout: {
      args: kube.rollout(config),
      key: KEY.rollout,
      timeoutMs: (config.timeouts.podReady + 30) * 1000,
      why: 'wait until every replica is Ready (the image builds on start)',
    },
    endpointSlices: {
      args: kube.endpointSlices(config),
      key: KEY.endpointSlices,
      why: 'poll the Service endpoints',
    },
    pods: {
      args: kube.podsJson(config),
      key: KEY.pods,
      why: 'the pods, their IPs, nodes and image digests, for the checks',
      when: 'in collect, and when the rollout fails',
    },
    podsWide: {
      args: kube.podsWide(config),
      key: KEY.podsWide,
      why: 'pod IPs and nodes, for the report',
      when: 'in collect',
    },
    objectsWide: {
      args: kube.objectsWide(config),
      key: KEY.objectsWide,
      why: 'the Deployment and Service as a table, for the report',
      when: 'in collect',
    },
    nodes: {
      args: kube.nodesJson(),
      key: KEY.nodes,
      why: 'node zones, to judge one pod per zone',
      when: 'in collect',
    },
  } satisfies Record<string, StepCommand>
}

/** Read through ipam's calicoctl pod; its runner adds --allow-version-mismatch when calicoctl asks for it. */
const POOLS = ['get', 'ippool', '-o', 'json']

export const deployStep = defineStep({
  id: STEP.deploy,
  pkg: 'app',
  title: 'frontend Deployment (2 replicas, one per zone) and its Service',
  labItems: [6, 7],
  plan: deployPlan,
  run: async (ctx) => {
    const { config } = ctx
    const m = frontendManifest(config)
    if (writeManifest(ctx.root, m.file, m.yaml)) ctx.note(`wrote manifests/${m.file}`)
    const c = commands(config)
    const deployment = toCommand(ctx, c.deployment)
    const service = toCommand(ctx, c.service)
    const reason = applyReason(m, {
      deployment: [deployment, await ctx.run(deployment)],
      service: [service, await ctx.run(service)],
    })
    if (reason) {
      ctx.progress(`applying manifests/${m.file}: ${reason}`)
      await ctx.must(
        toCommand(ctx, c.apply),
        `Check manifests/${m.file} against the cluster: kubectl --context ${config.profile} apply --dry-run=server -f manifests/${m.file}`,
      )
    }
    const rollout = await ctx.run(toCommand(ctx, c.rollout))
    if (rollout.exitCode !== 0)
      await failWithPodStates(
        ctx,
        `deployment/${config.app.name} did not roll out: ${firstLine(rollout.stderr) || firstLine(rollout.stdout)}`,
      )
    try {
      await ctx.waitFor(
        `${config.app.replicas} ready endpoints behind service/${config.app.service.name}`,
        async () => {
          const r = await ctx.run(toCommand(ctx, c.endpointSlices))
          if (r.exitCode !== 0) return { done: false, observed: firstLine(r.stderr) }
          const eps = readyEndpoints(r.stdout)
          return {
            done: eps.length >= config.app.replicas,
            observed: `${eps.length}/${config.app.replicas} ready${eps.length ? `: ${eps.map((e) => e.ip).join(', ')}` : ''}`,
          }
        },
        {
          timeoutMs: config.timeouts.podReady * 1000,
          hint: `The Service selector must match app=${config.app.name}: kubectl --context ${config.profile} -n ${config.app.namespace} describe service ${config.app.service.name}`,
        },
      )
    } catch (err) {
      if (err instanceof WaitTimeoutError)
        await failWithPodStates(ctx, err.message.split('\n')[0] ?? err.message)
      throw err
    }
    return reason ? 'changed' : 'unchanged'
  },
  collect: async (ctx) => {
    const { config } = ctx
    const m = frontendManifest(config)
    ctx.artifact(KEY.manifest, m.file, m.yaml, {
      mediaType: 'application/yaml',
      description: 'Deployment + Service for lab items 6 and 7, as applied with kubectl apply -f -',
    })
    const c = commands(config)
    const get = (x: StepCommand) => ctx.run(toCommand(ctx, x))
    await get(c.deployment)
    await get(c.service)
    await get(c.endpointSlices)
    const pods = await get(c.pods)
    const images = pods.exitCode === 0 ? runningImages(pods.stdout) : {}
    if (Object.keys(images).length > 0) ctx.versions({ images })
    await get(c.podsWide)
    await get(c.objectsWide)
    await get(c.nodes)
    await calicoctlFor(ctx).run(POOLS, KEY.pools)
  },
  checks: [deploymentReady, onePodPerZone, serviceEndpoints, appPodsInZonePool],
})

/** Record what the pods look like (the checks read it), then stop with their states and what to do. */
async function failWithPodStates(ctx: StepContext, what: string): Promise<never> {
  const { config } = ctx
  const c = commands(config)
  await ctx.run(toCommand(ctx, c.deployment))
  const r = await ctx.run(toCommand(ctx, c.pods))
  const pods = r.exitCode === 0 ? appPods(r.stdout, config) : []
  const states = pods.length ? pods.map(podLine).join('; ') : 'no pods'
  throw new LabError(`${what}; pods: ${states}`, { hint: podHint(config, pods) })
}

function podHint(config: LabConfig, pods: ReturnType<typeof appPods>): string {
  const k = `kubectl --context ${config.profile} -n ${config.app.namespace}`
  if (imagePullTrouble(pods).length > 0)
    return `The node cannot pull ${config.app.image}: check its network (minikube -p ${config.profile} ssh -- docker pull ${config.app.image}); the image is amd64-only.`
  if (pods.some((p) => p.status === 'Pending'))
    return `A pod is Pending: with DoNotSchedule spread each zone needs a labelled node (kubectl --context ${config.profile} get nodes -L ${config.zones.labelKey}); see ${k} describe pod <name>.`
  if (pods.some((p) => p.status === 'ContainerCreating'))
    return `No pod IP yet: is there a Calico pool for every zone? (${k} describe pod <name> shows "no configured Calico pools")`
  return `The image runs npm run build before it listens (minutes on small nodes); see ${k} logs <pod> and ${k} describe pod <pod>, or raise timeouts.podReady.`
}

function deployPlan(config: LabConfig): PlanItem[] {
  const m = frontendManifest(config)
  const c = commands(config)
  return [
    {
      kind: 'manifest',
      path: `manifests/${m.file}`,
      yaml: m.yaml,
      why: `Deployment ${config.app.name} (${config.app.replicas} replicas, spread over ${config.zones.labelKey}) and Service ${config.app.service.name} (${config.app.service.type})`,
    },
    toPlan(config, c.deployment),
    toPlan(config, c.service),
    toPlan(config, c.apply),
    toPlan(config, c.rollout),
    {
      kind: 'wait',
      condition: `${config.app.replicas} ready endpoints behind service/${config.app.service.name}`,
      timeoutS: config.timeouts.podReady,
    },
    toPlan(config, c.endpointSlices),
    toPlan(config, c.pods),
    toPlan(config, c.podsWide),
    toPlan(config, c.objectsWide),
    toPlan(config, c.nodes),
    {
      kind: 'command',
      argv: calicoctlArgv(config.profile, POOLS),
      why: 'the IP pools, to judge each pod IP against its zone pool',
      when: 'in collect; with --allow-version-mismatch when calicoctl refuses the cluster version',
    },
  ]
}
