// The profile lifecycle decision: pure over what minikube reports and what the config wants. Never resizes a cluster.
import type { LabConfig } from '@lab4/core'
import type { ClusterStatus, ProfileInfo, ProfileList } from './parse/minikube.ts'

export type ObservedProfile =
  | { kind: 'absent' }
  /** minikube knows the profile but we cannot read its settings (invalid config, profile list failed). */
  | { kind: 'unreadable'; reason: string }
  | {
      kind: 'present'
      nodes: number
      driver: string | undefined
      cni: string | undefined
      networkPlugin: string | undefined
      kubernetesVersion: string | undefined
      running: boolean
      /** Human summary of the state, e.g. `Running` or `Stopped (a host is not running)`. */
      state: string
    }

export type ProfileDecision =
  | { kind: 'create' }
  | { kind: 'reuse' }
  | { kind: 'start' }
  | { kind: 'mismatch'; differences: string[] }
  | { kind: 'recreate' }

export function observeProfile(profile: string, list: ProfileList, status: ClusterStatus): ObservedProfile {
  const listed = list.ok ? list.valid.find((p) => p.name === profile) : undefined
  const invalid = list.ok ? list.invalid.some((p) => p.name === profile) : false
  if (status.kind === 'absent' && !listed && !invalid) return { kind: 'absent' }
  if (invalid)
    return {
      kind: 'unreadable',
      reason: `minikube lists profile ${profile} as invalid (its config cannot be loaded)`,
    }
  if (!list.ok) return { kind: 'unreadable', reason: list.error }
  if (!listed)
    return {
      kind: 'unreadable',
      reason: `\`minikube status -p ${profile}\` reports the profile but \`minikube profile list\` does not`,
    }
  return present(listed, status)
}

function present(p: ProfileInfo, status: ClusterStatus): ObservedProfile {
  const running = status.kind === 'present' && status.running
  const state =
    status.kind === 'absent'
      ? `${p.status} (no machine)`
      : running
        ? 'Running'
        : `${p.status} (${status.problems.join('; ')})`
  return {
    kind: 'present',
    nodes: p.nodes?.length ?? (status.kind === 'present' ? status.nodes.length : 0),
    driver: p.driver,
    cni: p.cni,
    networkPlugin: p.networkPlugin,
    kubernetesVersion: p.kubernetesVersion,
    running,
    state,
  }
}

export function decideProfile(
  observed: ObservedProfile,
  config: LabConfig,
  opts: { recreate: boolean },
): ProfileDecision {
  if (observed.kind === 'absent') return { kind: 'create' }
  if (opts.recreate) return { kind: 'recreate' }
  if (observed.kind === 'unreadable') return { kind: 'mismatch', differences: [observed.reason] }
  const differences = profileDifferences(observed, config)
  if (differences.length > 0) return { kind: 'mismatch', differences }
  return observed.running ? { kind: 'reuse' } : { kind: 'start' }
}

/** Each setting `minikube start` cannot change on an existing profile, worded for the user. */
export function profileDifferences(
  o: Extract<ObservedProfile, { kind: 'present' }>,
  config: LabConfig,
): string[] {
  const p = config.profile
  const want = config.cluster
  const out: string[] = []
  if (o.nodes !== want.nodes)
    out.push(`profile ${p} has ${plural(o.nodes, 'node')}, the config wants ${want.nodes}`)
  const cni = (o.cni ?? '').toLowerCase()
  if (cni !== 'calico') out.push(`profile ${p} uses CNI ${describeCni(o)}, the config wants calico`)
  if (o.driver !== undefined && o.driver !== want.driver)
    out.push(`profile ${p} uses driver ${o.driver}, the config wants ${want.driver}`)
  if (
    want.kubernetesVersion &&
    o.kubernetesVersion &&
    withV(o.kubernetesVersion) !== withV(want.kubernetesVersion)
  ) {
    out.push(
      `profile ${p} runs Kubernetes ${withV(o.kubernetesVersion)}, the config wants ${withV(want.kubernetesVersion)}`,
    )
  }
  return out
}

function describeCni(o: { cni: string | undefined; networkPlugin: string | undefined }): string {
  if (o.cni) return `"${o.cni}"`
  // --network-plugin=cni without --cni means "bring your own CNI"; neither flag means minikube picked one (kindnet for multi-node).
  return o.networkPlugin === 'cni'
    ? '"" (--network-plugin=cni, none installed by minikube)'
    : '"" (chosen by minikube: kindnet or bridge)'
}

const withV = (v: string): string => (v.startsWith('v') ? v : `v${v}`)
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`

/** One line for the journal and the progress display. */
export function describeDecision(profile: string, observed: ObservedProfile, d: ProfileDecision): string {
  const seen =
    observed.kind === 'absent'
      ? 'does not exist'
      : observed.kind === 'unreadable'
        ? `cannot be read (${observed.reason})`
        : `is ${observed.state}, ${plural(observed.nodes, 'node')}, CNI ${observed.cni || '(none)'}, driver ${observed.driver ?? '?'}`
  const action: Record<ProfileDecision['kind'], string> = {
    create: 'creating it',
    reuse: 'reusing it as is',
    start: 'starting it',
    mismatch: 'refusing to touch it',
    recreate: 'deleting and recreating it (--recreate)',
  }
  return `minikube profile ${profile} ${seen}: ${action[d.kind]}`
}
