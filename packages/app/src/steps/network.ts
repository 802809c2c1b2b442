// app.network: from inside each pod, resolve and ping the neighbour by FQDN, and show what a ClusterIP does (lab item 10).
import {
  defineStep,
  kubectlArgv,
  parseItems,
  type LabConfig,
  type PlanItem,
  type StepContext,
  type V1Service,
} from '@lab4/core'
import { kube } from '../argv.ts'
import { KEY, STEP, endpointFqdn, podFqdn, serviceFqdn } from '../names.ts'
import { appPods } from '../k8s.ts'
import { pingPairs } from './pairs.ts'
import { clusterIpNoPing, dnsResolves, neighbourPing } from '../checks/network.ts'

export const networkStep = defineStep({
  id: STEP.network,
  pkg: 'app',
  title: 'ping the neighbouring pod by FQDN across zones; CoreDNS names; ClusterIP is virtual',
  labItems: [10],
  plan: networkPlan,
  // Everything here only reads (exec of nslookup/ping), so it all lives in collect and `pnpm verify` repeats it.
  run: async () => 'unchanged',
  collect: collectNetwork,
  checks: [neighbourPing, dnsResolves, clusterIpNoPing],
})

async function collectNetwork(ctx: StepContext): Promise<void> {
  const { config } = ctx
  const get = (args: string[], key: string) => ctx.run({ argv: ctx.kubectl(...args), key })
  const podsOut = await get(kube.podsJson(config), KEY.networkPods)
  const svcOut = await get(kube.serviceJson(config), KEY.networkService)
  const pods =
    podsOut.exitCode === 0 ? appPods(podsOut.stdout, config).filter((p) => p.phase === 'Running') : []
  const clusterIp =
    svcOut.exitCode === 0 ? parseItems<V1Service>(svcOut.stdout)[0]?.spec?.clusterIP : undefined
  const self = ctx.flags['ping-target'] === 'self'
  if (self)
    ctx.note(
      'ping-target=self: every pod pings its OWN name (self-test of app.neighbour-ping; expected to FAIL)',
      'warn',
    )
  const n = String(config.app.pingCount)
  // BusyBox ping waits up to 10 s for the last reply; the limit only guards against a hung exec.
  const timeoutMs = (config.app.pingCount + 20) * 1000
  for (const { a, b } of pingPairs(pods, self ? 'self' : 'neighbour')) {
    const exec = (key: string, ...command: string[]) =>
      ctx.run({ argv: ctx.kubectl(...kube.exec(config, a.name, ...command)), key, timeoutMs })
    const ip = b.ip ?? ''
    ctx.progress(`${a.name} → ${endpointFqdn(config, ip)}`)
    await exec(KEY.dnsEndpoint(a.name), 'nslookup', endpointFqdn(config, ip))
    await exec(KEY.pingEndpoint(a.name), 'ping', '-c', n, endpointFqdn(config, ip))
    await exec(KEY.pingPod(a.name), 'ping', '-c', n, podFqdn(config, ip))
    await exec(KEY.dnsService(a.name), 'nslookup', serviceFqdn(config))
    if (clusterIp && clusterIp !== 'None')
      await exec(KEY.pingClusterIp(a.name), 'ping', '-c', n, '-W', '2', clusterIp)
  }
  await get(kube.corednsPods(), KEY.corednsPods)
  await get(kube.corefile(), KEY.corefile)
}

function networkPlan(config: LabConfig): PlanItem[] {
  const k = (...args: string[]) => kubectlArgv(config.profile, ...args)
  const [z1 = 'zone 1', z2 = 'zone 2'] = config.zones.values
  const n = String(config.app.pingCount)
  const svc = `${config.app.service.name}.${config.app.namespace}.svc.cluster.local`
  const items: PlanItem[] = [
    {
      kind: 'command',
      argv: k(...kube.podsJson(config)),
      why: 'pod names, IPs and nodes: pair each pod with the one on the other node',
    },
    { kind: 'command', argv: k(...kube.serviceJson(config)), why: 'the ClusterIP' },
  ]
  for (const [from, to] of [
    [z1, z2],
    [z2, z1],
  ] as const) {
    const a = `<pod in zone ${from}>`
    const b = `<IP of the pod in zone ${to}, dashed>`
    const exec = (...c: string[]) => k(...kube.exec(config, a, ...c))
    items.push(
      {
        kind: 'command',
        argv: exec('nslookup', `${b}.${svc}`),
        why: 'the endpoint name resolves to the neighbour (CoreDNS checks it is an endpoint)',
      },
      {
        kind: 'command',
        argv: exec('ping', '-c', n, `${b}.${svc}`),
        why: 'ping the neighbour by FQDN: replies with ttl=62 came across nodes',
      },
      {
        kind: 'command',
        argv: exec('ping', '-c', n, `${b}.${config.app.namespace}.pod.cluster.local`),
        why: 'the pod A-record form (CoreDNS answers any dashed IP: pods insecure)',
      },
      { kind: 'command', argv: exec('nslookup', svc), why: 'the Service name resolves to its ClusterIP' },
      {
        kind: 'command',
        argv: exec('ping', '-c', n, '-W', '2', '<ClusterIP>'),
        why: 'a ClusterIP is virtual: no ICMP reply expected',
      },
    )
  }
  items.push(
    { kind: 'command', argv: k(...kube.corednsPods()), why: 'CoreDNS pods' },
    { kind: 'command', argv: k(...kube.corefile()), why: 'the Corefile (pods insecure, cluster.local)' },
  )
  return items
}
