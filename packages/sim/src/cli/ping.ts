// BusyBox ping in a pod: decided against the world once (name, route, ttl), then streamed a packet at a time.
import {
  appletUsage,
  badAddress,
  pingHeader,
  pingReplyLine,
  pingStats,
  type PingReply,
} from '../format/busybox.ts'
import { contains, parseCidr } from '../world/cidr.ts'
import { resolveForPing } from '../world/dns.ts'
import { ingressAllowed } from '../world/policy.ts'
import { isRunning, nodeStopped } from '../world/pods.ts'
import { rand } from '../world/rand.ts'
import { SERVICE_CIDR } from '../world/versions.ts'
import type { Cluster, Faults, Pod } from '../world/types.ts'
import type { Run } from './calicoctl.ts'

/** One ping about to run: `count` undefined means until interrupted, as BusyBox does without `-c`. */
export type PingPlan = {
  target: string
  ip: string
  count: number | undefined
  reply(seq: number): PingReply | undefined
}

/** ping sends one packet a second; the sim compresses that to 50 ms so a lab run stays fast. */
export const PACKET_MS = 50

export function planPing(
  c: Cluster,
  seed: number,
  faults: Faults,
  from: Pod,
  args: string[],
  now: number,
): PingPlan | Run {
  let count: number | undefined
  const rest: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '-c') count = Number(args[++i])
    else if (a === '-W' || a === '-w' || a === '-s' || a === '-i') i++
    else if (/^-c\d+$/.test(a)) count = Number(a.slice(2))
    else if (a === '-q' || a === '-4') continue
    else rest.push(a)
  }
  const target = rest[0]
  if (!target || (count !== undefined && (!Number.isInteger(count) || count < 1))) return appletUsage('ping')
  const answer = resolveForPing(c, faults, target, from.meta.namespace, now)
  if (answer.kind !== 'ip') return { stdout: '', stderr: badAddress(target), exitCode: 1 }
  const ip = answer.ip
  const ttl = ttlTo(c, from, ip, now)
  const services = parseCidr(SERVICE_CIDR)
  // A ClusterIP is only a kube-proxy rule for TCP/UDP ports: ICMP to it goes nowhere.
  const silent =
    ttl === undefined ||
    (services !== undefined && contains(services, ip)) ||
    icmpBlocked(c, faults, from, ip, now)
  const name = from.meta.name
  return {
    target,
    ip,
    count,
    reply: (seq) =>
      silent || ttl === undefined
        ? undefined
        : {
            ttl,
            timeMs:
              (ttl === 64 ? 0.03 : 0.1) + rand(seed, 'rtt', name, ip, now, seq) * (ttl === 64 ? 0.05 : 0.9),
          },
  }
}

export const isPlan = (x: PingPlan | Run): x is PingPlan => 'reply' in x

/**
 * Print the header, a line per reply as packets go out, then the statistics; `interrupted` (Ctrl-C in a
 * shell) ends it early with the statistics so far. Exit status 0 once anything answered, as BusyBox.
 */
export async function streamPing(
  plan: PingPlan,
  out: (s: string) => void,
  interrupted: { readonly now: boolean; wait(ms: number): Promise<void> },
): Promise<number> {
  out(pingHeader(plan.target, plan.ip))
  const replies: PingReply[] = []
  let sent = 0
  while (plan.count === undefined || sent < plan.count) {
    const r = plan.reply(sent)
    sent++
    if (r) {
      replies.push(r)
      out(pingReplyLine(plan.ip, sent - 1, r))
    }
    if (plan.count !== undefined && sent >= plan.count) break
    await interrupted.wait(PACKET_MS)
    if (interrupted.now) break
  }
  out(pingStats(plan.target, sent, replies))
  return replies.length > 0 ? 0 : 1
}

/** A NetworkPolicy that isolates the target pod and allows no ICMP from `from` drops the echo request. */
function icmpBlocked(c: Cluster, faults: Faults, from: Pod, ip: string, now: number): boolean {
  const to = c.pods.find((p) => p.ip === ip && !p.spec.hostNetwork && isRunning(p, now))
  return (
    to !== undefined &&
    !ingressAllowed(c, faults, to, { from: { ip: from.ip ?? '', pod: from }, protocol: 'ICMP' })
  )
}

/** Same node: 64; another node's pod through the IPIP tunnel: 62; a node address: 64 or 63. */
function ttlTo(c: Cluster, from: Pod, ip: string, now: number): number | undefined {
  if (ip === from.ip) return 64
  const node = c.nodes.find((n) => n.ip === ip || n.tunnelIP === ip)
  if (node) return node.stoppedAt !== undefined ? undefined : node.name === from.nodeName ? 64 : 63
  const pod = c.pods.find((p) => p.ip === ip && !p.spec.hostNetwork && isRunning(p, now))
  if (!pod || nodeStopped(c, pod.nodeName)) return undefined
  return pod.nodeName === from.nodeName ? 64 : 62
}
