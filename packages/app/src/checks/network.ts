// Checks for lab item 10: each pod reaches its neighbour by FQDN, DNS answers every name form, a ClusterIP does not ping.
import {
  defineCheck,
  fail,
  notGradable,
  parseItems,
  pass,
  withEvidence,
  type CommandEntry,
  type Evidence,
  type LabConfig,
  type PodSummary,
  type V1Service,
  type Verdict,
} from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import { ipFromDashedName } from '../names.ts'
import { appPods } from '../k8s.ts'
import { parsePing, pingSucceeded, pingTtls, replyingIps, type PingResult } from '../busybox/ping.ts'
import { addressesFor, parseNslookup } from '../busybox/nslookup.ts'
import { neighbourOf } from '../pairs.ts'
import { pullGate } from './deploy.ts'

const IP = /^\d{1,3}(\.\d{1,3}){3}$/
const output = (e: CommandEntry) => `${e.stdout}\n${e.stderr}`
const target = (e: CommandEntry) => e.argv.at(-1) ?? ''

type PodJudge = (
  a: PodSummary,
  pods: PodSummary[],
) => { ok: boolean; line: string; evidence: string[] } | { missing: string }

/** Judge every recorded pod; any missing exec output makes the whole verdict NOT-GRADABLE. */
function perPod(ev: Evidence, config: LabConfig, expected: string, hint: string, judge: PodJudge): Verdict {
  return (
    pullGate(ev, config, expected, KEY.networkPods) ??
    withEvidence(ev, [KEY.networkPods], expected, (podsEntry) => {
      const pods = appPods(podsEntry.stdout, config).filter((p) => p.ip !== undefined)
      if (pods.length < 2) {
        return notGradable('missing-evidence', {
          expected,
          actual: `${pods.length} pod(s) with an IP; there is no neighbour to judge`,
          hint: 'Both replicas must be running.',
          evidence: [podsEntry],
        })
      }
      const results = pods.map((a) => judge(a, pods))
      const missing = results.flatMap((r) => ('missing' in r ? [r.missing] : []))
      if (missing.length > 0) {
        return notGradable('missing-evidence', {
          expected,
          actual: missing.join('; '),
          hint: 'Re-run `pnpm verify` (or `pnpm lab --only app.network`) with both pods running.',
          evidence: [podsEntry],
        })
      }
      const judged = results.filter((r): r is Exclude<typeof r, { missing: string }> => !('missing' in r))
      const body = {
        expected,
        actual: judged.map((r) => r.line).join('; '),
        evidence: [podsEntry.id, ...judged.flatMap((r) => r.evidence)],
      }
      return judged.every((r) => r.ok) ? pass(body) : fail({ ...body, hint })
    })
  )
}

/** The ping output for a key, or why it cannot be judged (exec itself failed, not the ping). */
function pingAt(ev: Evidence, key: string): { entry: CommandEntry; ping: PingResult } | { missing: string } {
  const entry = ev.command(key)
  if (!entry) return { missing: `no recorded output for ${key}` }
  const ping = parsePing(output(entry))
  if (!ping)
    return {
      missing: `\`${entry.argv.join(' ')}\` printed no ping output (exit ${entry.exitCode}): ${entry.stderr.split('\n')[0] ?? ''}`,
    }
  return { entry, ping }
}

export const neighbourPing = defineCheck({
  id: 'app.neighbour-ping',
  step: STEP.network,
  title: 'Each pod pings its neighbour on the other node by FQDN',
  evaluate: (ev, config) =>
    perPod(
      ev,
      config,
      'each pod gets every reply from the pod on the other node, pinged by its endpoint FQDN (<a-b-c-d>.<svc>.<ns>.svc.cluster.local), ttl below 64',
      'Ping the OTHER pod by name: `kubectl exec A -- ping -c 3 <B-ip-dashed>.<svc>.<ns>.svc.cluster.local`; ttl=64 means the reply came from the same host.',
      (a, pods) => {
        const got = pingAt(ev, KEY.pingEndpoint(a.name))
        if ('missing' in got) return got
        const { entry, ping } = got
        const name = target(entry)
        const b = neighbourOf(a, pods)
        const to = pods.find((p) => p.ip === (ipFromDashedName(name) ?? ping.resolvedIp))
        const from = replyingIps(ping)
        const ttls = [...new Set(pingTtls(ping))]
        const stats = `${ping.received ?? ping.replies.length}/${ping.transmitted ?? '?'} replies${ttls.length ? `, ttl=${ttls.join('/')}` : ''}`
        const bad = (why: string) => ({
          ok: false,
          line: `${a.name} → ${name}: ${why}`,
          evidence: [entry.id],
        })
        if (IP.test(name)) return bad('pinged by IP, not by FQDN')
        if (ping.error === 'bad-address') return bad('ping: bad address (the name did not resolve)')
        if (ping.error === 'permission-denied')
          return bad('ping: permission denied (the container cannot open a raw socket)')
        if (from.includes(a.ip ?? '') || to?.name === a.name)
          return bad(
            `${a.name} pinged itself (${stats} from its own IP ${a.ip}), not its neighbour ${b?.name ?? ''}`,
          )
        if (!to)
          return bad(`${ipFromDashedName(name) ?? ping.resolvedIp ?? name} is not a pod of the Deployment`)
        if (b && to.name !== b.name)
          return bad(`pinged ${to.name} on ${to.node}, not the neighbour ${b.name} on ${b.node}`)
        if (!pingSucceeded(ping)) return bad(`${stats}, ${ping.lossPct ?? 100}% loss`)
        if (from.some((ip) => ip !== to.ip))
          return bad(`replies came from ${from.join(', ')}, not ${to.name} (${to.ip})`)
        if (to.node === a.node)
          return bad(`${to.name} runs on the same node ${a.node}; the neighbour must be in the other zone`)
        if (ttls.includes(64))
          return bad(
            `${stats} from "the neighbour" on ${to.node}: ttl=64 means the reply did not cross nodes`,
          )
        return {
          ok: true,
          line: `${a.name} (${a.node}) → ${name} = ${to.name} (${to.node}): ${stats}, 0% loss`,
          evidence: [entry.id],
        }
      },
    ),
})

export const dnsResolves = defineCheck({
  id: 'app.dns-resolves',
  step: STEP.network,
  title: 'CoreDNS answers the endpoint, Service and pod names',
  evaluate: (ev, config) => {
    const svc = ev.command(KEY.networkService)
    const clusterIp = svc?.exitCode === 0 ? parseItems<V1Service>(svc.stdout)[0]?.spec?.clusterIP : undefined
    return perPod(
      ev,
      config,
      `from each pod: the endpoint FQDN → the IP it names, ${config.app.service.name}.${config.app.namespace}.svc.cluster.local → ClusterIP ${clusterIp ?? '?'}, the pod A-record name → the IP it encodes`,
      'Check CoreDNS (kubectl -n kube-system get pods -l k8s-app=kube-dns) and that the pinged name uses the Service name and namespace.',
      (a) => {
        const ep = ev.command(KEY.dnsEndpoint(a.name))
        const sv = ev.command(KEY.dnsService(a.name))
        const pod = pingAt(ev, KEY.pingPod(a.name))
        if (!ep || !sv || !svc || 'missing' in pod)
          return { missing: `DNS evidence for ${a.name} is incomplete` }
        const epAnswers = addressesFor(parseNslookup(ep.stdout), target(ep))
        const svAnswers = addressesFor(parseNslookup(sv.stdout), target(sv))
        const podName = target(pod.entry)
        const wrong = [
          !epAnswers.includes(ipFromDashedName(target(ep)) ?? '') &&
            `${target(ep)} → ${epAnswers.join(', ') || 'no answer'}`,
          (!clusterIp || !svAnswers.includes(clusterIp)) &&
            `${target(sv)} → ${svAnswers.join(', ') || 'no answer'} (ClusterIP ${clusterIp ?? '?'})`,
          pod.ping.resolvedIp !== ipFromDashedName(podName) &&
            `${podName} → ${pod.ping.resolvedIp ?? 'bad address'}`,
        ].filter((x): x is string => typeof x === 'string')
        const evidence = [ep.id, sv.id, pod.entry.id, svc.id]
        if (wrong.length > 0) return { ok: false, line: `${a.name}: ${wrong.join(', ')}`, evidence }
        return {
          ok: true,
          line: `${a.name}: ${target(ep)} → ${epAnswers.join(', ')}, ${target(sv)} → ${clusterIp}, ${podName} → ${pod.ping.resolvedIp}`,
          evidence,
        }
      },
    )
  },
})

export const clusterIpNoPing = defineCheck({
  id: 'app.clusterip-no-ping',
  step: STEP.network,
  title: 'The Service ClusterIP resolves but does not answer ping (it is a virtual IP)',
  evaluate: (ev, config) => {
    const expected =
      'no ICMP reply from the ClusterIP: kube-proxy forwards only the Service ports (TCP/UDP), so there is no host behind the IP to answer ping'
    let replied: string[] = []
    const v = perPod(ev, config, expected, '', (a) => {
      const got = pingAt(ev, KEY.pingClusterIp(a.name))
      if ('missing' in got) return got
      const n = got.ping.received ?? got.ping.replies.length
      if (n > 0) replied = [...replied, `${a.name} → ${target(got.entry)}: ${n} replies`]
      return {
        ok: true,
        line: `${a.name} → ${target(got.entry)}: ${n} of ${got.ping.transmitted ?? '?'} answered`,
        evidence: [got.entry.id],
      }
    })
    // A reply is not the student's mistake (IPVS mode binds the VIP to kube-ipvs0 and the node answers), but it no longer shows the point.
    if (v.status === 'PASS' && replied.length > 0) {
      return notGradable('environment', {
        expected,
        actual: `${replied.join('; ')}: the node answered for the virtual IP (kube-proxy IPVS mode?)`,
        hint: 'This cluster answers ICMP for Service VIPs; the ClusterIP is still not a pod. Check `kubectl -n kube-system get cm kube-proxy -o yaml` (mode).',
        evidence: v.evidence,
      })
    }
    return v
  },
})
