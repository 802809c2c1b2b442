// Every fault's visible effect, each in its own world (run concurrently: they mostly wait on simulated time).
import { beforeAll, describe, expect, it } from 'vitest'
import {
  bringUp,
  buildFakes,
  deployApp,
  fixture,
  items,
  manifest,
  newSim,
  startLong,
  until,
} from './testing/index.ts'
import { parseFaults } from './world/faults.ts'

let bin: string
beforeAll(async () => {
  bin = await buildFakes()
})

const start = ['minikube', 'start', '-p', 'lab4', '--nodes', '2', '--cni', 'calico', '--driver', 'docker']
const calicoStatuses = async (sim: ReturnType<typeof newSim>) =>
  (await sim.k('get', 'pods', '-l', 'k8s-app=calico-node', '-A')).stdout
    .split('\n')
    .slice(1)
    .filter(Boolean)
    .map((l) => l.split(/\s+/)[3])

describe('parseFaults', () => {
  it('reads names and counts and rejects unknown faults with the known list', () => {
    expect(parseFaults(['calico-slow', 'portforward-drop=3'])).toEqual({
      'calico-slow': true,
      'portforward-drop': 3,
    })
    expect(parseFaults('dns-failure,node-not-ready')).toEqual({ 'dns-failure': true, 'node-not-ready': true })
    expect(() => parseFaults(['calico-sloow'])).toThrow(
      /unknown fault "calico-sloow"; known faults: calico-slow, /,
    )
    expect(() => parseFaults(['portforward-drop=x'])).toThrow(/whole number/)
  })
})

describe.concurrent('faults', () => {
  it('calico-slow: calico-node sits in Init:x/3 for a while, then becomes Ready', async () => {
    const sim = newSim(bin, ['calico-slow'])
    await sim.run(start)
    await until(
      'calico-node initialising',
      async () => ((await calicoStatuses(sim)).some((s) => /^Init:\d\/3$/.test(s ?? '')) ? true : undefined),
      5000,
    )
    const r = await sim.k('-n', 'kube-system', 'rollout', 'status', 'daemonset/calico-node', '--timeout=20s')
    expect(r.stdout).toMatch(
      /Waiting for daemon set "calico-node" rollout to finish: [01] of 2 updated pods are available\.\.\.\n(.*\n)*daemon set "calico-node" successfully rolled out\n$/,
    )
  })

  it('calico-never-ready: calico-node stays Init:1/3 and its rollout times out', async () => {
    const sim = newSim(bin, ['calico-never-ready'])
    await sim.run(start)
    await until(
      'stuck at Init:1/3',
      async () => ((await calicoStatuses(sim)).every((s) => s === 'Init:1/3') ? true : undefined),
      5000,
    )
    const r = await sim.k('-n', 'kube-system', 'rollout', 'status', 'daemonset/calico-node', '--timeout=1s')
    expect(r).toMatchObject({ code: 1, stderr: 'error: timed out waiting for the condition\n' })
  })

  it('node-not-ready: the second node never becomes Ready', async () => {
    const sim = newSim(bin, ['node-not-ready'])
    await sim.run(start)
    const r = await sim.k('wait', '--for=condition=Ready', 'nodes', '--all', '--timeout=2s')
    expect(r.code).toBe(1)
    expect(r.stdout).toBe('node/lab4 condition met\n')
    expect((await sim.k('get', 'nodes')).stdout).toMatch(/lab4-m02\s+NotReady/)
  })

  it('image-pull-backoff: app pods never start and the rollout times out', async () => {
    const sim = newSim(bin, ['image-pull-backoff'])
    await bringUp(sim)
    await sim.run(['kubectl', '--context', 'lab4', 'apply', '-f', '-'], manifest('frontend.yaml'))
    const r = await sim.k('rollout', 'status', 'deployment/frontend', '--timeout=3s')
    expect(r.code).toBe(1)
    const table = (await sim.k('get', 'pods', '-l', 'app=frontend')).stdout
    expect(table).toMatch(/0\/1\s+(ErrImagePull|ImagePullBackOff)/)
  })

  it('pods-one-node: both app pods land on the first node', async () => {
    const sim = newSim(bin, ['pods-one-node'])
    await bringUp(sim)
    expect((await deployApp(sim)).code).toBe(0)
    const nodes = items(await sim.k('get', 'pods', '-l', 'app=frontend', '-o', 'json')).map(
      (p) => p.spec.nodeName,
    )
    expect(nodes).toEqual(['lab4', 'lab4'])
  })

  it('portforward-drop=1: the forward dies with "lost connection to pod" after one request', async () => {
    const sim = newSim(bin, ['portforward-drop=1'])
    await bringUp(sim)
    await deployApp(sim)
    const pf = startLong(
      sim,
      ['kubectl', '--context', 'lab4', 'port-forward', 'service/frontend', ':3000'],
      /127\.0\.0\.1:(\d+)/,
    )
    const port = (await pf.matched)[1]
    expect(await fetch(`http://127.0.0.1:${port}/`).then((r) => r.status)).toBe(200)
    expect(await pf.exited).toBe(1)
    expect(pf.err()).toMatch(
      /^E\d{4} [\d:.]+ +\d+ portforward\.go:\d+\] .*\nE\d{4} [\d:.]+ +\d+ portforward\.go:233\] lost connection to pod\n$/,
    )
  })

  it('slow-build: the pods run but `npm run build` never ends, so nothing listens: the rollout waits and the forward is refused', async () => {
    const sim = newSim(bin, ['slow-build'])
    await bringUp(sim)
    await sim.run(['kubectl', '--context', 'lab4', 'apply', '-f', '-'], manifest('frontend.yaml'))
    const rollout = await sim.k('rollout', 'status', 'deployment/frontend', '--timeout=4s')
    expect(rollout.code).toBe(1)
    // The last state a wait saw, as kubectl prints it: both replicas updated, none available.
    expect(rollout.stdout.trimEnd().split('\n').at(-1)).toBe(
      'Waiting for deployment "frontend" rollout to finish: 0 of 2 updated replicas are available...',
    )
    expect(rollout.stderr).toBe('error: timed out waiting for the condition\n')
    const rows = (await sim.k('get', 'pods', '-l', 'app=frontend')).stdout.trim().split('\n').slice(1)
    expect(rows.map((r) => r.split(/\s+/).slice(1, 3))).toEqual([
      ['0/1', 'Running'],
      ['0/1', 'Running'],
    ])
    const pod = rows[0]?.split(/\s+/)[0] ?? ''
    // The image's node.js logs before `npm run build` and again only after it: the log stops there.
    expect((await sim.k('logs', pod)).stdout).toBe('Builing frontend\n')
    const pf = startLong(
      sim,
      ['kubectl', '--context', 'lab4', 'port-forward', `pod/${pod}`, ':3000'],
      /127\.0\.0\.1:(\d+)/,
    )
    const port = (await pf.matched)[1]
    await expect(fetch(`http://127.0.0.1:${port}/`)).rejects.toThrow()
    expect(await pf.exited).toBe(1)
    // Line for line what kubectl prints when the pod's port is closed (kubernetes/kubectl#1409).
    const norm = (l: string) =>
      l
        .replace(/^E\d{4} [\d:.]+ +\d+ /, 'E ')
        .replace(/portforward\.go:\[?\d+\]/, 'portforward.go:N]')
        .replace(/[0-9a-f]{64}/g, 'SANDBOX')
        .replace(/cni-[0-9a-f-]{36}/, 'cni-NETNS')
        .replace(/\b\d{4,5}\b/g, 'PORT')
    const sample = fixture('kubectl-port-forward-errors.txt').split('\n').slice(1, 3)
    expect(pf.err().replace(/\n$/, '').split('\n').map(norm)).toEqual(sample.map(norm))
  })

  it('dns-failure: neighbour names get NXDOMAIN and ping says bad address; the service name still resolves', async () => {
    const sim = newSim(bin, ['dns-failure'])
    await bringUp(sim)
    await deployApp(sim)
    const [a, b] = items(await sim.k('get', 'pods', '-l', 'app=frontend', '-o', 'json'))
    const name = `${String(b?.status.podIP).replace(/\./g, '-')}.frontend.default.svc.cluster.local`
    expect((await sim.k('exec', a?.metadata.name, '--', 'nslookup', name)).stdout).toContain(
      `** server can't find ${name}: NXDOMAIN`,
    )
    const pod = `${String(b?.status.podIP).replace(/\./g, '-')}.default.pod.cluster.local`
    expect((await sim.k('exec', a?.metadata.name, '--', 'ping', '-c', '1', pod)).stderr).toContain(
      `ping: bad address '${pod}'`,
    )
    expect(
      (await sim.k('exec', a?.metadata.name, '--', 'nslookup', 'frontend.default.svc.cluster.local')).code,
    ).toBe(0)
  })

  it('pods-before-pools: applying calicoctl also finds a frontend already running on default-pool IPs', async () => {
    const sim = newSim(bin, ['pods-before-pools'])
    await bringUp(sim, { pools: false })
    const pods = await until('frontend pods with IPs', async () => {
      const ps = items(await sim.k('get', 'pods', '-l', 'app=frontend', '-o', 'json'))
      return ps.length === 2 && ps.every((p) => p.status.podIP) ? ps : undefined
    })
    // Default-pool blocks, i.e. outside the zone pools the lab is about to create.
    for (const p of pods) expect(p.status.podIP).toMatch(/^10\.244\.(?![12]\.)\d+\.\d+$/)
    const deployment = JSON.parse((await sim.k('get', 'deployment', 'frontend', '-o', 'json')).stdout)
    const calicoctl = JSON.parse(
      (await sim.k('-n', 'kube-system', 'get', 'pod', 'calicoctl', '-o', 'json')).stdout,
    )
    expect(Date.parse(deployment.metadata.creationTimestamp)).toBeLessThan(
      Date.parse(calicoctl.metadata.creationTimestamp),
    )
  })

  it('calicoctl-version-mismatch: calicoctl refuses without --allow-version-mismatch', async () => {
    const sim = newSim(bin, ['calicoctl-version-mismatch'])
    await bringUp(sim, { pools: false })
    const r = await sim.cc('get', 'ippool', '-o', 'json')
    expect(r.code).toBe(1)
    expect(r.stderr).toBe(
      'Failed to get resources: Version mismatch.\nClient Version:   v3.28.0\nCluster Version:  v3.28.1\nUse --allow-version-mismatch to override.\ncommand terminated with exit code 1\n',
    )
    expect((await sim.cc('get', 'ippool', '-o', 'json', '--allow-version-mismatch')).code).toBe(0)
    expect((await sim.cc('version')).stdout).toContain('Client Version:    v3.28.0')
  })
})
