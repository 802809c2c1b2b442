import { existsSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readRun } from '@lab4/core'
import { engineDriver } from './driver.ts'
import { labMutations } from './catalogue.ts'
import { runSelfTest } from './orchestrate.ts'
import { printSelfTest } from './print.ts'
import { runNegativeControls } from './run.ts'
import { fakeWorld, type FakeWorld } from '../testing/fake-world.ts'
import { worldRunner } from '../testing/fake-kubectl.ts'
import { fakeSteps } from '../testing/fake-steps.ts'
import { defaultConfig, silent, tempDir } from '../testing/record.ts'

function driverOn(world: FakeWorld, steps = fakeSteps({ ready: true })) {
  const baseDir = tempDir()
  const driver = engineDriver({
    steps,
    config: defaultConfig(),
    configFile: 'lab.config.yaml',
    configHash: 'test',
    root: tempDir(),
    baseDir,
    simulated: true,
    signal: new AbortController().signal,
    reporter: silent(),
    runner: worldRunner(world),
  })
  return { driver, baseDir }
}

// The real mutation catalogue, through core's engine, against an in-memory world and small steps under the real ids.
describe('engineDriver with the lab mutation catalogue', () => {
  it('turns every targeted step red and puts the world back, mutation by mutation', async () => {
    const world = fakeWorld()
    const { driver } = driverOn(world)
    const r = await runSelfTest({ driver, steps: fakeSteps({ ready: true }), mutations: labMutations() })
    expect(r.stopped).toBeUndefined()
    expect(r.mutations.map((m) => [m.id, m.ok, m.missed, m.stillRed, m.applyError, m.restoreError])).toEqual([
      ['node-stopped', true, [], [], undefined, undefined],
      ['foreign-cni', true, [], [], undefined, undefined],
      ['scale-to-zero', true, [], [], undefined, undefined],
      ['zone-relabel', true, [], [], undefined, undefined],
      ['service-deleted', true, [], [], undefined, undefined],
      ['default-pool-back', true, [], [], undefined, undefined],
      ['calicoctl-pod-deleted', true, [], [], undefined, undefined],
      ['ping-self', true, [], [], undefined, undefined],
      ['dns-broken', true, [], [], undefined, undefined],
    ])
    expect(r.defects).toEqual([])
    expect(r.exitCode).toBe(0)
    const red = Object.fromEntries(r.mutations.map((m) => [m.id, m.red.map((x) => x.check)]))
    expect(red['node-stopped']).toEqual(['cluster.two-nodes-ready', 'cluster.calico-node-ready'])
    expect(red['foreign-cni']).toEqual(['cluster.cni-is-calico'])
    expect(red['default-pool-back']).toEqual(['ipam.zone-pools', 'ipam.pod-ip-in-zone-pool'])
    expect(red['ping-self']).toEqual(['app.ping-neighbour'])
    expect(red['service-deleted']).toEqual(['app.service-present'])
    // The world ends as it started: zone pools only, labels back, two pods, Service and CoreDNS up.
    expect(world.pools.map((p) => p.name).sort()).toEqual(['east-ippool', 'west-ippool'])
    expect(world.nodes.map((n) => [n.zone, Boolean(n.stopped)])).toEqual([
      ['east', false],
      ['west', false],
    ])
    expect(world.daemonsets).toEqual(['kube-system/calico-node', 'kube-system/kube-proxy'])
    expect([world.replicas, world.pods.length, world.service, world.coredns]).toEqual([2, 2, true, 1])
  })

  it('runs the mutations through the commands a person would type (contract argv, calicoctl via the pod)', async () => {
    const world = fakeWorld()
    const { driver } = driverOn(world)
    await runSelfTest({ driver, steps: fakeSteps({ ready: true }), mutations: labMutations() })
    const writes = world.calls.filter((c) =>
      / (scale|label|delete|create|apply|rollout restart|node stop|node start) /.test(c),
    )
    expect(writes).toEqual([
      'minikube node stop m02 -p lab4',
      'minikube node start m02 -p lab4',
      'kubectl --context lab4 apply -f -',
      'kubectl --context lab4 -n kube-system delete daemonset kindnet',
      'kubectl --context lab4 -n default scale deployment/frontend --replicas=0',
      'kubectl --context lab4 -n default scale deployment/frontend --replicas=2',
      'kubectl --context lab4 label node lab4 zone=not-a-zone --overwrite',
      'kubectl --context lab4 label node lab4 zone=east --overwrite',
      'kubectl --context lab4 -n default delete service frontend --wait=true',
      'kubectl --context lab4 apply -f -',
      'kubectl --context lab4 exec -i -n kube-system calicoctl -- calicoctl delete ippool east-ippool --allow-version-mismatch',
      'kubectl --context lab4 exec -i -n kube-system calicoctl -- calicoctl delete ippool west-ippool --allow-version-mismatch',
      'kubectl --context lab4 exec -i -n kube-system calicoctl -- calicoctl create -f - --allow-version-mismatch',
      expect.stringMatching(/^kubectl --context lab4 -n default delete pod frontend-\d+ --wait=true$/),
      'kubectl --context lab4 exec -i -n kube-system calicoctl -- calicoctl delete ippool default-ipv4-ippool --allow-version-mismatch',
      'kubectl --context lab4 exec -i -n kube-system calicoctl -- calicoctl create -f - --allow-version-mismatch',
      'kubectl --context lab4 -n default rollout restart deployment/frontend',
      'kubectl --context lab4 -n kube-system delete pod calicoctl --wait=true',
      'kubectl --context lab4 apply -f -',
      'kubectl --context lab4 -n kube-system scale deployment/coredns --replicas=0',
      'kubectl --context lab4 -n kube-system scale deployment/coredns --replicas=1',
    ])
  })

  it('records every phase as its own run under the self-test directory, not under report/runs', async () => {
    const { driver, baseDir } = driverOn(fakeWorld())
    const scale = labMutations().filter((m) => m.id === 'scale-to-zero')
    await runSelfTest({ driver, steps: fakeSteps({ ready: true }), mutations: scale })
    const runs = readdirSync(join(baseDir, 'runs')).filter((d) => d !== 'latest')
    expect(runs).toHaveLength(5) // baseline, apply, mutated, restore, restored
    const modes = runs.map((d) => readRun(join(baseDir, 'runs', d)).header.mode)
    expect(new Set(modes)).toEqual(new Set(['self-test']))
    const apply = runs
      .map((d) => readRun(join(baseDir, 'runs', d)))
      .find((run) =>
        run.entries.some((e) => e.type === 'step-start' && e.step === 'self-test.scale-to-zero.apply'),
      )
    expect(
      apply?.entries
        .filter((e) => e.type === 'command')
        .map((e) => (e.type === 'command' ? e.argv.slice(3).join(' ') : '')),
    ).toEqual([
      '-n default scale deployment/frontend --replicas=0',
      '-n default get pods -l app=frontend -o json',
    ])
    expect(existsSync(join(baseDir, 'runs', 'latest'))).toBe(true)
  })

  it('reports the catalogue cannot reach a check of an extra step, as a defect', async () => {
    const steps = fakeSteps({ unbreakable: true, ready: true })
    const { driver } = driverOn(fakeWorld(), steps)
    const r = await runSelfTest({ driver, steps, mutations: labMutations() })
    expect(r.defects).toEqual(['cluster.two-nodes'])
    expect(r.exitCode).toBe(1)
    expect(printSelfTest(r)).toMatch(/cluster\.two-nodes +✖ DEFECT: cannot be made to fail/)
  })

  it('fails a phase with the step error when a mutation command fails', async () => {
    const world = fakeWorld()
    world.service = false
    const { driver } = driverOn(world)
    const act = driver.act('service-deleted.apply', (w) =>
      w.must({ argv: w.kubectl('-n', 'default', 'delete', 'service', 'frontend', '--wait=true') }),
    )
    await expect(act).rejects.toThrow(
      /self-test service-deleted.apply failed: `kubectl --context lab4 -n default delete service frontend --wait=true` exited 1: Error from server \(NotFound\)/,
    )
  })
})

describe('runNegativeControls', () => {
  const options = (world: FakeWorld, simulated: boolean) => ({
    steps: fakeSteps({ ready: true }),
    mutations: labMutations(),
    config: defaultConfig(),
    configFile: 'lab.config.yaml',
    configHash: 'test',
    root: tempDir(),
    baseDir: tempDir(),
    env: {},
    runner: worldRunner(world),
    reporter: silent(),
    signal: new AbortController().signal,
    simulated,
  })
  const broken = () => {
    const world = fakeWorld()
    world.nodes[0] = { name: 'lab4', zone: '' }
    world.service = false
    return world
  }

  it('on the simulator, runs the whole lab first so the baseline is green', async () => {
    const o = options(broken(), true)
    const r = await runNegativeControls(o)
    expect(r.stopped).toBeUndefined()
    expect(r.exitCode).toBe(0)
    expect(readdirSync(join(o.baseDir, 'lab')).filter((d) => d !== 'latest')).toHaveLength(1)
  })

  it('on a live cluster, takes the lab as it stands and refuses a red baseline (exit 2)', async () => {
    const world = broken()
    const r = await runNegativeControls(options(world, false))
    expect(r.exitCode).toBe(2)
    expect(r.stopped).toMatch(
      /baseline is not green \(cluster.zone-labels FAIL, ipam.pod-ip-in-zone-pool FAIL, app.service-present NOT-GRADABLE\)/,
    )
    expect(world.calls.filter((c) => / (label|apply|scale|delete) /.test(c))).toEqual([])
  })
})
