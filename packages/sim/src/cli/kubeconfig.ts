// The kubeconfig minikube writes: cluster, context and user named after the profile, with minikube's extensions.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { parse, stringify } from 'yaml'
import { MINIKUBE_VERSION } from '../world/versions.ts'

type Named<T> = { name: string } & T
export type KubeConfig = {
  apiVersion: 'v1'
  kind: 'Config'
  'current-context': string
  clusters: Named<{ cluster: Record<string, unknown> }>[] | null
  contexts: Named<{ context: Record<string, unknown> }>[] | null
  users: Named<{ user: Record<string, unknown> }>[] | null
  preferences: Record<string, never>
}

export const emptyKubeConfig = (): KubeConfig => ({
  apiVersion: 'v1',
  clusters: null,
  contexts: null,
  'current-context': '',
  kind: 'Config',
  preferences: {},
  users: null,
})

export function readKubeConfig(file: string): KubeConfig {
  if (!existsSync(file)) return emptyKubeConfig()
  return { ...emptyKubeConfig(), ...((parse(readFileSync(file, 'utf8')) ?? {}) as Partial<KubeConfig>) }
}

export function writeKubeConfig(file: string, kc: KubeConfig): void {
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, stringify(kc))
}

const extension = (name: string, now: number) => [
  {
    extension: {
      'last-update': new Date(now).toUTCString(),
      provider: 'minikube.sigs.k8s.io',
      version: MINIKUBE_VERSION,
    },
    name,
  },
]

/** Add or replace the profile's cluster/context/user and make it current, as `minikube start` does. */
export function addProfileContext(
  file: string,
  profile: string,
  server: string,
  certDir: string,
  now: number,
): void {
  const kc = readKubeConfig(file)
  mkdirSync(join(certDir, 'profiles', profile), { recursive: true })
  for (const f of ['ca.crt', `profiles/${profile}/client.crt`, `profiles/${profile}/client.key`]) {
    const path = join(certDir, f)
    if (!existsSync(path)) writeFileSync(path, '# simulated certificate\n')
  }
  kc.clusters = [
    ...(kc.clusters ?? []).filter((c) => c.name !== profile),
    {
      cluster: {
        'certificate-authority': join(certDir, 'ca.crt'),
        extensions: extension('cluster_info', now),
        server,
      },
      name: profile,
    },
  ]
  kc.contexts = [
    ...(kc.contexts ?? []).filter((c) => c.name !== profile),
    {
      context: {
        cluster: profile,
        extensions: extension('context_info', now),
        namespace: 'default',
        user: profile,
      },
      name: profile,
    },
  ]
  kc.users = [
    ...(kc.users ?? []).filter((c) => c.name !== profile),
    {
      name: profile,
      user: {
        'client-certificate': join(certDir, 'profiles', profile, 'client.crt'),
        'client-key': join(certDir, 'profiles', profile, 'client.key'),
      },
    },
  ]
  kc['current-context'] = profile
  writeKubeConfig(file, kc)
}

export function removeProfileContext(file: string, profile: string): void {
  const kc = readKubeConfig(file)
  const keep = <T extends { name: string }>(xs: T[] | null) => {
    const left = (xs ?? []).filter((x) => x.name !== profile)
    return left.length ? left : null
  }
  kc.clusters = keep(kc.clusters)
  kc.contexts = keep(kc.contexts)
  kc.users = keep(kc.users)
  if (kc['current-context'] === profile) kc['current-context'] = ''
  writeKubeConfig(file, kc)
}

/** The context kubectl will use: --context, else current-context. Returns the cluster (profile) name. */
export function resolveContext(
  file: string,
  wanted: string | undefined,
): { context: string; cluster: string } | { error: string } {
  const kc = readKubeConfig(file)
  const name = wanted ?? kc['current-context']
  if (!name)
    return {
      error:
        'error: current-context is not set\nThe connection to the server localhost:8080 was refused - did you specify the right host or port?',
    }
  const ctx = (kc.contexts ?? []).find((c) => c.name === name)
  if (!ctx) return { error: `error: context was not found for specified context: ${name}` }
  return { context: name, cluster: String(ctx.context.cluster ?? name) }
}
