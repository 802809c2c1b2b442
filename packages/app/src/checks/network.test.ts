import { describe, expect, it } from 'vitest'
import { clusterIpNoPing, dnsResolves, neighbourPing } from './network.ts'
import { EvidenceBuilder, k, labConfig } from '@lab4/core/testing'
import { frontendPods, frontendServiceJson } from '../testing/frontend.ts'
import { defined } from '../testing/fixture.ts'
import { busyboxNslookup, busyboxPing } from '../testing/busybox.ts'
import { KEY } from '../contract.ts'
import { podA as A, podB as B } from '../testing/scripts.ts'

const config = labConfig()
const dash = (ip: string) => ip.replace(/\./g, '-')

type Pod = typeof A
function network(
  o: {
    target?: (a: Pod, b: Pod) => Pod
    ttl?: number
    pods?: Pod[]
    clusterReplies?: number
    dnsFail?: boolean
  } = {},
) {
  const b = new EvidenceBuilder()
  const pods = o.pods ?? [A, B]
  const exec = (pod: string, ...cmd: string[]) => k('-n', 'default', 'exec', pod, '--', ...cmd)
  b.command(KEY.networkPods, frontendPods(pods), {
    argv: k('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'json'),
    step: 'app.network',
  })
  b.command(KEY.networkService, frontendServiceJson('10.101.7.3'), {
    argv: k('-n', 'default', 'get', 'service', 'frontend', '-o', 'json'),
    step: 'app.network',
  })
  for (const a of pods) {
    const other = pods.find((p) => p !== a && p.node !== a.node) ?? defined(pods.find((p) => p !== a))
    const t = (o.target ?? ((_a, n) => n))(a, other)
    const ep = `${dash(t.ip)}.frontend.default.svc.cluster.local`
    const pod = `${dash(t.ip)}.default.pod.cluster.local`
    const sameHost = t.node === a.node
    b.command(
      KEY.dnsEndpoint(a.name),
      o.dnsFail
        ? `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find ${ep}: NXDOMAIN\n\n`
        : busyboxNslookup(ep, t.ip),
      { argv: exec(a.name, 'nslookup', ep), step: 'app.network', exitCode: o.dnsFail ? 1 : 0 },
    )
    if (o.dnsFail) {
      b.command(KEY.pingEndpoint(a.name), '', {
        argv: exec(a.name, 'ping', '-c', '3', ep),
        step: 'app.network',
        exitCode: 1,
        stderr: `ping: bad address '${ep}'\ncommand terminated with exit code 1\n`,
      })
    } else {
      b.command(KEY.pingEndpoint(a.name), busyboxPing(ep, t.ip, { ttl: o.ttl ?? (sameHost ? 64 : 62) }), {
        argv: exec(a.name, 'ping', '-c', '3', ep),
        step: 'app.network',
      })
    }
    b.command(KEY.pingPod(a.name), busyboxPing(pod, t.ip, { ttl: sameHost ? 64 : 62 }), {
      argv: exec(a.name, 'ping', '-c', '3', pod),
      step: 'app.network',
    })
    b.command(KEY.dnsService(a.name), busyboxNslookup('frontend.default.svc.cluster.local', '10.101.7.3'), {
      argv: exec(a.name, 'nslookup', 'frontend.default.svc.cluster.local'),
      step: 'app.network',
    })
    const replies = o.clusterReplies ?? 0
    b.command(
      KEY.pingClusterIp(a.name),
      busyboxPing('10.101.7.3', '10.101.7.3', { received: replies, ttl: 64 }),
      {
        argv: exec(a.name, 'ping', '-c', '3', '-W', '2', '10.101.7.3'),
        step: 'app.network',
        exitCode: replies ? 0 : 1,
      },
    )
  }
  return b.build()
}

describe('app.neighbour-ping', () => {
  it('passes when each pod gets ttl=62 replies from the pod on the other node, by FQDN', () => {
    const v = neighbourPing.evaluate(network(), config)
    expect(v.status).toBe('PASS')
    expect(v.actual).toContain(
      'frontend-6f7c9d8b5-k2x8q (lab4) → 10-244-2-7.frontend.default.svc.cluster.local = frontend-6f7c9d8b5-w7dzm (lab4-m02): 3/3 replies, ttl=62',
    )
    expect(v.evidence).toHaveLength(3)
  })

  it('fails when a pod pings itself, naming the pods', () => {
    const v = neighbourPing.evaluate(network({ target: (a) => a }), config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain(
      'frontend-6f7c9d8b5-k2x8q pinged itself (3/3 replies, ttl=64 from its own IP 10.244.1.5), not its neighbour frontend-6f7c9d8b5-w7dzm',
    )
    expect(v.actual).toContain('frontend-6f7c9d8b5-w7dzm pinged itself')
  })

  it('fails ttl=64 replies from "the neighbour" on another node', () => {
    const v = neighbourPing.evaluate(network({ ttl: 64 }), config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('ttl=64 means the reply did not cross nodes')
  })

  it('fails a neighbour on the same node when both pods share a node', () => {
    const v = neighbourPing.evaluate(network({ pods: [A, { ...B, node: 'lab4' }] }), config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('runs on the same node lab4')
  })

  it('fails an unresolved name with bad address', () => {
    const v = neighbourPing.evaluate(network({ dnsFail: true }), config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('ping: bad address')
  })

  it('is not gradable when the exec failed before ping ran', () => {
    const b = new EvidenceBuilder()
    b.command(KEY.networkPods, frontendPods([A, B]), { argv: k('get', 'pods') })
    b.command(KEY.pingEndpoint(A.name), '', {
      argv: k('exec'),
      exitCode: 1,
      stderr: 'error: unable to upgrade connection: container not found ("frontend")\n',
    })
    const v = neighbourPing.evaluate(b.build(), config)
    expect(v.status).toBe('NOT-GRADABLE')
    expect(v.actual).toContain('unable to upgrade connection')
  })
})

describe('app.dns-resolves', () => {
  it('passes when every name resolves to the IP it should', () => {
    const v = dnsResolves.evaluate(network(), config)
    expect(v.status).toBe('PASS')
    expect(v.actual).toContain('frontend.default.svc.cluster.local → 10.101.7.3')
  })

  it('fails when the endpoint name is NXDOMAIN', () => {
    const v = dnsResolves.evaluate(network({ dnsFail: true }), config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('10-244-2-7.frontend.default.svc.cluster.local → no answer')
  })
})

describe('app.clusterip-no-ping', () => {
  it('passes when the ClusterIP gets no reply', () => {
    const v = clusterIpNoPing.evaluate(network(), config)
    expect(v.status).toBe('PASS')
    expect(v.actual).toContain('0 of 3 answered')
  })

  it('is not gradable (environment) when the node answers for the VIP', () => {
    const v = clusterIpNoPing.evaluate(network({ clusterReplies: 3 }), config)
    expect(v).toMatchObject({ status: 'NOT-GRADABLE', cause: 'environment' })
  })

  it('is not gradable without evidence', () => {
    expect(clusterIpNoPing.evaluate(new EvidenceBuilder().build(), config).status).toBe('NOT-GRADABLE')
  })
})
