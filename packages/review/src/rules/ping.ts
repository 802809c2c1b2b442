// Item 10: a ping from one pod to the OTHER pod, by a DNS name, with replies. BusyBox output is read by app's parser.
import { ipFromDashedName as dashedIp, pingSucceeded as pingAnswered } from '@lab4/app'
import type { Finding } from '../types.ts'
import type { Ctx, PingFact } from '../facts/context.ts'
import { itemsOfHeading } from '../items.ts'
import { appPodRows } from './ipam.ts'
import { type Rule, finding } from './finding.ts'

const IP = /^\d{1,3}(\.\d{1,3}){3}$/

/** ClusterIPs the write-up shows (`kubectl get svc`, nslookup of a service name): pinging them is not a pod ping. */
function clusterIps(ctx: Ctx): Set<string> {
  const ips = new Set<string>()
  for (const t of ctx.tables.filter((x) => x.kind === 'services'))
    for (const r of t.rows) if (r.cells['CLUSTER-IP']) ips.add(r.cells['CLUSTER-IP'])
  return ips
}

const isName = (target: string) => !IP.test(target)
const ttls = (p: PingFact) => p.result?.replies.map((r) => r.ttl) ?? []
const goodNamePing = (p: PingFact) => isName(p.target) && p.result !== undefined && pingAnswered(p.result)

export const pingRule: Rule = (ctx) => {
  const out: Finding[] = []
  const services = clusterIps(ctx)
  const pods = appPodRows(ctx)
  const podByName = new Map(pods.map((p) => [p.name, p]))
  const podByIp = new Map(pods.map((p) => [p.ip as string, p]))
  const pings = ctx.pings
  const anyGoodName = pings.some(goodNamePing)
  const anyCrossNode = pings.some((p) => ttls(p).some((t) => t < 64))
  for (const p of pings) {
    const r = p.result
    const targetIp = r?.resolvedIp ?? (IP.test(p.target) ? p.target : dashedIp(p.target))
    if (targetIp && services.has(targetIp)) continue // ClusterIP: not a pod, no ICMP reply expected
    const from = p.pod ? podByName.get(p.pod) : undefined
    const to = targetIp ? podByIp.get(targetIp) : undefined
    const f = (kind: string, severity: Finding['severity'], message: string, hint: string) =>
      out.push(finding(ctx, { kind, severity, item: 10, line: p.n, message, hint }))
    if (r?.error === 'bad-address') {
      f(
        'ping.bad-address',
        anyGoodName ? 'note' : 'error',
        `ping: bad address '${r.target}': the name did not resolve${anyGoodName ? ' (another ping by name works)' : ''}`,
        'ping the neighbour by its endpoint name a-b-c-d.<service>.<namespace>.svc.cluster.local (`nslookup <its IP>` inside a pod prints it)',
      )
      continue
    }
    if (IP.test(p.target))
      f(
        'ping.by-ip',
        anyGoodName ? 'note' : 'error',
        `ping ${p.target} is by IP${anyGoodName ? ', beside a ping by name' : ''}: the task asks for the neighbour's FQDN`,
        'ping a-b-c-d.<service>.<namespace>.svc.cluster.local (the endpoint name CoreDNS gives the pod)',
      )
    if (from?.ip && targetIp === from.ip) {
      f(
        'ping.self',
        'error',
        `pod ${from.name} pings ${targetIp}, its own IP: that is not the neighbouring pod`,
        `ping the other pod${[...podByName.values()].filter((x) => x.name !== from.name).map((x) => ` (${x.name}, ${x.ip})`)[0] ?? ''} by name`,
      )
      continue
    }
    const t = ttls(p)
    if (t.length > 0 && t.every((x) => x === 64)) {
      if (from?.node && to?.node && from.node !== to.node)
        f(
          'ping.self',
          'error',
          `ttl=64 from ${targetIp}, although ${from.name} is on ${from.node} and ${to.name} on ${to.node}: a reply from another node would have ttl=62`,
          'the output does not belong to this pair of pods; ping again from one pod to the other and paste it unedited',
        )
      else if (from?.node && to?.node && from.node === to.node)
        f(
          'ping.same-node',
          'note',
          `${from.name} and ${to.name} are both on ${from.node} (ttl=64): the neighbour on the other node is not pinged here`,
          'ping the pod on the other node; its reply comes with ttl=62 through the IPIP tunnel',
        )
      else
        f(
          anyCrossNode ? 'ping.same-node' : 'ping.ttl64',
          anyCrossNode ? 'note' : 'warning',
          anyCrossNode
            ? 'ttl=64: this reply came from the same node (another ping shows the cross-node ttl=62)'
            : 'every reply has ttl=64: it came from the pinging pod itself or from a pod on the same node; nothing shows a reply from the other node',
          'show which pod pings which (kubectl get pods -o wide), and ping the pod on the other node: ttl=62',
        )
    }
    if (r && r.replies.length === 0 && (r.received ?? 0) === 0)
      f(
        'ping.no-reply',
        r.transmitted === undefined ? 'warning' : 'error',
        r.transmitted === undefined
          ? `ping ${p.target}: only the header line is shown, no reply`
          : `ping ${p.target}: ${r.transmitted} sent, none answered`,
        'ping -c 4 <neighbour FQDN> and paste the replies and the statistics',
      )
    if (!r)
      f(
        'ping.no-output',
        'warning',
        `ping ${p.target} is shown without its output`,
        'paste what ping printed (use ping -c 4 so it ends with statistics)',
      )
  }
  return out.concat(emptyPingSection(ctx))
}

/** A section about pinging with no ping output and no screenshot in it (the seed's "Попингуем?"). */
function emptyPingSection(ctx: Ctx): Finding[] {
  const hs = ctx.doc.headings
  const out: Finding[] = []
  hs.forEach((h, i) => {
    if (!itemsOfHeading(h.text).includes(10) || /coredns/i.test(h.text)) return
    const end = hs.slice(i + 1).find((x) => x.level <= h.level)?.n ?? Number.MAX_SAFE_INTEGER
    const inside = (n: number) => n > h.n && n < end
    const shown = ctx.pings.some((p) => inside(p.n)) || ctx.doc.images.some((im) => inside(im.n))
    if (!shown)
      out.push(
        finding(ctx, {
          kind: 'ping.no-output',
          severity: 'error',
          item: 10,
          line: h.n,
          message: `the section "${h.text}" shows no ping at all: item 10 asks for the ping results`,
          hint: 'kubectl exec <pod> -- ping -c 4 <neighbour FQDN>, and paste the output here',
        }),
      )
  })
  return out
}
