// `calicoctl version`: aligned `Label:   value` lines; the cluster lines are missing when no datastore answers.

export type CalicoctlVersion = {
  readonly client?: string
  readonly cluster?: string
  readonly clusterType?: string
}

export function parseCalicoctlVersion(text: string): CalicoctlVersion {
  const field = (label: string) => new RegExp(`^\\s*${label}:\\s+(\\S+)`, 'm').exec(text)?.[1]
  const client = field('Client Version')
  const cluster = field('Cluster Version')
  const clusterType = field('Cluster Type')
  return {
    ...(client ? { client } : {}),
    ...(cluster ? { cluster } : {}),
    ...(clusterType ? { clusterType } : {}),
  }
}

/** calicoctl compares `x.y.z` only (no `v`, no `-suffix`); so do we. */
export const sameRelease = (a: string, b: string): boolean => release(a) === release(b)
const release = (v: string) => v.replace(/^v/, '').split('-')[0]

/** Recognise the version-mismatch refusal in any casing (v3.31 lower-cased it). */
export const isVersionMismatch = (stderr: string): boolean => /version mismatch/i.test(stderr)

/** `kubectl get clusterinformations.crd.projectcalico.org default -o json`: spec.calicoVersion, when it looks like a release tag. */
export function calicoVersionFrom(clusterInformationJson: string): string | undefined {
  try {
    const v = (JSON.parse(clusterInformationJson) as { spec?: { calicoVersion?: unknown } }).spec
      ?.calicoVersion
    return typeof v === 'string' && /^v\d+\.\d+\.\d+([-+][\w.]+)?$/.test(v) ? v : undefined
  } catch {
    return undefined
  }
}
