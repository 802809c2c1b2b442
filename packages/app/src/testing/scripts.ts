// Test helper: what kubectl and BusyBox print for the app steps on a healthy two-zone cluster, as scripted runs.
import type { FakeExpectation } from '@lab4/core'
import { frontendManifest } from '../manifests/frontend.ts'
import { k, labConfig, say } from '@lab4/core/testing'
import { fixture } from './fixture.ts'
import { busyboxNslookup, busyboxPing } from './busybox.ts'
import { frontendPods, frontendServiceJson, frontendSlices, zoneNodes, zonePoolList } from './frontend.ts'

/** The two replicas: one on the control plane (zone east), one on the worker (zone west). */
export const podA = { name: 'frontend-6f7c9d8b5-k2x8q', node: 'lab4', ip: '10.244.1.5' }
export const podB = { name: 'frontend-6f7c9d8b5-w7dzm', node: 'lab4-m02', ip: '10.244.2.7' }
export type ScriptPod = typeof podA

const m = frontendManifest(labConfig())
export const notFound = (kind: string) => ({
  exitCode: 1,
  stderr: `Error from server (NotFound): ${kind} "frontend" not found\n`,
})
export const live = (o: object, status: object) => JSON.stringify({ ...o, status }, null, 4)
export const slices = frontendSlices([podA, podB].map((p) => ({ ip: p.ip, pod: p.name, node: p.node })))

/** The argv app.deploy runs with the default config, spelled out (the tests pin them, not the builders). */
export const deployArgv = {
  getDeployment: k('-n', 'default', 'get', 'deployment', 'frontend', '-o', 'json'),
  getService: k('-n', 'default', 'get', 'service', 'frontend', '-o', 'json'),
  rollout: k('-n', 'default', 'rollout', 'status', 'deployment/frontend', '--timeout=600s'),
  getSlices: k(
    '-n',
    'default',
    'get',
    'endpointslices',
    '-l',
    'kubernetes.io/service-name=frontend',
    '-o',
    'json',
  ),
  getPods: k('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'json'),
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
  say(getDeployment, deploymentNow),
  say(getService, serviceNow),
  say(getSlices, slices),
  say(getPods, frontendPods([podA, podB])),
  say(k('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'wide'), 'NAME READY STATUS\n'),
  say(k('-n', 'default', 'get', 'deployment,service', '-o', 'wide'), 'NAME READY\n'),
  say(k('get', 'nodes', '-o', 'json'), zoneNodes()),
  say(
    k('exec', '-i', '-n', 'kube-system', 'calicoctl', '--', 'calicoctl', 'get', 'ippool', '-o', 'json'),
    zonePoolList(),
  ),
]

/** app.deploy on an empty namespace: both objects absent, applied, rolled out, then collected. */
export const deployFirstRun = (): FakeExpectation[] => [
  say(getDeployment, '', notFound('deployments.apps')),
  say(getService, '', notFound('services')),
  say(k('apply', '-f', '-'), 'deployment.apps/frontend created\nservice/frontend created\n', {
    stdin: m.yaml,
  }),
  say(
    rollout,
    'Waiting for deployment "frontend" rollout to finish: 0 of 2 updated replicas are available...\ndeployment "frontend" successfully rolled out\n',
  ),
  say(getSlices, slices),
  ...deployCollect,
]

/** app.network's collect: each pod resolves and pings `target(pod)` (its neighbour, or itself in the self-test). */
export function networkScript(target: (a: ScriptPod) => ScriptPod): FakeExpectation[] {
  const dash = (ip: string) => ip.replace(/\./g, '-')
  const exec = (pod: string, ...c: string[]) => k('-n', 'default', 'exec', pod, '--', ...c)
  const svcName = 'frontend.default.svc.cluster.local'
  return [
    say(k('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'json'), frontendPods([podA, podB])),
    say(k('-n', 'default', 'get', 'service', 'frontend', '-o', 'json'), frontendServiceJson('10.101.7.3')),
    ...[podA, podB].flatMap((a) => {
      const b = target(a)
      const ttl = a === b ? 64 : 62
      const ep = `${dash(b.ip)}.frontend.default.svc.cluster.local`
      const pod = `${dash(b.ip)}.default.pod.cluster.local`
      return [
        say(exec(a.name, 'nslookup', ep), busyboxNslookup(ep, b.ip)),
        say(exec(a.name, 'ping', '-c', '3', ep), busyboxPing(ep, b.ip, { ttl })),
        say(exec(a.name, 'ping', '-c', '3', pod), busyboxPing(pod, b.ip, { ttl })),
        say(
          exec(a.name, 'nslookup', svcName),
          fixture('sanchpet__exec-nslookup-service.txt')
            .replace(/itdt-contained-frontend-deployment/g, 'frontend')
            .replace('10.107.152.191', '10.101.7.3'),
        ),
        say(
          exec(a.name, 'ping', '-c', '3', '-W', '2', '10.101.7.3'),
          busyboxPing('10.101.7.3', '10.101.7.3', { received: 0 }),
          { exitCode: 1, stderr: 'command terminated with exit code 1\n' },
        ),
      ]
    }),
    say(
      k('-n', 'kube-system', 'get', 'pods', '-l', 'k8s-app=kube-dns', '-o', 'wide'),
      'NAME                       READY   STATUS    RESTARTS   AGE   IP           NODE   NOMINATED NODE   READINESS GATES\ncoredns-6f6b679f8f-9xkqz   1/1     Running   0          12m   10.244.1.2   lab4   <none>           <none>\n',
    ),
    say(
      k('-n', 'kube-system', 'get', 'configmap', 'coredns', '-o', 'yaml'),
      `apiVersion: v1\ndata:\n${fixture('coredns-corefile-kubeadm-default-2022.txt')}kind: ConfigMap\n`,
    ),
  ]
}
