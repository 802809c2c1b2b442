// A worker node that stops and starts again (minikube node stop|start), through the REAL fake executables.
import { beforeAll, describe, expect, it } from 'vitest'
import { bringUp, buildFakes, deployApp, items, newSim, until, type Sim } from './testing/index.ts'

let sim: Sim
beforeAll(async () => {
  sim = newSim(await buildFakes())
  await bringUp(sim)
  await deployApp(sim)
})

type Obj = ReturnType<typeof items>[number]
const readyOf = (o: Obj) => o.status.conditions.find((c: Obj) => c.type === 'Ready')
const podsOn = async (node: string) =>
  items(await sim.k('get', 'pods', '-A', '-o', 'json')).filter((p) => p.spec.nodeName === node)
const snapshot = (pods: Obj[]) =>
  pods.map((p) => `${p.metadata.namespace}/${p.metadata.name} ${p.status.podIP}`).sort()

describe('minikube node stop / start', () => {
  it('stops the worker: node Unknown, its pods not Ready (same names and IPs), status Stopped, no exec', async () => {
    const before = await podsOn('lab4-m02')
    expect(
      before.map((p) => p.metadata.labels?.['k8s-app'] ?? p.metadata.labels?.app ?? p.metadata.name),
    ).toEqual(expect.arrayContaining(['calico-node', 'kube-proxy', 'frontend']))
    const stop = await sim.run(['minikube', 'node', 'stop', 'm02', '-p', 'lab4'])
    expect(stop).toMatchObject({
      code: 0,
      stdout:
        '✋  Stopping node "lab4-m02"  ...\n🛑  Powering off "lab4-m02" via SSH ...\n🛑  Successfully stopped node lab4-m02\n',
    })

    const nodes = items(await sim.k('get', 'nodes', '-o', 'json'))
    expect(nodes.map((n) => [n.metadata.name, readyOf(n).status])).toEqual([
      ['lab4', 'True'],
      ['lab4-m02', 'Unknown'],
    ])
    expect(readyOf(nodes[1] ?? {})).toMatchObject({
      reason: 'NodeStatusUnknown',
      message: 'Kubelet stopped posting node status.',
    })
    expect(nodes[1]?.spec.taints.map((t: Obj) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ])
    expect((await sim.k('get', 'nodes')).stdout).toMatch(/\nlab4-m02\s+NotReady\s+<none>/)

    const after = await podsOn('lab4-m02')
    expect(snapshot(after)).toEqual(snapshot(before))
    // The node controller flips only the Ready condition; the containers' last posted status stays.
    for (const p of after) {
      expect([p.metadata.name, readyOf(p).status, p.status.phase]).toEqual([
        p.metadata.name,
        'False',
        'Running',
      ])
    }
    const ds = JSON.parse(
      (await sim.k('-n', 'kube-system', 'get', 'daemonset', 'calico-node', '-o', 'json')).stdout,
    )
    expect(ds.status).toMatchObject({ desiredNumberScheduled: 2, numberReady: 1, numberUnavailable: 1 })

    const status = await sim.run(['minikube', 'status', '-p', 'lab4', '-o', 'json'])
    expect(status.code).toBe(3) // host (1) and kubelet (2) of a node are not running
    expect(JSON.parse(status.stdout)[1]).toMatchObject({
      Name: 'lab4-m02',
      Host: 'Stopped',
      Kubelet: 'Stopped',
    })

    const frontend = after.find((p) => p.metadata.labels?.app === 'frontend')
    const exec = await sim.k('exec', frontend?.metadata.name ?? '', '--', 'hostname')
    expect(exec).toMatchObject({
      code: 1,
      stderr:
        'Error from server: error dialing backend: dial tcp 192.168.49.3:10250: connect: no route to host\n',
    })
    const other = (await podsOn('lab4')).find((p) => p.metadata.labels?.app === 'frontend')
    const ping = await sim.k(
      'exec',
      other?.metadata.name ?? '',
      '--',
      'ping',
      '-c',
      '2',
      frontend?.status.podIP,
    )
    expect(ping.stdout).toContain('2 packets transmitted, 0 packets received, 100% packet loss')
    const slices = items(await sim.k('get', 'endpointslices', '-o', 'json'))
    const ep = slices.flatMap((s) => s.endpoints ?? []).find((e: Obj) => e.nodeName === 'lab4-m02')
    expect(ep?.conditions).toMatchObject({ ready: false, serving: false })
  })

  it('starts it again: Ready after a short delay, every pod back under its name and IP, one restart more', async () => {
    const before = await podsOn('lab4-m02')
    const start = await sim.run(['minikube', 'node', 'start', 'm02', '-p', 'lab4'])
    expect(start.code).toBe(0)
    expect(start.stdout).toMatch(
      /^👍 {2}Starting "lab4-m02" worker node in "lab4" cluster\n(.*\n)*😄 {2}Successfully started node lab4-m02!\n$/,
    )
    const wait = await sim.k('wait', '--for=condition=Ready', 'node/lab4-m02', '--timeout=20s')
    expect(wait.stdout).toBe('node/lab4-m02 condition met\n')
    const rollout = await sim.k(
      '-n',
      'kube-system',
      'rollout',
      'status',
      'daemonset/calico-node',
      '--timeout=20s',
    )
    expect(rollout.stdout).toMatch(/daemon set "calico-node" successfully rolled out\n$/)
    const after = await until('every pod on lab4-m02 Ready', async () => {
      const pods = await podsOn('lab4-m02')
      return pods.every((p) => readyOf(p).status === 'True') ? pods : undefined
    })
    expect(snapshot(after)).toEqual(snapshot(before))
    for (const p of after) expect(p.status.containerStatuses[0].restartCount).toBe(1)
    const status = await sim.run(['minikube', 'status', '-p', 'lab4', '-o', 'json'])
    expect(status.code).toBe(0)
  })

  it('answers like minikube for a running node, the machine name, an unknown node and the control plane', async () => {
    expect((await sim.run(['minikube', 'node', 'start', 'm02', '-p', 'lab4'])).stdout).toBe(
      '✅  m02 is already running\n',
    )
    const byMachine = await sim.run(['minikube', 'node', 'stop', 'lab4-m02', '-p', 'lab4'])
    expect(byMachine.stdout).toContain('🛑  Successfully stopped node lab4-m02\n')
    expect((await sim.run(['minikube', 'node', 'start', 'lab4-m02', '-p', 'lab4'])).code).toBe(0)
    expect(await sim.run(['minikube', 'node', 'stop', 'm05', '-p', 'lab4'])).toMatchObject({
      code: 85,
      stderr: expect.stringContaining('GUEST_NODE_RETRIEVE: retrieving node: Could not find node m05'),
    })
    const cp = await sim.run(['minikube', 'node', 'stop', 'lab4', '-p', 'lab4'])
    expect(cp.code).toBe(1)
    expect(cp.stderr).toContain('worker nodes only')
    expect((await sim.run(['minikube', 'node', 'stop', 'm02', '-p', 'nope'])).code).toBe(85)
  })
})
