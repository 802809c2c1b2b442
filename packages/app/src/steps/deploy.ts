// app.deploy: render and apply the frontend Deployment + Service (only when changed), wait until both pods serve.
import {
  LabError,
  WaitTimeoutError,
  defineStep,
  firstLine,
  kubectlArgv,
  type LabConfig,
  type PlanItem,
  type StepContext,
} from '@lab4/core'
import { kube } from '../argv.ts'
import { KEY, STEP } from '../names.ts'
import { frontendManifest } from '../manifests/frontend.ts'
import { appPods, imagePullTrouble, podLine, readyEndpoints, runningImages } from '../k8s.ts'
import { calicoctlFor } from '@lab4/ipam'
import { applyReason } from './decide.ts'
import { writeManifest } from './files.ts'
import { appPodsInZonePool, deploymentReady, onePodPerZone, serviceEndpoints } from '../checks/deploy.ts'

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
    const get = (args: string[], key: string) => ctx.run({ argv: ctx.kubectl(...args), key })
    const deployment = { argv: ctx.kubectl(...kube.deploymentJson(config)), key: KEY.deployment }
    const service = { argv: ctx.kubectl(...kube.serviceJson(config)), key: KEY.service }
    const reason = applyReason(m, {
      deployment: [deployment, await ctx.run(deployment)],
      service: [service, await ctx.run(service)],
    })
    if (reason) {
      ctx.progress(`applying manifests/${m.file}: ${reason}`)
      await ctx.must(
        { argv: ctx.kubectl(...kube.apply()), stdin: m.yaml, key: KEY.apply },
        `Check manifests/${m.file} against the cluster: kubectl --context ${config.profile} apply --dry-run=server -f manifests/${m.file}`,
      )
    }
    const rollout = await ctx.run({
      argv: ctx.kubectl(...kube.rollout(config)),
      key: KEY.rollout,
      timeoutMs: (config.timeouts.podReady + 30) * 1000,
    })
    if (rollout.exitCode !== 0)
      await failWithPodStates(
        ctx,
        `deployment/${config.app.name} did not roll out: ${firstLine(rollout.stderr) || firstLine(rollout.stdout)}`,
      )
    try {
      await ctx.waitFor(
        `${config.app.replicas} ready endpoints behind service/${config.app.service.name}`,
        async () => {
          const r = await get(kube.endpointSlices(config), KEY.endpointSlices)
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
    const get = (args: string[], key: string) => ctx.run({ argv: ctx.kubectl(...args), key })
    await get(kube.deploymentJson(config), KEY.deployment)
    await get(kube.serviceJson(config), KEY.service)
    await get(kube.endpointSlices(config), KEY.endpointSlices)
    const pods = await get(kube.podsJson(config), KEY.pods)
    const images = pods.exitCode === 0 ? runningImages(pods.stdout) : {}
    if (Object.keys(images).length > 0) ctx.versions({ images })
    await get(kube.podsWide(config), KEY.podsWide)
    await get(kube.objectsWide(config), KEY.objectsWide)
    await get(kube.nodesJson(), KEY.nodes)
    await calicoctlFor(ctx).run(['get', 'ippool', '-o', 'json'], KEY.pools)
  },
  checks: [deploymentReady, onePodPerZone, serviceEndpoints, appPodsInZonePool],
})

/** Record what the pods look like (the checks read it), then stop with their states and what to do. */
async function failWithPodStates(ctx: StepContext, what: string): Promise<never> {
  const { config } = ctx
  await ctx.run({ argv: ctx.kubectl(...kube.deploymentJson(config)), key: KEY.deployment })
  const r = await ctx.run({ argv: ctx.kubectl(...kube.podsJson(config)), key: KEY.pods })
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
  const k = (...args: string[]) => kubectlArgv(config.profile, ...args)
  return [
    {
      kind: 'manifest',
      path: `manifests/${m.file}`,
      yaml: m.yaml,
      why: `Deployment ${config.app.name} (${config.app.replicas} replicas, spread over ${config.zones.labelKey}) and Service ${config.app.service.name} (${config.app.service.type})`,
    },
    {
      kind: 'command',
      argv: k(...kube.deploymentJson(config)),
      why: 'read the Deployment and its spec hash',
    },
    { kind: 'command', argv: k(...kube.serviceJson(config)), why: 'read the Service and its spec hash' },
    {
      kind: 'command',
      argv: k(...kube.apply()),
      stdin: m.yaml,
      why: 'create or update both objects',
      when: 'absent or spec hash differs',
    },
    {
      kind: 'command',
      argv: k(...kube.rollout(config)),
      why: 'wait until every replica is Ready (the image builds on start)',
    },
    {
      kind: 'wait',
      condition: `${config.app.replicas} ready endpoints behind service/${config.app.service.name}`,
      timeoutS: config.timeouts.podReady,
    },
    { kind: 'command', argv: k(...kube.endpointSlices(config)), why: 'poll the Service endpoints' },
    { kind: 'command', argv: k(...kube.podsWide(config)), why: 'pod IPs and nodes, for the report' },
  ]
}
