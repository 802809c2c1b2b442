// Pure readers for version outputs recorded by the cluster steps.

/** `minikube version --short` prints `v1.34.0`. */
export function parseMinikubeVersion(stdout: string): string | undefined {
  return stdout.match(/v\d+\.\d+\.\d+\S*/)?.[0]
}

/** `kubectl version -o json`: client always, server when the API answered. */
export function parseKubectlVersion(stdout: string): {
  client: string | undefined
  server: string | undefined
} {
  try {
    const j = JSON.parse(stdout) as {
      clientVersion?: { gitVersion?: string }
      serverVersion?: { gitVersion?: string }
    }
    return { client: j.clientVersion?.gitVersion, server: j.serverVersion?.gitVersion }
  } catch {
    return { client: undefined, server: undefined }
  }
}

/** ClusterInformation `default` carries the running calico-node build in spec.calicoVersion. */
export function parseCalicoVersion(stdout: string): string | undefined {
  try {
    const j = JSON.parse(stdout) as { spec?: { calicoVersion?: string } }
    return j.spec?.calicoVersion || undefined
  } catch {
    return undefined
  }
}
