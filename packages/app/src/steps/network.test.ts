import { describe, expect, it } from 'vitest'
import type { FakeExpectation } from '@lab4/core'
import { networkStep } from './step.ts'
import { expect$, runWithFake } from '../test-support/engine.ts'
import { testConfig } from '../test-support/config.ts'
import { podsJson, serviceJson } from '../test-support/kube-json.ts'
import { kc } from '../test-support/evidence.ts'
import { fixture } from '../test-support/fixture.ts'

const config = testConfig()
const A = { name: 'frontend-6f7c9d8b5-k2x8q', node: 'lab4', ip: '10.244.1.5' }
const B = { name: 'frontend-6f7c9d8b5-w7dzm', node: 'lab4-m02', ip: '10.244.2.7' }
const dash = (ip: string) => ip.replace(/\./g, '-')
const exec = (pod: string, ...c: string[]) => kc('-n', 'default', 'exec', pod, '--', ...c)

/** What BusyBox prints inside the pod for `ping -c 3 <name>`. */
const ping = (name: string, ip: string, ttl: number) =>
  `PING ${name} (${ip}): 56 data bytes\n` +
  [0, 1, 2].map((i) => `64 bytes from ${ip}: seq=${i} ttl=${ttl} time=0.${i + 1}12 ms\n`).join('') +
  `\n--- ${name} ping statistics ---\n3 packets transmitted, 3 packets received, 0% packet loss\nround-trip min/avg/max = 0.112/0.212/0.312 ms\n`
const noReply = (ip: string) =>
  `PING ${ip} (${ip}): 56 data bytes\n\n--- ${ip} ping statistics ---\n3 packets transmitted, 0 packets received, 100% packet loss\n`
const lookup = (name: string, ip: string) =>
  `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n\nName:\t${name}\nAddress: ${ip}\n\n`
const svcName = 'frontend.default.svc.cluster.local'

function script(target: (a: typeof A) => typeof A): FakeExpectation[] {
  return [
    expect$(kc('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'json'), podsJson([A, B])),
    expect$(kc('-n', 'default', 'get', 'service', 'frontend', '-o', 'json'), serviceJson('10.101.7.3')),
    ...[A, B].flatMap((a) => {
      const b = target(a)
      const ttl = a === b ? 64 : 62
      const ep = `${dash(b.ip)}.frontend.default.svc.cluster.local`
      const pod = `${dash(b.ip)}.default.pod.cluster.local`
      return [
        expect$(exec(a.name, 'nslookup', ep), lookup(ep, b.ip)),
        expect$(exec(a.name, 'ping', '-c', '3', ep), ping(ep, b.ip, ttl)),
        expect$(exec(a.name, 'ping', '-c', '3', pod), ping(pod, b.ip, ttl)),
        expect$(
          exec(a.name, 'nslookup', svcName),
          fixture('sanchpet__exec-nslookup-service.txt')
            .replace(/itdt-contained-frontend-deployment/g, 'frontend')
            .replace('10.107.152.191', '10.101.7.3'),
        ),
        expect$(exec(a.name, 'ping', '-c', '3', '-W', '2', '10.101.7.3'), noReply('10.101.7.3'), {
          exitCode: 1,
          stderr: 'command terminated with exit code 1\n',
        }),
      ]
    }),
    expect$(
      kc('-n', 'kube-system', 'get', 'pods', '-l', 'k8s-app=kube-dns', '-o', 'wide'),
      'NAME                       READY   STATUS    RESTARTS   AGE   IP           NODE   NOMINATED NODE   READINESS GATES\ncoredns-6f6b679f8f-9xkqz   1/1     Running   0          12m   10.244.1.2   lab4   <none>           <none>\n',
    ),
    expect$(
      kc('-n', 'kube-system', 'get', 'configmap', 'coredns', '-o', 'yaml'),
      `apiVersion: v1\ndata:\n${fixture('coredns-corefile-kubeadm-default-2022.txt')}kind: ConfigMap\n`,
    ),
  ]
}

describe('networkStep', () => {
  it('runs nslookup and ping by FQDN from each pod to the pod on the other node, and the checks pass', async () => {
    const { result, runner } = await runWithFake(
      [networkStep],
      config,
      script((a) => (a === A ? B : A)),
    )
    runner.assertDone()
    expect(result.results.map((r) => [r.check, r.status])).toEqual([
      ['app.neighbour-ping', 'PASS'],
      ['app.dns-resolves', 'PASS'],
      ['app.clusterip-no-ping', 'PASS'],
    ])
    expect(result.steps).toEqual([{ id: 'app.network', status: 'unchanged' }])
  })

  it('with --ping-target self each pod pings itself and app.neighbour-ping FAILs naming the pods', async () => {
    const { result, runner, record } = await runWithFake(
      [networkStep],
      config,
      script((a) => a),
      { flags: { 'ping-target': 'self' } },
    )
    runner.assertDone()
    const v = result.results.find((r) => r.check === 'app.neighbour-ping')
    expect(v?.status).toBe('FAIL')
    expect(v?.actual).toContain(`${A.name} pinged itself`)
    expect(v?.actual).toContain(`not its neighbour ${B.name}`)
    expect(record.entries.some((e) => e.type === 'note' && e.message.startsWith('ping-target=self'))).toBe(
      true,
    )
  })

  it('plans the commands with placeholder pods per zone', () => {
    const argvs = networkStep.plan(config).flatMap((p) => (p.kind === 'command' ? [p.argv.join(' ')] : []))
    expect(argvs).toContain(
      'kubectl --context lab4 -n default exec <pod in zone east> -- ping -c 3 <IP of the pod in zone west, dashed>.frontend.default.svc.cluster.local',
    )
    expect(argvs).toContain(
      'kubectl --context lab4 -n default exec <pod in zone west> -- ping -c 3 -W 2 <ClusterIP>',
    )
  })
})
