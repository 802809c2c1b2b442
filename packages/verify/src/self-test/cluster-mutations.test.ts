import { parse } from 'yaml'
import { describe, expect, it } from 'vitest'
import { engineDriver } from './driver.ts'
import { foreignCni, foreignCniYaml, minikubeNodeName, stopWorkerNode } from './cluster-mutations.ts'
import { runSelfTest } from './orchestrate.ts'
import { fakeWorld, type FakeWorld } from '../testing/fake-world.ts'
import { worldRunner } from '../testing/fake-kubectl.ts'
import { fakeSteps } from '../testing/fake-steps.ts'
import { defaultConfig, silent, tempDir } from '../testing/record.ts'

const steps = fakeSteps({ ready: true })
function driverOn(world: FakeWorld) {
  return engineDriver({
    steps,
    config: defaultConfig(),
    configFile: 'lab.config.yaml',
    configHash: 'test',
    root: tempDir(),
    baseDir: tempDir(),
    simulated: true,
    signal: new AbortController().signal,
    reporter: silent(),
    runner: worldRunner(world),
  })
}
const byCheck = (graded: Awaited<ReturnType<ReturnType<typeof driverOn>['grade']>>) =>
  Object.fromEntries(graded.map((g) => [g.check, g]))

describe('minikubeNodeName', () => {
  it("turns the machine name into minikube's node config name, and leaves other names alone", () => {
    expect(minikubeNodeName('lab4', 'lab4-m02')).toBe('m02')
    expect(minikubeNodeName('lab4', 'lab4-m03')).toBe('m03')
    expect(minikubeNodeName('lab4', 'lab4')).toBe('lab4')
    expect(minikubeNodeName('lab4', 'other-m02')).toBe('other-m02')
  })
})

describe('node-stopped', () => {
  it('stops the worker with `minikube node stop m02`, turns node and calico-node readiness red, and starts it again', async () => {
    const world = fakeWorld()
    const driver = driverOn(world)
    const memo = await driver.act('node-stopped.apply', (w) => stopWorkerNode.apply(w))
    expect(memo).toEqual({ node: 'lab4-m02', name: 'm02' })
    expect(world.nodes.map((n) => Boolean(n.stopped))).toEqual([false, true])
    expect(driver.wrote?.('node-stopped.apply')).toBe(true)

    const red = byCheck(await driver.grade('node-stopped.mutated', undefined, { mutated: true }))
    expect(red['cluster.two-nodes-ready']).toMatchObject({
      status: 'FAIL',
      actual: 'lab4 Ready, lab4-m02 Unknown',
    })
    expect(red['cluster.calico-node-ready']).toMatchObject({
      status: 'FAIL',
      actual: 'calico-node-0 on lab4 1/1 Running; calico-node-1 on lab4-m02 1/1 Running (not Ready)',
    })
    expect(red['cluster.cni-is-calico']?.status).toBe('PASS')

    await driver.act('node-stopped.restore', (w) => stopWorkerNode.restore(w, memo ?? {}))
    expect(world.nodes.some((n) => n.stopped)).toBe(false)
    const green = await driver.grade('node-stopped.restored')
    expect(green.filter((g) => g.status !== 'PASS')).toEqual([])
    expect(world.calls.filter((c) => c.startsWith('minikube'))).toEqual([
      'minikube node stop m02 -p lab4',
      'minikube node start m02 -p lab4',
    ])
  })

  it('refuses a cluster without a worker node, naming the profile', async () => {
    const world = fakeWorld()
    world.nodes = world.nodes.slice(0, 1)
    const act = driverOn(world).act('node-stopped.apply', (w) => stopWorkerNode.apply(w))
    await expect(act).rejects.toThrow(/the cluster has no worker node to stop \(profile lab4\)/)
    expect(world.calls.some((c) => c.startsWith('minikube'))).toBe(false)
  })
})

describe('foreign-cni', () => {
  it('applies a kindnet DaemonSet in kube-system that only runs the pause image on the host network', () => {
    const ds = parse(foreignCniYaml()) as {
      kind: string
      metadata: { name: string; namespace: string }
      spec: { template: { spec: { hostNetwork: boolean; containers: Array<{ image: string }> } } }
    }
    expect(ds.kind).toBe('DaemonSet')
    expect(ds.metadata).toMatchObject({ name: 'kindnet', namespace: 'kube-system' })
    // hostNetwork: it must not take an address from the zone pools and so disturb the IPAM checks.
    expect(ds.spec.template.spec.hostNetwork).toBe(true)
    expect(ds.spec.template.spec.containers.map((c) => c.image)).toEqual(['registry.k8s.io/pause:3.10'])
  })

  it('turns cluster.cni-is-calico red naming kindnet, and deletes the DaemonSet again', async () => {
    const world = fakeWorld()
    const r = await runSelfTest({ driver: driverOn(world), steps, mutations: [foreignCni] })
    expect(r.mutations[0]).toMatchObject({
      ok: true,
      stillRed: [],
      red: [{ check: 'cluster.cni-is-calico' }],
    })
    expect(world.daemonsets).toEqual(['kube-system/calico-node', 'kube-system/kube-proxy'])
    expect(world.calls).toContain('kubectl --context lab4 -n kube-system delete daemonset kindnet')
    expect(world.calls).toContain('kubectl --context lab4 -n kube-system get pods -l app=kindnet -o json')
  })

  it('grades the red with the hint that names the second CNI', async () => {
    const world = fakeWorld()
    const driver = driverOn(world)
    await driver.act('foreign-cni.apply', (w) => foreignCni.apply(w))
    const cni = byCheck(await driver.grade('foreign-cni.mutated', undefined, { mutated: true }))[
      'cluster.cni-is-calico'
    ]
    expect(cni).toMatchObject({
      status: 'FAIL',
      actual: 'kube-system/calico-node, kube-system/kube-proxy, kube-system/kindnet',
    })
    expect(cni?.hint).toContain('Another CNI runs beside Calico (kindnet)')
  })
})
