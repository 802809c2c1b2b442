// Which minikube this lab supports, and the Calico each minikube release installs with `--cni calico`.
// The table is minikube's `calicoVersion` constant by release tag (calico-minikube-facts.md §1.1).

/** The oldest minikube the lab supports: the first release of the table below. */
export const SUPPORTED_MINIKUBE = 'v1.30.0'

const CALICO_BY_MINIKUBE: ReadonlyArray<readonly [minikube: string, calico: string]> = [
  ['v1.30.0', 'v3.24.5'],
  ['v1.31.0', 'v3.26.1'],
  ['v1.32.0', 'v3.26.3'],
  ['v1.33.0', 'v3.27.3'],
  ['v1.34.0', 'v3.28.1'],
  ['v1.35.0', 'v3.29.1'],
  ['v1.36.0', 'v3.30.0'],
  ['v1.37.0', 'v3.30.3'],
  ['v1.38.0', 'v3.31.3'],
  ['v1.38.1', 'v3.31.3'],
]

/** The newest release in the table, named in upgrade advice. */
export const LATEST_KNOWN = CALICO_BY_MINIKUBE[CALICO_BY_MINIKUBE.length - 1] ?? ['v1.38.1', 'v3.31.3']

/** `minikube version --short` prints `v1.34.0` (a build may add a suffix such as `-beta.0`). */
export function parseMinikubeVersion(stdout: string): string | undefined {
  return stdout.match(/v\d+\.\d+\.\d+\S*/)?.[0]
}

const parts = (v: string): [number, number, number] => {
  const [a = 0, b = 0, c = 0] = (v.match(/(\d+)\.(\d+)\.(\d+)/)?.slice(1) ?? []).map(Number)
  return [a, b, c]
}

/** Negative when a < b, by major.minor.patch; suffixes are ignored. */
export function compareVersions(a: string, b: string): number {
  const [x, y] = [parts(a), parts(b)]
  return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]
}

/**
 * The Calico a minikube installs. Exact for a tagged release in the table; otherwise the newest release at or
 * below it (`from` says which), since minikube bumps Calico in its minor releases.
 */
export function calicoOf(minikube: string): { calico: string; from: string; exact: boolean } | undefined {
  const row = [...CALICO_BY_MINIKUBE].reverse().find(([m]) => compareVersions(m, minikube) <= 0)
  if (!row) return undefined
  return { calico: row[1], from: row[0], exact: compareVersions(row[0], minikube) === 0 }
}
