// kubectl always targets the lab's own context; the guard refuses any other.
import { LabError } from './errors.ts'

export const kubectlArgv = (context: string, ...args: string[]): string[] => [
  'kubectl',
  '--context',
  context,
  ...args,
]

/** Throws unless a kubectl argv names exactly the lab context. Used by the recording runner on every call. */
export function assertLabContext(argv: readonly string[], context: string): void {
  if (argv[0] !== 'kubectl') return
  const i = argv.indexOf('--context')
  const given =
    i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--context='))?.slice('--context='.length)
  if (given !== context) {
    throw new LabError(
      `refusing to run kubectl against context ${given ?? '(current)'}; this lab only acts on context "${context}"`,
      {
        hint: 'This is a bug in a step: build kubectl argv with ctx.kubectl(...).',
        exitCode: 1,
      },
    )
  }
}

export type ContextInfo = { exists: boolean; server?: string; current?: string; isMinikube: boolean }

/** Read the kubeconfig (KUBECONFIG or ~/.kube/config) and describe the lab profile's context. */
export async function inspectContext(
  profile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ContextInfo> {
  // client-node takes seconds to load; only the guard needs it, so it is imported here.
  const { KubeConfig } = await import('@kubernetes/client-node')
  const kc = new KubeConfig()
  try {
    const file = env.KUBECONFIG?.split(process.platform === 'win32' ? ';' : ':').find(Boolean)
    if (file) kc.loadFromFile(file)
    else kc.loadFromDefault()
  } catch {
    return { exists: false, isMinikube: false }
  }
  const ctx = kc.getContexts().find((c) => c.name === profile)
  if (!ctx) return { exists: false, current: kc.getCurrentContext(), isMinikube: false }
  const cluster = kc.getCluster(ctx.cluster)
  const user = kc.getUser(ctx.user)
  // minikube writes cluster, context and user all named after the profile, with certs under ~/.minikube.
  const isMinikube =
    ctx.cluster === profile &&
    (ctx.user === profile || !user) &&
    ((ctx as { extensions?: Array<{ name: string }> }).extensions?.some((e) => e.name === 'context_info') ??
      true)
  return { exists: true, server: cluster?.server, current: kc.getCurrentContext(), isMinikube }
}

/** The context guard: act only on the lab profile's own minikube context. */
export async function assertMinikubeContext(
  profile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<ContextInfo> {
  const info = await inspectContext(profile, env)
  if (info.exists && !info.isMinikube) {
    throw new LabError(
      `kubeconfig context "${profile}" exists but was not written by minikube (server ${info.server ?? '?'})`,
      {
        hint: `Pick another profile name in lab.config.yaml (profile:), or remove that context: kubectl config delete-context ${profile}`,
      },
    )
  }
  return info
}
