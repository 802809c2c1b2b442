// app.network: from inside each pod, resolve and ping the neighbour by FQDN, and show what a ClusterIP does (lab item 10).
import {
  defineStep,
  parseItems,
  type LabConfig,
  type PlanItem,
  type StepContext,
  type V1Service,
} from '@lab4/core'
import { kube } from '../argv.ts'
import { KEY, STEP } from '../contract.ts'
import { endpointFqdn, podFqdn, serviceFqdn } from '../names.ts'
import { appPods } from '../k8s.ts'
import { pingPairs } from '../pairs.ts'
import { toCommand, toPlan, type StepCommand } from './command.ts'
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

/** The reads around the probes: the pods and the ClusterIP first, CoreDNS last. */
const reads = (config: LabConfig) =>
  ({
    pods: {
      args: kube.podsJson(config),
      key: KEY.networkPods,
      why: 'pod names, IPs and nodes: pair each pod with the one on the other node',
    },
    service: { args: kube.serviceJson(config), key: KEY.networkService, why: 'the ClusterIP' },
    corednsPods: { args: kube.corednsPods(), key: KEY.corednsPods, why: 'CoreDNS pods' },
    corefile: {
      args: kube.corefile(),
      key: KEY.corefile,
      why: 'the Corefile (pods insecure, cluster.local)',
    },
  }) satisfies Record<string, StepCommand>

/** What pod `from` runs toward the pod at `toIp`: run executes these with real names, plan shows placeholders. */
function probes(config: LabConfig, from: string, toIp: string, clusterIp: string | undefined): StepCommand[] {
  const n = String(config.app.pingCount)
  // BusyBox ping waits up to 10 s for the last reply; the limit only guards against a hung exec.
  const timeoutMs = (config.app.pingCount + 20) * 1000
  const exec = (key: string, why: string, ...command: string[]): StepCommand => ({
    args: kube.exec(config, from, ...command),
    key,
    why,
    timeoutMs,
  })
  return [
    exec(
      KEY.dnsEndpoint(from),
      'the endpoint name resolves to the neighbour (CoreDNS checks it is an endpoint)',
      'nslookup',
      endpointFqdn(config, toIp),
    ),
    exec(
      KEY.pingEndpoint(from),
      'ping the neighbour by FQDN: replies with ttl=62 came across nodes',
      'ping',
      '-c',
      n,
      endpointFqdn(config, toIp),
    ),
    exec(
      KEY.pingPod(from),
      'the pod A-record form (CoreDNS answers any dashed IP: pods insecure)',
      'ping',
      '-c',
      n,
      podFqdn(config, toIp),
    ),
    exec(KEY.dnsService(from), 'the Service name resolves to its ClusterIP', 'nslookup', serviceFqdn(config)),
    ...(clusterIp && clusterIp !== 'None'
      ? [
          exec(
            KEY.pingClusterIp(from),
            'a ClusterIP is virtual: no ICMP reply expected',
            'ping',
            '-c',
            n,
            '-W',
            '2',
            clusterIp,
          ),
        ]
      : []),
  ]
}

async function collectNetwork(ctx: StepContext): Promise<void> {
  const { config } = ctx
  const r = reads(config)
  const get = (c: StepCommand) => ctx.run(toCommand(ctx, c))
  const podsOut = await get(r.pods)
  const svcOut = await get(r.service)
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
  for (const { a, b } of pingPairs(pods, self ? 'self' : 'neighbour')) {
    const ip = b.ip ?? ''
    ctx.progress(`${a.name} → ${endpointFqdn(config, ip)}`)
    for (const probe of probes(config, a.name, ip, clusterIp)) await get(probe)
  }
  await get(r.corednsPods)
  await get(r.corefile)
}

function networkPlan(config: LabConfig): PlanItem[] {
  const r = reads(config)
  const [z1 = 'zone 1', z2 = 'zone 2'] = config.zones.values
  const pairs = [
    [z1, z2],
    [z2, z1],
  ] as const
  return [
    toPlan(config, r.pods),
    toPlan(config, r.service),
    ...pairs.flatMap(([from, to]) =>
      probes(config, `<pod in zone ${from}>`, `<IP of the pod in zone ${to}, dashed>`, '<ClusterIP>').map(
        (p) => toPlan(config, p),
      ),
    ),
    toPlan(config, r.corednsPods),
    toPlan(config, r.corefile),
  ]
}
