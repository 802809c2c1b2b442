import { parse } from 'yaml'
import { beforeAll, describe, expect, it } from 'vitest'
import { engineDriver } from './driver.ts'
import { foreignCni, foreignCniYaml, minikubeNodeName, stopWorkerNode } from './cluster-mutations.ts'
import { runSelfTest } from './orchestrate.ts'
import { driverOptions } from '../testing/record.ts'
import { fork, labStep, runLab, simulator, type SimLab } from '../testing/sim.ts'

// The lab's own readiness step (nodes, calico-node, the only CNI) on a simulated cluster that `pnpm lab` started.
const steps = [labStep('cluster.ready')]
let started: SimLab
beforeAll(async () => {
  started = await simulator()
  // Through the pre-pull, which deletes its DaemonSet, so the only DaemonSets left are the cluster's own.
  await runLab(started, ['cluster.profile', 'cluster.ready', 'cluster.prepull'])
}, 180_000)

function driverOn(sim: SimLab) {
  return engineDriver(driverOptions(steps, sim.runner, { env: sim.env }))
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
    const sim = await fork(started)
    const driver = driverOn(sim)
    const memo = await driver.act('node-stopped.apply', (w) => stopWorkerNode.apply(w))
    expect(memo).toEqual({ node: 'lab4-m02', name: 'm02' })
    expect(sim.cluster().nodes.map((n) => n.stoppedAt !== undefined)).toEqual([false, true])
    expect(driver.wrote?.('node-stopped.apply')).toBe(true)

    const red = byCheck(await driver.grade('node-stopped.mutated', undefined, { mutated: true }))
    expect(red['cluster.two-nodes-ready']).toMatchObject({
      status: 'FAIL',
      actual: 'lab4 Ready, lab4-m02 Unknown',
    })
    expect(red['cluster.calico-node-ready']).toMatchObject({
      status: 'FAIL',
      actual: expect.stringMatching(
        /^calico-node-\w{5} on lab4 1\/1 Running; calico-node-\w{5} on lab4-m02 1\/1 Running \(not Ready\)$/,
      ),
    })
    expect(red['cluster.cni-is-calico']?.status).toBe('PASS')

    await driver.act('node-stopped.restore', (w) => stopWorkerNode.restore(w, memo ?? {}))
    expect(sim.cluster().nodes.some((n) => n.stoppedAt !== undefined)).toBe(false)
    const green = await driver.grade('node-stopped.restored')
    expect(green.filter((g) => g.status !== 'PASS')).toEqual([])
    expect(sim.runner.calls.filter((c) => c.startsWith('minikube node'))).toEqual([
      'minikube node stop m02 -p lab4',
      'minikube node start m02 -p lab4',
    ])
  })

  it('refuses a cluster without a worker node, naming the profile', async () => {
    const sim = await simulator()
    await sim.runner({
      argv: ['minikube', 'start', '-p', 'lab4', '--nodes', '1', '--cni', 'calico', '--driver', 'docker'],
    })
    const started = sim.runner.calls.length
    const act = driverOn(sim).act('node-stopped.apply', (w) => stopWorkerNode.apply(w))
    await expect(act).rejects.toThrow(/the cluster has no worker node to stop \(profile lab4\)/)
    expect(sim.runner.calls.slice(started).some((c) => c.startsWith('minikube'))).toBe(false)
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
    const sim = await fork(started)
    const r = await runSelfTest({ driver: driverOn(sim), steps, mutations: [foreignCni] })
    expect(r.mutations[0]).toMatchObject({
      ok: true,
      stillRed: [],
      red: [{ check: 'cluster.cni-is-calico' }],
    })
    expect((sim.cluster().daemonSets ?? []).map((d) => d.meta.name)).toEqual([])
    expect(sim.runner.calls).toContain('kubectl --context lab4 -n kube-system delete daemonset kindnet')
    expect(sim.runner.calls).toContain(
      'kubectl --context lab4 -n kube-system get pods -l app=kindnet -o json',
    )
  })

  it('grades the red with the hint that names the second CNI', async () => {
    const driver = driverOn(await fork(started))
    await driver.act('foreign-cni.apply', (w) => foreignCni.apply(w))
    const cni = byCheck(await driver.grade('foreign-cni.mutated', undefined, { mutated: true }))[
      'cluster.cni-is-calico'
    ]
    expect(cni).toMatchObject({
      status: 'FAIL',
      actual: 'kube-system/calico-node, kube-system/kindnet, kube-system/kube-proxy',
    })
    expect(cni?.hint).toContain('Another CNI runs beside Calico (kindnet)')
  })
})
