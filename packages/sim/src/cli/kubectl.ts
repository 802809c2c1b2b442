// The fake `kubectl`: global flags, context resolution, and the verbs the lab uses.
import { bool, flag, parseFlags, type FlagSpec } from './flags.ts'
import { fail, parseDuration, type Io } from './io.ts'
import { readKubeConfig } from './kubeconfig.ts'
import { kubectlGet } from './kubectl-get.ts'
import { deleteObjects, rolloutStatus, waitFor } from './kubectl-rollout.ts'
import { kubectlExec } from './exec.ts'
import { kubectlLogs } from './logs.ts'
import { portForward } from './portforward.ts'
import { target, withCluster } from './session.ts'
import { applyManifests } from '../world/apply.ts'
import { DEFAULT_APP_MANIFEST } from '../world/default-app.ts'
import { hasFault } from '../world/faults.ts'
import { KUBECTL_VERSION } from '../world/versions.ts'

const SPEC: FlagSpec = {
  context: { value: true },
  kubeconfig: { value: true },
  namespace: { short: 'n', value: true },
  output: { short: 'o', value: true },
  selector: { short: 'l', value: true },
  'all-namespaces': { short: 'A', value: false },
  'label-columns': { short: 'L', value: true },
  'show-labels': { value: false },
  filename: { short: 'f', value: true },
  overwrite: { value: false },
  wait: { value: false },
  timeout: { value: true },
  for: { value: true },
  all: { value: false },
  stdin: { short: 'i', value: false },
  tty: { short: 't', value: false },
  container: { short: 'c', value: true },
  replicas: { value: true },
  address: { value: true },
  client: { value: false },
  watch: { short: 'w', value: false },
  'request-timeout': { value: true },
}

export async function kubectl(io: Io, args: readonly string[]): Promise<number> {
  const verb =
    args.find(
      (a, i) =>
        !a.startsWith('-') && !['--context', '--namespace', '-n', '--kubeconfig'].includes(args[i - 1] ?? ''),
    ) ?? ''
  const p = parseFlags(args, SPEC, verb)
  const ns = flag(p, 'namespace') ?? contextNamespace(io, flag(p, 'context'))
  switch (verb) {
    case 'version':
      return version(io, p.flags.has('client'), flag(p, 'output'), flag(p, 'context'))
    case 'config':
      return config(io, p.positionals.slice(1))
    case 'get':
      return kubectlGet(io, target(io, flag(p, 'context')), p, ns)
    case 'apply':
      return apply(io, flag(p, 'context'), flag(p, 'filename'), ns)
    case 'label':
      return label(io, flag(p, 'context'), p.positionals.slice(1), bool(p, 'overwrite'))
    case 'delete':
      return deleteObjects(io, target(io, flag(p, 'context')), p, ns)
    case 'scale':
      return scale(io, flag(p, 'context'), p.positionals[1] ?? '', flag(p, 'replicas'), ns)
    case 'rollout':
      return rollout(io, flag(p, 'context'), p.positionals.slice(1), ns, flag(p, 'timeout'))
    case 'wait':
      return waitFor(io, target(io, flag(p, 'context')), p, ns)
    case 'exec':
      return kubectlExec(io, target(io, flag(p, 'context')), p, ns)
    case 'logs':
      return kubectlLogs(io, target(io, flag(p, 'context')), p, ns)
    case 'port-forward':
      return portForward(io, target(io, flag(p, 'context')), p, ns)
    case '':
      return fail('kubectl controls the Kubernetes cluster manager.\n\nerror: no command given')
    default:
      return fail(`error: unknown command "${verb}" for "kubectl"`)
  }
}

function contextNamespace(io: Io, context: string | undefined): string {
  const kc = readKubeConfig(io.kubeconfig)
  const name = context ?? kc['current-context']
  const ns = (kc.contexts ?? []).find((c) => c.name === name)?.context.namespace
  return typeof ns === 'string' && ns ? ns : 'default'
}

async function version(
  io: Io,
  clientOnly: boolean,
  output: string | undefined,
  context: string | undefined,
): Promise<number> {
  const info = (v: string) => {
    const [major = '1', minor = '31'] = v.replace(/^v/, '').split('.')
    return {
      major,
      minor,
      gitVersion: v,
      gitCommit: '9edcffcde5595e8a5b1a35f88c421764e575afce',
      gitTreeState: 'clean',
      buildDate: '2024-08-13T07:28:49Z',
      goVersion: 'go1.22.5',
      compiler: 'gc',
      platform: 'linux/amd64',
    }
  }
  let server: ReturnType<typeof info> | undefined
  if (!clientOnly) server = info(await withCluster(io, target(io, context), (c) => c.kubernetesVersion))
  if (output === 'json') {
    io.out(
      `${JSON.stringify({ clientVersion: info(KUBECTL_VERSION), kustomizeVersion: 'v5.4.2', ...(server ? { serverVersion: server } : {}) }, null, 2)}\n`,
    )
  } else {
    io.out(
      `Client Version: ${KUBECTL_VERSION}\nKustomize Version: v5.4.2\n${server ? `Server Version: ${server.gitVersion}\n` : ''}`,
    )
  }
  return 0
}

function config(io: Io, args: string[]): number {
  const kc = readKubeConfig(io.kubeconfig)
  if (args[0] === 'current-context') {
    if (!kc['current-context']) return fail('error: current-context is not set')
    io.out(`${kc['current-context']}\n`)
    return 0
  }
  if (args[0] === 'get-contexts') {
    io.out(
      `CURRENT   NAME   CLUSTER   AUTHINFO   NAMESPACE\n${(kc.contexts ?? []).map((c) => `${c.name === kc['current-context'] ? '*' : ' '}         ${c.name}   ${String(c.context.cluster)}   ${String(c.context.user)}   default`).join('\n')}\n`,
    )
    return 0
  }
  return fail(`error: unknown command "${args[0] ?? ''}" for "kubectl config"`)
}

async function apply(
  io: Io,
  context: string | undefined,
  file: string | undefined,
  ns: string,
): Promise<number> {
  if (file !== '-')
    return fail('error: must specify one of -f and -k (the simulator reads manifests from stdin: -f -)')
  const text = await io.stdin()
  const r = await withCluster(io, target(io, context), (c, w, now) => {
    const res = applyManifests(c, w.seed, text, ns, now)
    // Fault: the student deployed the app before touching the pools, so its pods hold default-pool IPs.
    if (
      res.createdPods.includes('calicoctl') &&
      hasFault(w.faults, 'pods-before-pools') &&
      !c.deployments.some((d) => d.meta.namespace === 'default' && d.meta.name === 'frontend')
    ) {
      applyManifests(c, w.seed, DEFAULT_APP_MANIFEST, 'default', now - 60_000)
    }
    return res
  })
  if (r.lines.length) io.out(`${r.lines.join('\n')}\n`)
  if (r.error) return fail(r.error)
  return 0
}

async function label(
  io: Io,
  context: string | undefined,
  args: string[],
  overwrite: boolean,
): Promise<number> {
  const [kind = '', ...rest] = args
  if (!['node', 'nodes', 'no'].includes(kind.split('/')[0] ?? ''))
    return fail(`error: the simulator labels nodes only, not "${kind}"`)
  const names = kind.includes('/') ? [kind.split('/')[1] ?? ''] : rest.filter((a) => !a.includes('='))
  const pairs = rest.filter((a) => a.includes('=') || a.endsWith('-'))
  if (pairs.length === 0) return fail('error: at least one label update is required')
  const out = await withCluster(io, target(io, context), (c) =>
    names.map((name) => {
      const n = c.nodes.find((x) => x.name === name)
      if (!n) return { error: `Error from server (NotFound): nodes "${name}" not found` }
      let changed = false
      for (const pair of pairs) {
        if (pair.endsWith('-') && !pair.includes('=')) {
          const key = pair.slice(0, -1)
          if (key in n.meta.labels) {
            delete n.meta.labels[key]
            changed = true
          }
          continue
        }
        const [key = '', value = ''] = pair.split('=', 2)
        const old = n.meta.labels[key]
        if (old !== undefined && old !== value && !overwrite)
          return { error: `error: '${key}' already has a value (${old}), and --overwrite is false` }
        if (old !== value) {
          n.meta.labels[key] = value
          changed = true
        }
      }
      return {
        line: `node/${name} ${changed ? (pairs.every((x) => x.endsWith('-')) ? 'unlabeled' : 'labeled') : 'not labeled'}`,
      }
    }),
  )
  for (const o of out) if ('line' in o) io.out(`${o.line}\n`)
  const bad = out.find((o) => 'error' in o)
  if (bad && 'error' in bad) return fail(bad.error ?? '')
  return 0
}

async function scale(
  io: Io,
  context: string | undefined,
  ref: string,
  replicas: string | undefined,
  ns: string,
): Promise<number> {
  const name = ref.replace(/^(deployment|deployments|deploy)(\.apps)?\//, '')
  if (replicas === undefined || !/^\d+$/.test(replicas))
    return fail('error: The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0')
  const ok = await withCluster(io, target(io, context), (c) => {
    const d = c.deployments.find((x) => x.meta.name === name && x.meta.namespace === ns)
    if (!d) return false
    d.replicas = Number(replicas)
    return true
  })
  if (!ok) return fail(`Error from server (NotFound): deployments.apps "${name}" not found`)
  io.out(`deployment.apps/${name} scaled\n`)
  return 0
}

async function rollout(
  io: Io,
  context: string | undefined,
  args: string[],
  ns: string,
  timeout: string | undefined,
): Promise<number> {
  const [sub = '', ...refs] = args
  const t = target(io, context)
  const norm = (r: string) =>
    r
      .replace(/^(deploy|deployments|deployment\.apps)\//, 'deployment/')
      .replace(/^(daemonsets|ds|daemonset\.apps)\//, 'daemonset/')
  if (sub === 'status') {
    const ref = norm(refs[0] ?? '')
    return rolloutStatus(io, t, ref, ns, parseDuration(timeout, 0))
  }
  if (sub === 'restart') {
    const results = await withCluster(io, t, (c, _w, now) =>
      refs.map(norm).map((ref) => {
        const name = ref.replace(/^deployment\//, '')
        const d = c.deployments.find((x) => x.meta.name === name && x.meta.namespace === ns)
        if (!ref.startsWith('deployment/') || !d)
          return { error: `Error from server (NotFound): deployments.apps "${name}" not found` }
        d.template.annotations = {
          ...d.template.annotations,
          'kubectl.kubernetes.io/restartedAt': new Date(now).toISOString().replace(/\.\d+Z$/, 'Z'),
        }
        d.meta.generation = (d.meta.generation ?? 1) + 1
        return { line: `deployment.apps/${name} restarted` }
      }),
    )
    for (const r of results) if ('line' in r) io.out(`${r.line}\n`)
    const bad = results.find((r) => 'error' in r)
    if (bad && 'error' in bad) return fail(bad.error ?? '')
    return 0
  }
  return fail(`error: unknown command "${sub}" for "kubectl rollout"`)
}
