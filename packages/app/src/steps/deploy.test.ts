import { describe, expect, it } from 'vitest'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { deployStep } from './deploy.ts'
import { frontendManifest } from '../manifests/frontend.ts'
import { labConfig, runScripted, say } from '@lab4/core/testing'
import { frontendPods } from '../testing/frontend.ts'
import {
  podA as A,
  podB as B,
  deployArgv,
  deployCollect as collect,
  deployFirstRun,
  deploymentNow,
  live,
  serviceNow,
  slices,
} from '../testing/scripts.ts'
import { KEY } from '../contract.ts'

const config = labConfig()
const m = frontendManifest(config)
const { getDeployment, getService, rollout, getSlices, getPods } = deployArgv

describe('deployStep', () => {
  it('applies the manifest when absent, waits for rollout and 2 endpoints, records evidence, and passes its checks', async () => {
    const { result, root, record } = await runScripted([deployStep], [...deployFirstRun()], {
      config,
      assertDone: true,
    })
    expect(result.steps).toEqual([{ id: 'app.deploy', status: 'changed' }])
    expect(result.results.map((r) => [r.check, r.status])).toEqual([
      ['app.deployment-ready', 'PASS'],
      ['app.one-pod-per-zone', 'PASS'],
      ['app.service-endpoints', 'PASS'],
      ['app.pods-in-zone-pool', 'PASS'],
    ])
    expect(readFileSync(join(root, 'manifests', 'frontend.yaml'), 'utf8')).toBe(m.yaml)
    const artifact = record.entries.find((e) => e.type === 'artifact' && e.key === KEY.manifest)
    expect(artifact).toMatchObject({ mediaType: 'application/yaml', path: 'artifacts/frontend.yaml' })
  })

  it('applies nothing on a second run when both spec hashes match', async () => {
    const { result, record } = await runScripted(
      [deployStep],
      [
        say(getDeployment, deploymentNow),
        say(getService, serviceNow),
        say(rollout, 'deployment "frontend" successfully rolled out\n'),
        say(getSlices, slices),
        ...collect,
      ],
      { config, assertDone: true },
    )
    expect(result.steps).toEqual([{ id: 'app.deploy', status: 'unchanged' }])
    expect(record.entries.filter((e) => e.type === 'command' && e.write)).toEqual([])
  })

  it('stops with the pod states and a pull hint when the rollout times out on ImagePullBackOff; the checks say environment', async () => {
    const stuck = [
      { name: A.name, node: A.node, waiting: 'ImagePullBackOff' },
      { name: B.name, node: B.node, waiting: 'ErrImagePull' },
    ]
    const { result, record } = await runScripted(
      [deployStep],
      [
        say(getDeployment, deploymentNow),
        say(getService, serviceNow),
        say(
          rollout,
          'Waiting for deployment "frontend" rollout to finish: 0 of 2 updated replicas are available...\n',
          { exitCode: 1, stderr: 'error: timed out waiting for the condition\n' },
        ),
        say(getDeployment, live(m.deployment, { replicas: 2, unavailableReplicas: 2 })),
        say(getPods, frontendPods(stuck)),
      ],
      { config, assertDone: true },
    )
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
