// Step ipam.calicoctl (lab item 3): a calicoctl pod whose image matches the cluster's Calico version.
import { CommandError, type StepContext, type V1Pod, defineStep, firstLine, podSummary } from '@lab4/core'
import {
  CALICOCTL_MODE_KEY,
  type CalicoctlMode,
  FALLBACK_CALICO_VERSION,
  calicoVersionFrom,
  calicoctlArgv,
  recordedMode,
} from '../calicoctl.ts'
import {
  CALICOCTL_NAME,
  CALICOCTL_NAMESPACE,
  SPEC_HASH_ANNOTATION,
  calicoctlImage,
  calicoctlSpecHash,
  renderCalicoctlYaml,
} from '../manifests/calicoctl.ts'
import { parseCalicoctlVersion, sameRelease } from '../parse/version.ts'
import { calicoctlWorksCheck } from '../checks/calicoctl-works.ts'
import { writeIfChanged } from './files.ts'

export const CALICOCTL_MANIFEST = 'manifests/calicoctl.yaml'

const getPod = (ctx: StepContext) =>
  ctx.kubectl('-n', CALICOCTL_NAMESPACE, 'get', 'pod', CALICOCTL_NAME, '-o', 'json')
const clusterInformation = (k: Pick<StepContext, 'kubectl'>) =>
  k.kubectl('get', 'clusterinformations.crd.projectcalico.org', 'default', '-o', 'json')

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
  const r = await ctx.run({ argv: clusterInformation(ctx), key: 'ipam.clusterinformation' })
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
  ctx.observe(CALICOCTL_MODE_KEY, mode, [ctx.lastEntryId() ?? ''].filter(Boolean))
  return mode
}

async function waitReady(ctx: StepContext, image: string): Promise<void> {
  await ctx.waitFor(
    'calicoctl pod Ready in kube-system',
    async () => {
      const r = await ctx.run({ argv: getPod(ctx), key: 'ipam.calicoctl-pod' })
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

export const calicoctlStep = defineStep({
  id: 'ipam.calicoctl',
  pkg: 'ipam',
  title: 'Run calicoctl as a pod matching the cluster’s Calico version',
  labItems: [3],
  plan: (config) => {
    const k = { kubectl: (...a: string[]) => ['kubectl', '--context', config.profile, ...a] }
    const yaml = renderCalicoctlYaml(FALLBACK_CALICO_VERSION)
    return [
      {
        kind: 'command',
        argv: clusterInformation(k),
        why: 'read the Calico version (spec.calicoVersion) for the calicoctl image tag',
      },
      {
        kind: 'command',
        argv: k.kubectl('-n', 'kube-system', 'get', 'pod', 'calicoctl', '-o', 'json'),
        why: 'is a calicoctl pod with our spec hash already running?',
      },
      {
        kind: 'command',
        argv: k.kubectl('-n', 'kube-system', 'delete', 'pod', 'calicoctl', '--wait=true'),
        why: 'a pod with another spec cannot be updated in place',
        when: 'pod spec differs',
      },
      {
        kind: 'command',
        argv: k.kubectl('apply', '-f', '-'),
        stdin: yaml,
        why: 'ServiceAccount, RBAC and the calicoctl pod',
        when: 'pod absent or differs',
      },
      { kind: 'wait', condition: 'calicoctl pod Ready in kube-system', timeoutS: config.timeouts.podReady },
      {
        kind: 'command',
        argv: calicoctlArgv(config.profile, ['version']),
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
  },
  run: async (ctx) => {
    const mode = await chooseVersion(ctx)
    const yaml = renderCalicoctlYaml(mode.calicoVersion)
    const image = calicoctlImage(mode.calicoVersion)
    writeIfChanged(ctx.root, CALICOCTL_MANIFEST, yaml)

    const found = await ctx.run({ argv: getPod(ctx), key: 'ipam.calicoctl-pod' })
    const absent = found.exitCode !== 0 && /NotFound|not found/.test(found.stderr)
    if (found.exitCode !== 0 && !absent)
      throw new CommandError(
        { argv: getPod(ctx) },
        found,
        'Is the cluster up? Run `pnpm lab --from cluster.ready`.',
      )
    const pod = absent ? undefined : (JSON.parse(found.stdout) as V1Pod)
    const decision = podDecision(pod, calicoctlSpecHash(mode.calicoVersion))

    if (decision === 'reuse' && pod && podSummary(pod).ready) return 'unchanged'
    if (decision === 'replace') {
      ctx.progress(`replacing the calicoctl pod (spec changed) with ${image}`)
      await ctx.must({
        argv: ctx.kubectl('-n', CALICOCTL_NAMESPACE, 'delete', 'pod', CALICOCTL_NAME, '--wait=true'),
        key: 'ipam.calicoctl-delete',
      })
    }
    if (decision !== 'reuse') {
      await ctx.must(
        { argv: ctx.kubectl('apply', '-f', '-'), stdin: yaml, key: 'ipam.calicoctl-apply' },
        'kubectl apply of manifests/calicoctl.yaml failed; check RBAC and the API server.',
      )
    }
    await waitReady(ctx, image)
    return decision === 'reuse' ? 'unchanged' : 'changed'
  },
  collect: async (ctx) => {
    const recorded = recordedMode(ctx)
    const r = await ctx.run({
      argv: calicoctlArgv(ctx, ['version'], { allowMismatch: recorded?.allowMismatch ?? false }),
      key: 'ipam.calicoctl-version',
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
      ctx.observe(CALICOCTL_MODE_KEY, mode, [ctx.lastEntryId() ?? ''].filter(Boolean))
      if (!matches)
        ctx.note(
          `calicoctl ${v.client} does not match the cluster's Calico ${v.cluster ?? '(unknown)'}; calicoctl commands get --allow-version-mismatch.`,
          'warn',
        )
    }
    const yaml = renderCalicoctlYaml(mode?.calicoVersion ?? FALLBACK_CALICO_VERSION)
    ctx.artifact('ipam.manifest.calicoctl', 'calicoctl.yaml', yaml, {
      mediaType: 'application/yaml',
      description: 'The calicoctl pod and its RBAC (manifests/calicoctl.yaml)',
    })
  },
  checks: [calicoctlWorksCheck],
})
