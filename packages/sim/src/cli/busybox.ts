// BusyBox applets inside the frontend pods (node:14-alpine): ping, nslookup, hostname.
import { badAddress, nslookupOutput, pingOutput, type PingReply } from '../format/busybox.ts'
import { contains, parseCidr } from '../world/cidr.ts'
import { lookup, resolveForPing } from '../world/dns.ts'
import { isRunning, nodeStopped } from '../world/pods.ts'
import { rand } from '../world/rand.ts'
import { SERVICE_CIDR } from '../world/versions.ts'
import type { Cluster, Faults, Pod } from '../world/types.ts'
import type { Run } from './calicoctl.ts'

const usage = (applet: string) => ({
  stdout: '',
  stderr: `BusyBox v1.36.1 (2023-07-27 17:12:24 UTC) multi-call binary.\n\nUsage: ${applet} [OPTIONS] HOST\n`,
  exitCode: 1,
})

export function busybox(
  c: Cluster,
  seed: number,
  faults: Faults,
  pod: Pod,
  argv: string[],
  now: number,
): Run {
  const [cmd = '', ...args] = argv
  const applet = cmd.split('/').pop() ?? cmd
  if (applet === 'hostname') return { stdout: `${pod.meta.name}\n`, stderr: '', exitCode: 0 }
  if (applet === 'nslookup') {
    const [name] = args.filter((a) => !a.startsWith('-'))
    if (!name) return usage('nslookup')
    const a = lookup(c, faults, name, now)
    const key = name.toLowerCase().replace(/\.$/, '')
    // CoreDNS `cache 30`: a repeat within 30 s is answered from cache, without the authoritative bit.
    const cached = (c.dnsCache[key] ?? 0) > now - 30_000
    if (a.kind === 'ip' && !cached) c.dnsCache[key] = now
    return {
      ...nslookupOutput(
        name,
        '10.96.0.10',
        a.kind === 'ip' ? { kind: 'ip', ip: a.ip, authoritative: !cached } : a,
      ),
      stderr: '',
    }
  }
  if (applet === 'ping') return ping(c, seed, faults, pod, args, now)
  return {
    stdout: '',
    stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown\n`,
    exitCode: 126,
  }
}

function ping(c: Cluster, seed: number, faults: Faults, from: Pod, args: string[], now: number): Run {
  let count = 4
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
  if (!target || !Number.isFinite(count) || count < 1) return usage('ping')
  const answer = resolveForPing(c, faults, target, from.meta.namespace, now)
  if (answer.kind !== 'ip') return { stdout: '', stderr: badAddress(target), exitCode: 1 }
  const ip = answer.ip
  const ttl = ttlTo(c, from, ip, now)
  const services = parseCidr(SERVICE_CIDR)
  const replies: PingReply[] =
    ttl === undefined || (services && contains(services, ip))
      ? []
      : Array.from({ length: count }, (_, seq) => ({
          ttl,
          timeMs:
            (ttl === 64 ? 0.03 : 0.1) +
            rand(seed, 'rtt', from.meta.name, ip, now, seq) * (ttl === 64 ? 0.05 : 0.9),
        }))
  return { ...pingOutput(target, ip, count, replies), stderr: '' }
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
