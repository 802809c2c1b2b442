import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { deployStep } from './step.ts'
import { frontendManifest } from '../manifests/frontend.ts'
import { expect$, runWithFake } from '../test-support/engine.ts'
import { testConfig } from '../test-support/config.ts'
import { endpointSlicesJson, ippoolsJson, nodesJson, podsJson } from '../test-support/kube-json.ts'
import { kc } from '../test-support/evidence.ts'

const config = testConfig()
const m = frontendManifest(config)
const A = { name: 'frontend-6f7c9d8b5-k2x8q', node: 'lab4', ip: '10.244.1.5' }
const B = { name: 'frontend-6f7c9d8b5-w7dzm', node: 'lab4-m02', ip: '10.244.2.7' }
const notFound = (kind: string) => ({
  exitCode: 1,
  stderr: `Error from server (NotFound): ${kind} "frontend" not found\n`,
})
const live = (o: object, status: object) => JSON.stringify({ ...o, status }, null, 4)
const slices = endpointSlicesJson([A, B].map((p) => ({ ip: p.ip, pod: p.name, node: p.node })))

const getDeployment = kc('-n', 'default', 'get', 'deployment', 'frontend', '-o', 'json')
const getService = kc('-n', 'default', 'get', 'service', 'frontend', '-o', 'json')
const rollout = kc('-n', 'default', 'rollout', 'status', 'deployment/frontend', '--timeout=600s')
const getSlices = kc(
  '-n',
  'default',
  'get',
  'endpointslices',
  '-l',
  'kubernetes.io/service-name=frontend',
  '-o',
  'json',
)
const getPods = kc('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'json')
const deploymentNow = live(m.deployment, {
  readyReplicas: 2,
  replicas: 2,
  updatedReplicas: 2,
  availableReplicas: 2,
})
const serviceNow = live(
  { ...m.service, spec: { ...m.service.spec, clusterIP: '10.101.7.3' } },
  { loadBalancer: {} },
)
const collect = [
  expect$(getDeployment, deploymentNow),
  expect$(getService, serviceNow),
  expect$(getSlices, slices),
  expect$(getPods, podsJson([A, B])),
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

describe('deployStep', () => {
  it('applies the manifest when absent, waits for rollout and 2 endpoints, records evidence, and passes its checks', async () => {
    const { result, runner, root, record } = await runWithFake([deployStep], config, [
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
      ...collect,
    ])
    runner.assertDone()
    expect(result.steps).toEqual([{ id: 'app.deploy', status: 'changed' }])
    expect(result.results.map((r) => [r.check, r.status])).toEqual([
      ['app.deployment-ready', 'PASS'],
      ['app.one-pod-per-zone', 'PASS'],
      ['app.service-endpoints', 'PASS'],
      ['app.pods-in-zone-pool', 'PASS'],
    ])
    expect(readFileSync(join(root, 'manifests', 'frontend.yaml'), 'utf8')).toBe(m.yaml)
    const artifact = record.entries.find((e) => e.type === 'artifact' && e.key === 'app.manifest')
    expect(artifact).toMatchObject({ mediaType: 'application/yaml', path: 'artifacts/frontend.yaml' })
  })

  it('applies nothing on a second run when both spec hashes match', async () => {
    const { result, runner, record } = await runWithFake([deployStep], config, [
      expect$(getDeployment, deploymentNow),
      expect$(getService, serviceNow),
      expect$(rollout, 'deployment "frontend" successfully rolled out\n'),
      expect$(getSlices, slices),
      ...collect,
    ])
    runner.assertDone()
    expect(result.steps).toEqual([{ id: 'app.deploy', status: 'unchanged' }])
    expect(record.entries.filter((e) => e.type === 'command' && e.write)).toEqual([])
  })

  it('stops with the pod states and a pull hint when the rollout times out on ImagePullBackOff; the checks say environment', async () => {
    const stuck = [
      { name: A.name, node: A.node, waiting: 'ImagePullBackOff' },
      { name: B.name, node: B.node, waiting: 'ErrImagePull' },
    ]
    const { result, runner, record } = await runWithFake([deployStep], config, [
      expect$(getDeployment, deploymentNow),
      expect$(getService, serviceNow),
      expect$(
        rollout,
        'Waiting for deployment "frontend" rollout to finish: 0 of 2 updated replicas are available...\n',
        { exitCode: 1, stderr: 'error: timed out waiting for the condition\n' },
      ),
      expect$(getDeployment, live(m.deployment, { replicas: 2, unavailableReplicas: 2 })),
      expect$(getPods, podsJson(stuck)),
    ])
    runner.assertDone()
    const end = record.entries.find((e) => e.type === 'step-end')
    expect(end).toMatchObject({ status: 'failed' })
    expect(end?.type === 'step-end' && end.error).toContain(
      'frontend-6f7c9d8b5-k2x8q 0/1 ImagePullBackOff on lab4',
    )
    expect(result.results.every((r) => r.status === 'NOT-GRADABLE' && r.cause === 'environment')).toBe(true)
  })

  it('plans the apply with the manifest on stdin and the rollout wait', () => {
    const plan = deployStep.plan(config)
    expect(plan.find((p) => p.kind === 'manifest')).toMatchObject({
      path: 'manifests/frontend.yaml',
      yaml: m.yaml,
    })
    expect(plan.find((p) => p.kind === 'command' && p.argv.includes('apply'))).toMatchObject({
      stdin: m.yaml,
      when: 'absent or spec hash differs',
    })
  })
})
