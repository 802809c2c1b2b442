// kubectl always targets the lab's own context, and that context must be the one minikube wrote for the profile.
import { existsSync, readFileSync } from 'node:fs'
import { homedir } from 'node:os'
import { delimiter, dirname, isAbsolute, join } from 'node:path'
// client-node's own entry parsers, without its API client (whose import alone takes seconds).
import { newClusters, newContexts, newUsers } from '@kubernetes/client-node/dist/config_types.js'
import { parse as parseYaml } from 'yaml'
import type { Runner } from './command.ts'
import { LabError } from './errors.ts'
import { zxRunner } from './runner/zx-runner.ts'

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

/** What minikube writes into every cluster and context entry it owns (`cluster_info`, `context_info`). */
export const MINIKUBE_PROVIDER = 'minikube.sigs.k8s.io'

type Extension = { name: string; provider?: string }
export type KubeCluster = { name: string; file: string; server: string; extensions: Extension[] }
export type KubeContext = {
  name: string
  file: string
  cluster: string
  user?: string
  extensions: Extension[]
}
export type KubeUser = {
  name: string
  file: string
  certFile?: string
  keyFile?: string
  certData: boolean
  keyData: boolean
  /** Any credential minikube never writes: a token, exec plugin, auth provider, basic auth or impersonation. */
  other: string[]
}
/** The kubeconfig as kubectl sees it after merging every file. */
export type Kubeconfig = {
  files: string[]
  current?: string
  clusters: Map<string, KubeCluster>
  contexts: Map<string, KubeContext>
  users: Map<string, KubeUser>
}

/** kubectl's list: every KUBECONFIG entry in order (empty ones skipped), else ~/.kube/config. */
export function kubeconfigFiles(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter(Boolean)
  return [join(env.HOME ?? homedir(), '.kube', 'config')]
}

type Raw = Record<string, unknown>
const asArray = (v: unknown): Raw[] => (Array.isArray(v) ? (v as Raw[]) : [])
const extensionsOf = (v: unknown): Extension[] =>
  asArray(v).map((e) => ({
    name: String(e.name ?? ''),
    ...(typeof (e.extension as Raw | undefined)?.provider === 'string'
      ? { provider: (e.extension as Raw).provider as string }
      : {}),
  }))
const absolute = (file: string, p: string | undefined) =>
  p === undefined || isAbsolute(p) ? p : join(dirname(file), p)

/**
 * Pure: merge kubeconfig texts the way kubectl does: the first file to define a name wins and is never
 * overridden, and the first current-context set wins. Entries are read with client-node's parsers
 * (which drop `extensions`, so those come from the YAML beside them).
 */
export function mergeKubeconfigs(texts: ReadonlyArray<{ file: string; text: string }>): Kubeconfig {
  const out: Kubeconfig = { files: [], clusters: new Map(), contexts: new Map(), users: new Map() }
  const opts = { onInvalidEntry: 'filter' as const }
  for (const { file, text } of texts) {
    let doc: Raw
    try {
      doc = (parseYaml(text) ?? {}) as Raw
    } catch (err) {
      throw new LabError(`kubeconfig ${file} is not valid YAML: ${(err as Error).message.split('\n')[0]}`, {
        hint: 'kubectl cannot read it either: fix or remove that file, or take it out of KUBECONFIG.',
      })
    }
    out.files.push(file)
    const raw = (list: unknown, name: string) => asArray(list).find((e) => e.name === name)
    for (const c of newClusters(doc.clusters, opts)) {
      if (out.clusters.has(c.name)) continue
      const r = raw(doc.clusters, c.name)?.cluster as Raw | undefined
      out.clusters.set(c.name, {
        name: c.name,
        file,
        server: c.server,
        extensions: extensionsOf(r?.extensions),
      })
    }
    for (const c of newContexts(doc.contexts, opts)) {
      if (out.contexts.has(c.name)) continue
      const r = raw(doc.contexts, c.name)?.context as Raw | undefined
      out.contexts.set(c.name, {
        name: c.name,
        file,
        cluster: c.cluster,
        ...(c.user ? { user: c.user } : {}),
        extensions: extensionsOf(r?.extensions),
      })
    }
    for (const u of newUsers(doc.users, opts)) {
      if (out.users.has(u.name)) continue
      const other = [
        u.token ? 'a token' : '',
        u.exec ? 'an exec plugin' : '',
        u.authProvider ? 'an auth provider' : '',
        u.username || u.password ? 'basic auth' : '',
        u.impersonateUser ? 'impersonation' : '',
      ].filter(Boolean)
      const certFile = absolute(file, u.certFile)
      const keyFile = absolute(file, u.keyFile)
      out.users.set(u.name, {
        name: u.name,
        file,
        ...(certFile ? { certFile } : {}),
        ...(keyFile ? { keyFile } : {}),
        certData: Boolean(u.certData),
        keyData: Boolean(u.keyData),
        other,
      })
    }
    if (!out.current && typeof doc['current-context'] === 'string' && doc['current-context'])
      out.current = doc['current-context']
  }
  return out
}

/** Shell: read every file kubectl would (a listed file that does not exist is skipped, as kubectl does). */
export function loadKubeconfig(env: NodeJS.ProcessEnv = process.env): Kubeconfig {
  const texts = kubeconfigFiles(env)
    .filter((f) => existsSync(f))
    .map((file) => ({ file, text: readFileSync(file, 'utf8') }))
  return mergeKubeconfigs(texts)
}

/** The apiserver address minikube reports for the profile, and whether the profile is running. */
export type ProfileAddress = {
  ip: string
  port: number
  driver?: string
  running: boolean
  /** Loopback addresses the driver forwards to the apiserver port (docker/podman outside Linux). */
  forwarded: string[]
}

/** Pure: the control-plane address of one profile in `minikube profile list -o json`. */
export function profileAddress(stdout: string, profile: string): ProfileAddress | undefined {
  let json: { valid?: Raw[] }
  try {
    json = JSON.parse(stdout) as { valid?: Raw[] }
  } catch {
    return undefined
  }
  const p = asArray(json.valid).find((v) => v.Name === profile)
  const config = p?.Config as Raw | undefined
  const nodes = asArray(config?.Nodes)
  const cp = nodes.find((n) => n.ControlPlane === true) ?? nodes[0]
  if (!p || typeof cp?.IP !== 'string' || cp.IP === '') return undefined
  return {
    ip: cp.IP,
    port: typeof cp.Port === 'number' && cp.Port > 0 ? cp.Port : 8443,
    ...(typeof config?.Driver === 'string' ? { driver: config.Driver } : {}),
    running: p.Status === 'OK' || p.Status === 'Running',
    forwarded: [],
  }
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]'])
const hostPort = (server: string): { host: string; port: number } | undefined => {
  try {
    const u = new URL(server)
    return { host: u.hostname, port: Number(u.port || (u.protocol === 'http:' ? 80 : 443)) }
  } catch {
    return undefined
  }
}

export type ContextJudgement =
  | { readonly kind: 'missing'; readonly files: readonly string[]; readonly contexts: readonly string[] }
  | { readonly kind: 'ok'; readonly server: string; readonly file: string; readonly deferred?: string }
  | { readonly kind: 'refused'; readonly server?: string; readonly problems: readonly string[] }

const marked = (exts: readonly Extension[], name: string) =>
  exts.some((e) => e.name === name && e.provider === MINIKUBE_PROVIDER)

/**
 * Pure: is the profile's context the one minikube wrote? Context, cluster and user named after the profile,
 * minikube's extensions on the context and the cluster, a client certificate (and nothing else) on the user,
 * and the server at the address minikube reports. `address` undefined: minikube does not know the profile.
 */
export function judgeContext(
  kc: Kubeconfig,
  profile: string,
  address: ProfileAddress | undefined,
): ContextJudgement {
  const ctx = kc.contexts.get(profile)
  if (!ctx) return { kind: 'missing', files: kc.files, contexts: [...kc.contexts.keys()] }
  const problems: string[] = []
  const where = (e: { file: string }) => ` (in ${e.file})`
  if (!marked(ctx.extensions, 'context_info'))
    problems.push(
      `context "${profile}" has no minikube marker (extension context_info, provider ${MINIKUBE_PROVIDER})${where(ctx)}`,
    )
  if (ctx.cluster !== profile)
    problems.push(`context "${profile}" uses cluster "${ctx.cluster}"; minikube names it "${profile}"`)
  if (ctx.user !== profile)
    problems.push(`context "${profile}" uses user "${ctx.user ?? '(none)'}"; minikube names it "${profile}"`)
  const cluster = kc.clusters.get(ctx.cluster)
  if (!cluster)
    problems.push(`cluster "${ctx.cluster}" is not defined in ${kc.files.join(', ') || 'any kubeconfig'}`)
  else if (!marked(cluster.extensions, 'cluster_info'))
    problems.push(
      `cluster "${cluster.name}" has no minikube marker (extension cluster_info, provider ${MINIKUBE_PROVIDER})${where(cluster)}`,
    )
  const user = ctx.user ? kc.users.get(ctx.user) : undefined
  if (ctx.user && !user)
    problems.push(`user "${ctx.user}" is not defined in ${kc.files.join(', ') || 'any kubeconfig'}`)
  if (user) {
    const certByFile = user.certFile?.replace(/\\/g, '/').endsWith(`/profiles/${profile}/client.crt`) ?? false
    const keyByFile = user.keyFile?.replace(/\\/g, '/').endsWith(`/profiles/${profile}/client.key`) ?? false
    if (!((certByFile && keyByFile) || (user.certData && user.keyData)))
      problems.push(
        `user "${user.name}" does not use minikube's client certificate (<minikube home>/profiles/${profile}/client.crt and client.key)${where(user)}`,
      )
    if (user.other.length > 0)
      problems.push(
        `user "${user.name}" carries ${user.other.join(', ')}, which minikube never writes${where(user)}`,
      )
  }
  const server = cluster?.server
  const check = server ? checkServer(server, profile, address) : undefined
  if (check?.problem) problems.push(`cluster "${ctx.cluster}" ${check.problem}`)
  if (cluster && !server) problems.push(`cluster "${ctx.cluster}" has no server`)
  if (problems.length > 0 || !server) return { kind: 'refused', ...(server ? { server } : {}), problems }
  return { kind: 'ok', server, file: ctx.file, ...(check?.deferred ? { deferred: check.deferred } : {}) }
}

// The server must be minikube's address for the profile, or a loopback port the driver forwards to it.
function checkServer(
  server: string,
  profile: string,
  address: ProfileAddress | undefined,
): { problem?: string; deferred?: string } {
  if (!address)
    return { deferred: `minikube knows no profile "${profile}" yet, so ${server} is not confirmed` }
  const at = hostPort(server)
  if (at && at.host === address.ip && at.port === address.port) return {}
  const loopback = at !== undefined && LOOPBACK.has(at.host)
  if (loopback && address.forwarded.includes(`127.0.0.1:${at.port}`)) return {}
  if (loopback && !address.running)
    return {
      deferred: `profile "${profile}" is stopped, so the port forwarded to its apiserver is not known yet`,
    }
  const forwarded = address.forwarded.length ? ` (forwarded from ${address.forwarded.join(', ')})` : ''
  return {
    problem: `points at ${server}, but minikube reports https://${address.ip}:${address.port}${forwarded} for profile "${profile}"`,
  }
}

export type GuardOptions = {
  /** Live verify: a context that does not exist is an error (lab mode: `minikube start` is about to write it). */
  readonly requireContext?: boolean
  /** Runs the minikube (and docker/podman) questions; the real processes by default. */
  readonly runner?: Runner
}

// Shell: ask minikube where the profile's apiserver is, and the driver which loopback port forwards to it.
async function askMinikube(
  profile: string,
  server: string | undefined,
  runner: Runner,
): Promise<ProfileAddress | undefined> {
  const list = await runner({ argv: ['minikube', 'profile', 'list', '-o', 'json'], timeoutMs: 60_000 })
  let address = list.exitCode === 0 ? profileAddress(list.stdout, profile) : undefined
  if (!address) {
    const ip = await runner({ argv: ['minikube', 'ip', '-p', profile], timeoutMs: 30_000 })
    const found = ip.exitCode === 0 ? ip.stdout.trim().split('\n').pop()?.trim() : undefined
    if (!found) return undefined
    address = { ip: found, port: 8443, running: true, forwarded: [] }
  }
  const at = server ? hostPort(server) : undefined
  const driver = address.driver ?? 'docker'
  if (at && LOOPBACK.has(at.host) && address.running && (driver === 'docker' || driver === 'podman')) {
    // The kic container is named after the profile; `docker port` lists the host side of its apiserver port.
    const r = await runner({ argv: [driver, 'port', profile, `${address.port}/tcp`], timeoutMs: 30_000 })
    if (r.exitCode === 0)
      address = {
        ...address,
        forwarded: r.stdout
          .split('\n')
          .map((l) => l.trim().replace(/^0\.0\.0\.0:/, '127.0.0.1:'))
          .filter((l) => /^127\.0\.0\.1:\d+$/.test(l)),
      }
  }
  return address
}

/**
 * The context guard, before any kubectl call: the profile's context must be minikube's own and point at the
 * address minikube reports. Refuses with every difference found; never contacts the server itself.
 */
export async function assertMinikubeContext(
  profile: string,
  env: NodeJS.ProcessEnv = process.env,
  opts: GuardOptions = {},
): Promise<ContextJudgement> {
  const kc = loadKubeconfig(env)
  const ctx = kc.contexts.get(profile)
  if (!ctx) {
    const judged = judgeContext(kc, profile, undefined)
    if (!opts.requireContext) return judged
    throw new LabError(
      `kubeconfig has no context "${profile}" (read ${kc.files.length ? kc.files.join(', ') : 'no file'}${kc.contexts.size ? `; contexts there: ${[...kc.contexts.keys()].join(', ')}` : ''})`,
      {
        hint: `Start the lab cluster first (\`pnpm lab\`), or \`minikube update-context -p ${profile}\` if the profile exists; check KUBECONFIG.`,
      },
    )
  }
  const server = kc.clusters.get(ctx.cluster)?.server
  const address = await askMinikube(profile, server, opts.runner ?? zxRunner({ env }))
  const judged = judgeContext(kc, profile, address)
  if (judged.kind === 'refused')
    throw new LabError(
      `refusing to use kubeconfig context "${profile}": it is not the one minikube wrote for this profile\n${judged.problems.map((p) => `  - ${p}`).join('\n')}`,
      {
        hint: `If this context is yours from elsewhere, pick another profile name in lab.config.yaml (profile:); if it is a stale minikube entry, \`minikube update-context -p ${profile}\` rewrites it.`,
      },
    )
  // Live verify reads the cluster right away: an address it could not confirm is a refusal, not a promise.
  if (opts.requireContext && judged.kind === 'ok' && judged.deferred)
    throw new LabError(`refusing to use kubeconfig context "${profile}": ${judged.deferred}`, {
      hint: 'Start the lab cluster first (`pnpm lab`), or grade a recorded run with `pnpm verify --run <dir>`.',
    })
  return judged
}

/** Kept for callers that only describe the context: its kubeconfig entry without asking minikube. */
export async function inspectContext(
  profile: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<{ exists: boolean; server?: string; current?: string }> {
  const kc = loadKubeconfig(env)
  const ctx = kc.contexts.get(profile)
  const server = ctx ? kc.clusters.get(ctx.cluster)?.server : undefined
  return {
    exists: Boolean(ctx),
    ...(server ? { server } : {}),
    ...(kc.current ? { current: kc.current } : {}),
  }
}
