// Test helper: what kubectl and BusyBox print for the app steps on a healthy two-zone cluster, as scripted runs.
import type { FakeExpectation } from '@lab4/core'
import { frontendManifest } from '../manifests/frontend.ts'
import { expect$ } from './engine.ts'
import { testConfig } from './config.ts'
import { kc } from './evidence.ts'
import { fixture } from './fixture.ts'
import { busyboxNslookup, busyboxPing } from './busybox.ts'
import { endpointSlicesJson, ippoolsJson, nodesJson, podsJson, serviceJson } from './kube-json.ts'

/** The two replicas: one on the control plane (zone east), one on the worker (zone west). */
export const podA = { name: 'frontend-6f7c9d8b5-k2x8q', node: 'lab4', ip: '10.244.1.5' }
export const podB = { name: 'frontend-6f7c9d8b5-w7dzm', node: 'lab4-m02', ip: '10.244.2.7' }
export type ScriptPod = typeof podA

const m = frontendManifest(testConfig())
export const notFound = (kind: string) => ({
  exitCode: 1,
  stderr: `Error from server (NotFound): ${kind} "frontend" not found\n`,
})
export const live = (o: object, status: object) => JSON.stringify({ ...o, status }, null, 4)
export const slices = endpointSlicesJson([podA, podB].map((p) => ({ ip: p.ip, pod: p.name, node: p.node })))

/** The argv app.deploy runs with the default config, spelled out (the tests pin them, not the builders). */
export const deployArgv = {
  getDeployment: kc('-n', 'default', 'get', 'deployment', 'frontend', '-o', 'json'),
  getService: kc('-n', 'default', 'get', 'service', 'frontend', '-o', 'json'),
  rollout: kc('-n', 'default', 'rollout', 'status', 'deployment/frontend', '--timeout=600s'),
  getSlices: kc(
    '-n',
    'default',
    'get',
    'endpointslices',
    '-l',
    'kubernetes.io/service-name=frontend',
    '-o',
    'json',
  ),
  getPods: kc('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'json'),
}
const { getDeployment, getService, rollout, getSlices, getPods } = deployArgv

export const deploymentNow = live(m.deployment, {
  readyReplicas: 2,
  replicas: 2,
  updatedReplicas: 2,
  availableReplicas: 2,
})
export const serviceNow = live(
  { ...m.service, spec: { ...m.service.spec, clusterIP: '10.101.7.3' } },
  { loadBalancer: {} },
)

/** app.deploy's collect on the running Deployment. */
export const deployCollect: FakeExpectation[] = [
  expect$(getDeployment, deploymentNow),
  expect$(getService, serviceNow),
  expect$(getSlices, slices),
  expect$(getPods, podsJson([podA, podB])),
  expect$(kc('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'wide'), 'NAME READY STATUS\n'),
  expect$(kc('-n', 'default', 'get', 'deployment,service', '-o', 'wide'), 'NAME READY\n'),
  expect$(
    kc('get', 'nodes', '-o', 'json'),
    nodesJson([
      { name: 'lab4', zone: 'east' },
      { name: 'lab4-m02', zone: 'west' },
    ]),
  ),
  expect$(
    kc('exec', '-i', '-n', 'kube-system', 'calicoctl', '--', 'calicoctl', 'get', 'ippool', '-o', 'json'),
    ippoolsJson([
      { name: 'east-ippool', cidr: '10.244.1.0/24', selector: 'zone == "east"' },
      { name: 'west-ippool', cidr: '10.244.2.0/24', selector: 'zone == "west"' },
    ]),
  ),
]

/** app.deploy on an empty namespace: both objects absent, applied, rolled out, then collected. */
export const deployFirstRun = (): FakeExpectation[] => [
  expect$(getDeployment, '', notFound('deployments.apps')),
  expect$(getService, '', notFound('services')),
  expect$(kc('apply', '-f', '-'), 'deployment.apps/frontend created\nservice/frontend created\n', {
    stdin: m.yaml,
  }),
  expect$(
    rollout,
    'Waiting for deployment "frontend" rollout to finish: 0 of 2 updated replicas are available...\ndeployment "frontend" successfully rolled out\n',
  ),
  expect$(getSlices, slices),
  ...deployCollect,
]

/** app.network's collect: each pod resolves and pings `target(pod)` (its neighbour, or itself in the self-test). */
export function networkScript(target: (a: ScriptPod) => ScriptPod): FakeExpectation[] {
  const dash = (ip: string) => ip.replace(/\./g, '-')
  const exec = (pod: string, ...c: string[]) => kc('-n', 'default', 'exec', pod, '--', ...c)
  const svcName = 'frontend.default.svc.cluster.local'
  return [
    expect$(kc('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'json'), podsJson([podA, podB])),
    expect$(kc('-n', 'default', 'get', 'service', 'frontend', '-o', 'json'), serviceJson('10.101.7.3')),
    ...[podA, podB].flatMap((a) => {
      const b = target(a)
      const ttl = a === b ? 64 : 62
      const ep = `${dash(b.ip)}.frontend.default.svc.cluster.local`
      const pod = `${dash(b.ip)}.default.pod.cluster.local`
      return [
        expect$(exec(a.name, 'nslookup', ep), busyboxNslookup(ep, b.ip)),
        expect$(exec(a.name, 'ping', '-c', '3', ep), busyboxPing(ep, b.ip, { ttl })),
        expect$(exec(a.name, 'ping', '-c', '3', pod), busyboxPing(pod, b.ip, { ttl })),
        expect$(
          exec(a.name, 'nslookup', svcName),
          fixture('sanchpet__exec-nslookup-service.txt')
            .replace(/itdt-contained-frontend-deployment/g, 'frontend')
            .replace('10.107.152.191', '10.101.7.3'),
        ),
        expect$(
          exec(a.name, 'ping', '-c', '3', '-W', '2', '10.101.7.3'),
          busyboxPing('10.101.7.3', '10.101.7.3', { received: 0 }),
          { exitCode: 1, stderr: 'command terminated with exit code 1\n' },
        ),
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
