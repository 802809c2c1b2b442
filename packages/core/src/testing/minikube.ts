// minikube and kubectl version JSON, built from real excerpts (minikube PR 9996 head + issue 9970 tail).
import { kitFixture } from './fixtures.ts'

// The two real excerpts meet inside KubernetesConfig; only these fields between them are written by hand.
const SEAM =
  'in":"cni","FeatureGates":"","ServiceCIDR":"10.96.0.0/12","ImageRepository":"","ExtraOptions":null,"ShouldLoadCachedImages":true,"EnableDefaultCNI":false,"CNI":"calico","'

/** The real head excerpt without its prompt line: truncated JSON, as the source shows it. */
export const profileListHead = (): string =>
  kitFixture('minikube-profile-list-json-excerpt.txt')
    .replace(/^❯ .*\n/, '')
    .trimEnd()
export const profileListTail = (): string =>
  kitFixture('minikube-profile-list-json-nodes-excerpt.txt').trimEnd()

/** Head + seam + tail: one whole `minikube profile list -o json` (profile "minikube", 1 node, Stopped). */
export const realProfileList = (): string => profileListHead() + SEAM + profileListTail()

type RawProfile = {
  Name: string
  Status: string
  Config: Record<string, unknown> & {
    Name: string
    Driver: string
    KubernetesConfig: Record<string, unknown>
    Nodes: Array<Record<string, unknown>>
  }
}

export type ProfileSpec = {
  name: string
  status?: string
  nodes?: number
  cni?: string
  networkPlugin?: string
  driver?: string
  kubernetesVersion?: string
}

/** A profile list whose profiles are the real one with the given settings changed. */
export function profileList(profiles: readonly ProfileSpec[], invalid: readonly string[] = []): string {
  const base = (JSON.parse(realProfileList()) as { valid: RawProfile[] }).valid[0] as RawProfile
  const make = (s: ProfileSpec): RawProfile => {
    const p = structuredClone(base)
    const cp = p.Config.Nodes[0] ?? {}
    const version = s.kubernetesVersion ?? 'v1.31.0'
    p.Name = s.name
    p.Status = s.status ?? 'OK'
    p.Config.Name = s.name
    p.Config.Driver = s.driver ?? 'docker'
    p.Config.KubernetesConfig = {
      ...p.Config.KubernetesConfig,
      ClusterName: s.name,
      CNI: s.cni ?? 'calico',
      NetworkPlugin: s.networkPlugin ?? 'cni',
      KubernetesVersion: version,
    }
    p.Config.Nodes = Array.from({ length: s.nodes ?? 2 }, (_, i) =>
      i === 0
        ? { ...cp, KubernetesVersion: version }
        : {
            ...cp,
            Name: `m${String(i + 1).padStart(2, '0')}`,
            IP: `192.168.49.${i + 2}`,
            ControlPlane: false,
            KubernetesVersion: version,
          },
    )
    return p
  }
  return JSON.stringify({
    invalid: invalid.map((name) => ({ Name: name, Status: 'Unknown', Config: null })),
    valid: profiles.map(make),
  })
}

/** `minikube status -o json`: an object for one node, an array for several (no trailing newline, like minikube). */
export function statusJson(profile: string, nodes: number, state: 'Running' | 'Stopped' = 'Running'): string {
  const all = Array.from({ length: nodes }, (_, i) => ({
    Name: i === 0 ? profile : `${profile}-m${String(i + 1).padStart(2, '0')}`,
    Host: state,
    Kubelet: state,
    APIServer: i === 0 ? state : 'Irrelevant',
    Kubeconfig: i === 0 ? (state === 'Running' ? 'Configured' : 'Stopped') : 'Irrelevant',
    Worker: i !== 0,
  }))
  return JSON.stringify(nodes === 1 ? all[0] : all)
}

const versionInfo = (v: string, built: string) => ({
  major: '1',
  minor: v.split('.')[1] ?? '',
  gitVersion: v,
  gitCommit: '',
  gitTreeState: 'clean',
  buildDate: built,
  goVersion: 'go1.22.5',
  compiler: 'gc',
  platform: 'linux/amd64',
})

/** `kubectl version -o json`: 2-space indent (MarshalIndent); serverVersion only when a cluster answered. */
export const kubectlVersion = (client: string, server?: string): string =>
  `${JSON.stringify(
    {
      clientVersion: versionInfo(client, '2024-08-13T07:37:34Z'),
      kustomizeVersion: 'v5.4.2',
      ...(server ? { serverVersion: versionInfo(server, '2024-08-13T07:28:49Z') } : {}),
    },
    null,
    2,
  )}\n`
