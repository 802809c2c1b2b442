// BusyBox wget in a frontend pod: resolve, route (pod IP or ClusterIP), ask the NetworkPolicy model, answer.
// What it prints is BusyBox's (networking/wget.c): `download timed out` when -T runs out, `can't connect to remote
// host (IP): Connection refused` when nothing listens, `bad address 'NAME'` when DNS has no answer.
import { indexHtml } from '../format/page.ts'
import { appletUsage } from '../format/busybox.ts'
import { resolveForPing } from '../world/dns.ts'
import { buildNeverEnds } from '../world/faults.ts'
import { ingressAllowed } from '../world/policy.ts'
import { isReady, isRunning, nodeStopped, podsOf, reached } from '../world/pods.ts'
import type { Cluster, Faults, Pod } from '../world/types.ts'
import type { Run } from './calicoctl.ts'
import { PACKET_MS } from './ping.ts'
import { frontendBuild } from './portforward.ts'

/** A wget result, printed after `delayMs` (one simulated second is PACKET_MS, as for ping). */
export type WgetRun = Run & { delayMs: number }

/** BusyBox's default -T, and the kernel's connect() timeout that ends first (127 s with 6 SYN retries). */
const DEFAULT_TIMEOUT_S = 900
const KERNEL_CONNECT_S = 127

type Args = { quiet: boolean; out: string | undefined; timeoutS: number; url: string | undefined }

/** BusyBox getopt: `-qO-`, `-O -`, `-T 3`, `-T3`, `--timeout=3`; anything else it does not know is a usage error. */
export function wgetArgs(args: readonly string[]): Args | undefined {
  const a: Args = { quiet: false, out: undefined, timeoutS: DEFAULT_TIMEOUT_S, url: undefined }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? ''
    if (arg.startsWith('--')) {
      const [name, value] = arg.slice(2).split('=', 2)
      const take = () => value ?? args[++i]
      if (name === 'quiet') a.quiet = true
      else if (name === 'output-document') a.out = take()
      else if (name === 'timeout') a.timeoutS = Number(take())
      else return undefined
    } else if (arg.startsWith('-') && arg.length > 1) {
      for (let j = 1; j < arg.length; j++) {
        const f = arg[j]
        if (f === 'q') a.quiet = true
        else if (f === 'O' || f === 'T') {
          const value = arg.slice(j + 1) || args[++i]
          if (f === 'O') a.out = value
          else a.timeoutS = Number(value)
          break
        } else return undefined
      }
    } else a.url = a.url ?? arg
  }
  return a.url && Number.isInteger(a.timeoutS) && a.timeoutS >= 0 ? a : undefined
}

/** `http://host[:port]/path`; BusyBox falls back to http:// for a bare host. */
function urlParts(url: string): { host: string; port: number } | undefined {
  const m = /^(?:http:\/\/)?([^/:?#]+)(?::(\d+))?/.exec(url)
  if (!m || /^[a-z]+:\/\//i.test(url.replace(/^http:\/\//, ''))) return undefined
  return { host: m[1] ?? '', port: m[2] ? Number(m[2]) : 80 }
}

/** Where a TCP connection to ip:port ends up: a pod and its port, nothing listening, or nowhere. */
function route(
  c: Cluster,
  ip: string,
  port: number,
  now: number,
): { pod: Pod; port: number } | 'refused' | 'dropped' {
  const svc = c.services.find((s) => s.clusterIP === ip)
  if (svc) {
    const sp = svc.ports.find((p) => p.port === port && p.protocol === 'TCP')
    if (!sp) return 'dropped' // kube-proxy has no rule for that port: the VIP answers nothing
    const ready = podsOf(c, svc.meta.namespace, svc.selector)
      .filter((p) => isReady(p, now))
      .sort((a, b) => a.meta.name.localeCompare(b.meta.name))
    const pod = ready[0]
    // kube-proxy REJECTs a Service with no ready endpoint: connect() sees a refusal.
    if (!pod) return 'refused'
    return { pod, port: typeof sp.targetPort === 'number' ? sp.targetPort : port }
  }
  const pod = c.pods.find((p) => p.ip === ip && !p.spec.hostNetwork && isRunning(p, now))
  if (pod) return { pod, port }
  if (c.nodes.some((n) => n.ip === ip && n.stoppedAt === undefined)) return 'refused'
  return 'dropped'
}

/** Does the pod's server answer on `port`: the frontend, once its `npm run build` is done, on :3000. */
const serves = (faults: Faults, pod: Pod, port: number, now: number): boolean =>
  (pod.spec.containers[0]?.ports ?? []).includes(port) &&
  !buildNeverEnds(faults, pod) &&
  reached(pod.readyAt, now)

export function wget(
  c: Cluster,
  faults: Faults,
  from: Pod,
  argv: readonly string[],
  now: number,
): WgetRun | Run {
  const a = wgetArgs(argv)
  const url = a?.url ? urlParts(a.url) : undefined
  if (!a || !url) return appletUsage('wget')
  const answer = resolveForPing(c, faults, url.host, from.meta.namespace, now)
  if (answer.kind !== 'ip')
    return { stdout: '', stderr: `wget: bad address '${url.host}'\n`, exitCode: 1, delayMs: PACKET_MS }
  const ip = answer.ip
  const connecting = a.quiet ? '' : `Connecting to ${url.host}:${url.port} (${ip}:${url.port})\n`
  const refused = {
    stdout: '',
    stderr: `${connecting}wget: can't connect to remote host (${ip}): Connection refused\n`,
    exitCode: 1,
    delayMs: PACKET_MS,
  }
  const dropped = (): WgetRun =>
    a.timeoutS > 0 && a.timeoutS < KERNEL_CONNECT_S
      ? {
          stdout: '',
          stderr: `${connecting}wget: download timed out\n`,
          exitCode: 1,
          delayMs: a.timeoutS * PACKET_MS,
        }
      : {
          stdout: '',
          stderr: `${connecting}wget: can't connect to remote host (${ip}): Connection timed out\n`,
          exitCode: 1,
          delayMs: KERNEL_CONNECT_S * PACKET_MS,
        }
  const to = route(c, ip, url.port, now)
  if (to === 'refused') return refused
  if (to === 'dropped' || nodeStopped(c, to.pod.nodeName)) return dropped()
  // A NetworkPolicy drops the SYN without a word: the client waits out its timeout.
  if (
    !ingressAllowed(c, faults, to.pod, {
      from: { ip: from.ip ?? '', pod: from },
      protocol: 'TCP',
      port: to.port,
    })
  )
    return dropped()
  if (!serves(faults, to.pod, to.port, now)) return refused
  const page = frontendBuild(to.pod.spec.containers[0]?.env ?? {}, to.pod.meta.name, to.pod.ip ?? '')
  const body = indexHtml(page.path)
  if (a.out !== '-')
    return {
      stdout: '',
      stderr: `${connecting}${a.quiet ? '' : `saving to '${a.out ?? 'index.html'}'\n'${a.out ?? 'index.html'}' saved\n`}`,
      exitCode: 0,
      delayMs: 1,
    }
  return {
    stdout: body,
    stderr: a.quiet ? '' : `${connecting}writing to stdout\nwritten to stdout\n`,
    exitCode: 0,
    delayMs: 1,
  }
}
