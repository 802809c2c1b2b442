// Step ipam.calicoctl (lab item 3): a calicoctl pod whose image matches the cluster's Calico version.
import {
  CommandError,
  type LabConfig,
  type PlanItem,
  type StepContext,
  type V1Pod,
  defineStep,
  firstLine,
  podSummary,
} from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import { type CalicoctlMode, FALLBACK_CALICO_VERSION, calicoctlArgv, recordedMode } from './calicoctl.ts'
import {
  SPEC_HASH_ANNOTATION,
  calicoctlImage,
  calicoctlSpecHash,
  renderCalicoctlYaml,
} from '../manifests/calicoctl.ts'
import { calicoVersionFrom, parseCalicoctlVersion, sameRelease } from '../parse/version.ts'
import { calicoctlWorksCheck } from '../checks/calicoctl-works.ts'
import {
  CALICOCTL_READY,
  CC,
  applyStdinArgv,
  clusterInformationArgv,
  deleteCalicoctlPodArgv,
  getCalicoctlPodArgv,
  planKube,
} from './commands.ts'
import { writeIfChanged } from './files.ts'

export const CALICOCTL_MANIFEST = 'manifests/calicoctl.yaml'

/** What to do with the pod we found: keep it, or replace it (delete first when present). */
export function podDecision(pod: V1Pod | undefined, wantHash: string): 'reuse' | 'create' | 'replace' {
  if (!pod) return 'create'
  const s = podSummary(pod)
  const hash = pod.metadata?.annotations?.[SPEC_HASH_ANNOTATION]
  // A pod with our spec that is still starting is waited for, not recreated.
  const healthy = !s.deleting && s.phase !== 'Failed' && s.phase !== 'Succeeded'
  return hash === wantHash && healthy ? 'reuse' : 'replace'
}

async function chooseVersion(ctx: StepContext): Promise<CalicoctlMode> {
  const r = await ctx.run({ argv: clusterInformationArgv(ctx), key: KEY.clusterInformation })
  const version = r.exitCode === 0 ? calicoVersionFrom(r.stdout) : undefined
  const mode: CalicoctlMode = version
    ? { calicoVersion: version, allowMismatch: false, source: 'clusterinformation' }
    : { calicoVersion: FALLBACK_CALICO_VERSION, allowMismatch: true, source: 'fallback' }
  if (version) ctx.versions({ calico: version })
  else {
    const why =
      r.exitCode === 0
        ? 'spec.calicoVersion is empty or not a release tag'
        : firstLine(r.stderr) || `exit ${r.exitCode}`
    ctx.note(
      `Could not read the Calico version from ClusterInformation (${why}); using calicoctl ${FALLBACK_CALICO_VERSION} with --allow-version-mismatch on every calicoctl command.`,
      'warn',
    )
  }
  ctx.observe(KEY.calicoctlMode, mode, [ctx.lastEntryId() ?? ''].filter(Boolean))
  return mode
}

async function waitReady(ctx: StepContext, image: string): Promise<void> {
  await ctx.waitFor(
    CALICOCTL_READY,
    async () => {
      const r = await ctx.run({ argv: getCalicoctlPodArgv(ctx), key: KEY.calicoctlPod })
      if (r.exitCode !== 0) return { done: false, observed: firstLine(r.stderr) || `exit ${r.exitCode}` }
      const s = podSummary(JSON.parse(r.stdout) as V1Pod)
      return { done: s.ready, observed: `${s.status} ${s.readyCount}` }
    },
    {
      timeoutMs: ctx.config.timeouts.podReady * 1000,
      hint: `Look at \`kubectl --context ${ctx.config.profile} -n kube-system describe pod calicoctl\`; the image ${image} must be pullable from this machine.`,
    },
  )
}

/** What the step may run, from the same argv builders as run (the image tag of the fallback version shown). */
function plan(config: LabConfig): PlanItem[] {
  const k = planKube(config)
  const yaml = renderCalicoctlYaml(FALLBACK_CALICO_VERSION)
  return [
    {
      kind: 'command',
      argv: clusterInformationArgv(k),
      why: 'read the Calico version (spec.calicoVersion) for the calicoctl image tag',
    },
    {
      kind: 'command',
      argv: getCalicoctlPodArgv(k),
      why: 'is a calicoctl pod with our spec hash already running?',
    },
    {
      kind: 'command',
      argv: deleteCalicoctlPodArgv(k),
      why: 'a pod with another spec cannot be updated in place',
      when: 'pod spec differs',
    },
    {
      kind: 'command',
      argv: applyStdinArgv(k),
      stdin: yaml,
      why: 'ServiceAccount, RBAC and the calicoctl pod',
      when: 'pod absent or differs',
    },
    { kind: 'wait', condition: CALICOCTL_READY, timeoutS: config.timeouts.podReady },
    {
      kind: 'command',
      argv: calicoctlArgv(k, CC.version),
      why: 'client and cluster versions',
      when: 'collect',
    },
    {
      kind: 'manifest',
      path: CALICOCTL_MANIFEST,
      yaml,
      why: `the calicoctl pod (image tag = the cluster's Calico version; ${FALLBACK_CALICO_VERSION} shown)`,
    },
    {
      kind: 'note',
      text: `If the Calico version cannot be read, calicoctl ${FALLBACK_CALICO_VERSION} is used and every calicoctl command gets --allow-version-mismatch.`,
    },
  ]
}

export const calicoctlStep = defineStep({
  id: STEP.calicoctl,
  pkg: 'ipam',
  title: 'Run calicoctl as a pod matching the cluster’s Calico version',
  labItems: [3],
  plan,
  run: async (ctx) => {
    const mode = await chooseVersion(ctx)
    const yaml = renderCalicoctlYaml(mode.calicoVersion)
    const image = calicoctlImage(mode.calicoVersion)
    writeIfChanged(ctx.root, CALICOCTL_MANIFEST, yaml)

    const found = await ctx.run({ argv: getCalicoctlPodArgv(ctx), key: KEY.calicoctlPod })
    const absent = found.exitCode !== 0 && /NotFound|not found/.test(found.stderr)
    if (found.exitCode !== 0 && !absent)
      throw new CommandError(
        { argv: getCalicoctlPodArgv(ctx) },
        found,
        'Is the cluster up? Run `pnpm lab --from cluster.ready`.',
      )
    const pod = absent ? undefined : (JSON.parse(found.stdout) as V1Pod)
    const decision = podDecision(pod, calicoctlSpecHash(mode.calicoVersion))

    if (decision === 'reuse' && pod && podSummary(pod).ready) return 'unchanged'
    if (decision === 'replace') {
      ctx.progress(`replacing the calicoctl pod (spec changed) with ${image}`)
      await ctx.must({ argv: deleteCalicoctlPodArgv(ctx), key: KEY.calicoctlDelete })
    }
    if (decision !== 'reuse') {
      await ctx.must(
        { argv: applyStdinArgv(ctx), stdin: yaml, key: KEY.calicoctlApply },
        'kubectl apply of manifests/calicoctl.yaml failed; check RBAC and the API server.',
      )
    }
    await waitReady(ctx, image)
    return decision === 'reuse' ? 'unchanged' : 'changed'
  },
  collect: async (ctx) => {
    const recorded = recordedMode(ctx)
    const r = await ctx.run({
      argv: calicoctlArgv(ctx, CC.version, { allowMismatch: recorded?.allowMismatch ?? false }),
      key: KEY.calicoctlVersion,
    })
    const v = r.exitCode === 0 ? parseCalicoctlVersion(r.stdout) : {}
    if (v.client || v.cluster)
      ctx.versions({
        ...(v.client ? { calicoctl: v.client } : {}),
        ...(v.cluster ? { calico: v.cluster } : {}),
      })
    let mode = recorded
    // The binary's own report is the ground truth (and all that `pnpm verify`, which runs collect only, has).
    const matches = v.client !== undefined && v.cluster !== undefined && sameRelease(v.client, v.cluster)
    if (v.client && (!mode || (!mode.allowMismatch && !matches))) {
      mode = {
        calicoVersion: mode?.calicoVersion ?? v.cluster ?? v.client,
        allowMismatch: !matches,
        source: 'calicoctl-version',
      }
      ctx.observe(KEY.calicoctlMode, mode, [ctx.lastEntryId() ?? ''].filter(Boolean))
      if (!matches)
        ctx.note(
          `calicoctl ${v.client} does not match the cluster's Calico ${v.cluster ?? '(unknown)'}; calicoctl commands get --allow-version-mismatch.`,
          'warn',
        )
    }
    const yaml = renderCalicoctlYaml(mode?.calicoVersion ?? FALLBACK_CALICO_VERSION)
    ctx.artifact(KEY.calicoctlManifest, 'calicoctl.yaml', yaml, {
      mediaType: 'application/yaml',
      description: 'The calicoctl pod and its RBAC (manifests/calicoctl.yaml)',
    })
  },
  checks: [calicoctlWorksCheck],
})
