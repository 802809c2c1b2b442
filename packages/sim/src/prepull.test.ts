// Pulls take time: a host-network DaemonSet pre-pulls the frontend image on every node without a pod IP, the
// nodes report it in status.images, and the frontend's pods then start on a node that already has it.
import { beforeAll, describe, expect, it } from 'vitest'
import { bringUp, buildFakes, deployApp, items, newSim, type Sim } from './testing/index.ts'
import { initState } from './setup.ts'
import { readWorld } from './world/store.ts'
import { parseFaults } from './world/faults.ts'
import {
  DEFAULT_TIMING,
  buildDelay,
  pullMs,
  repositoryOf,
  simMs,
  startDownloadMs,
  timingOf,
} from './world/timing.ts'

const IMAGE = 'ifilyaninitmo/itdt-contained-frontend:master'
const prepullYaml = [
  'apiVersion: apps/v1',
  'kind: DaemonSet',
  'metadata:',
  '  name: lab4-prepull',
  '  namespace: kube-system',
  '  labels: {app.kubernetes.io/name: lab4-prepull}',
  'spec:',
  '  selector: {matchLabels: {app.kubernetes.io/name: lab4-prepull}}',
  '  template:',
  '    metadata: {labels: {app.kubernetes.io/name: lab4-prepull}}',
  '    spec:',
  '      hostNetwork: true',
  '      terminationGracePeriodSeconds: 0',
  '      tolerations: [{operator: Exists}]',
  '      containers:',
  `        - {name: pull, image: "${IMAGE}", command: [sleep, "3600"]}`,
  '',
].join('\n')

let bin: string
beforeAll(async () => {
  bin = await buildFakes()
})

async function started(sim: Sim): Promise<void> {
  await sim.run(['minikube', 'start', '-p', 'lab4', '--nodes', '2', '--cni', 'calico', '--driver', 'docker'])
  await sim.k('wait', '--for=condition=Ready', 'nodes', '--all', '--timeout=20s')
}
const apply = (sim: Sim, yaml: string) => sim.run(['kubectl', '--context', 'lab4', 'apply', '-f', '-'], yaml)
const prepullPods = async (sim: Sim) =>
  items(
    await sim.k(
      '-n',
      'kube-system',
      'get',
      'pods',
      '-l',
      'app.kubernetes.io/name=lab4-prepull',
      '-o',
      'json',
    ),
  )
const nodeImages = async (sim: Sim) =>
  Object.fromEntries(
    items(await sim.k('get', 'nodes', '-o', 'json')).map((n) => [
      n.metadata.name,
      (n.status.images as Array<{ names: string[] }>).flatMap((i) => i.names),
    ]),
  )

describe('timing', () => {
  it('plays the tuned delays unchanged at the default speed-up and derives the rest from the real logs', () => {
    const t = timingOf({})
    expect(t).toEqual(DEFAULT_TIMING)
    // npm run build: the 1.5–3 s the frontend's readiness took before pulls were modelled.
    expect(buildDelay(t)).toEqual([1500, 3000])
    // kicbase 410.58 MiB at 33.69 MiB/s + preload 341.16 MiB at 48.69 MiB/s = 19.2 s, played 30× faster.
    expect(startDownloadMs(t)).toBe(640)
    expect(simMs({ ...t, speedup: 1 }, 19.2)).toBe(19_200)
    // Two nodes pulling at once share the uplink: the second pull takes twice as long.
    expect(pullMs(t, 150, 1)).toBeCloseTo(2 * pullMs(t, 150, 0), -1)
  })

  it('names an image by its repository, as Docker Hub and the kubelet spell it', () => {
    expect(repositoryOf(IMAGE)).toBe('ifilyaninitmo/itdt-contained-frontend')
    expect(repositoryOf(`docker.io/${IMAGE}`)).toBe('ifilyaninitmo/itdt-contained-frontend')
    expect(repositoryOf('docker.io/library/busybox:1.36')).toBe('busybox')
    expect(repositoryOf('localhost:5000/app@sha256:abc')).toBe('localhost:5000/app')
  })
})

describe('a host-network pre-pull DaemonSet', () => {
  it('pulls the image on every node without a pod IP, and the nodes then list it', async () => {
    const sim = newSim(bin)
    await started(sim)
    expect(Object.values(await nodeImages(sim)).flat()).not.toContain(IMAGE)
    expect((await apply(sim, prepullYaml)).stdout).toBe('daemonset.apps/lab4-prepull created\n')
    const r = await sim.k('-n', 'kube-system', 'rollout', 'status', 'daemonset/lab4-prepull', '--timeout=20s')
    expect(r.code, r.stderr).toBe(0)

    const pods = await prepullPods(sim)
    expect(pods.map((p) => [p.spec.nodeName, p.status.podIP === p.status.hostIP])).toEqual(
      expect.arrayContaining([
        ['lab4', true],
        ['lab4-m02', true],
      ]),
    )
    for (const p of pods) expect(p.status.podIP).toMatch(/^192\.168\.49\.\d+$/)
    const world = readWorld(sim.stateDir)
    const handles = world?.clusters.lab4?.blocks.flatMap((b) => Object.values(b.allocations)) ?? []
    expect(handles.filter((h) => h.includes('prepull'))).toEqual([])
    const images = await nodeImages(sim)
    expect(images['lab4']).toContain(IMAGE)
    expect(images['lab4-m02']).toContain(IMAGE)
  })

  it('makes the frontend start on nodes that already have the image: no second pull', async () => {
    const sim = newSim(bin)
    await bringUp(sim)
    await apply(sim, prepullYaml)
    await sim.k('-n', 'kube-system', 'rollout', 'status', 'daemonset/lab4-prepull', '--timeout=20s')
    const pulls = () =>
      (readWorld(sim.stateDir)?.clusters.lab4?.nodes ?? []).map((n) => JSON.stringify(n.images ?? {}))
    const before = pulls()
    expect((await deployApp(sim)).code).toBe(0)
    expect(pulls()).toEqual(before)
  })

  it('takes the modelled time: 30 MiB at 1 MiB/s on a shared uplink is at least 1 s at the default speed-up', async () => {
    const sim = newSim(bin)
    initState(sim.stateDir, 1, parseFaults([]), {
      downloadMiBps: 1,
      imageMiB: { 'ifilyaninitmo/itdt-contained-frontend': 30 },
    })
    await started(sim)
    const t0 = Date.now()
    await apply(sim, prepullYaml)
    expect((await prepullPods(sim)).some((p) => p.status.phase === 'Running')).toBe(false)
    await sim.k('-n', 'kube-system', 'rollout', 'status', 'daemonset/lab4-prepull', '--timeout=30s')
    expect(Date.now() - t0).toBeGreaterThanOrEqual(1000)
    const nodes = readWorld(sim.stateDir)?.clusters.lab4?.nodes ?? []
    const spans = nodes.map((n) => {
      const pull = n.images?.[IMAGE]
      return pull?.at ? pull.at - pull.from : undefined
    })
    // One node pulled alone (1 s), the other shared the link with it (2 s).
    expect([...spans].sort()).toEqual([1000, 2000])
  })

  it('fails to pull under image-pull-backoff: ErrImagePull on every node, and no node lists the image', async () => {
    const sim = newSim(bin, ['image-pull-backoff'])
    await started(sim)
    await apply(sim, prepullYaml)
    await sim.k('get', 'pods', '-A') // a moment later, the kubelets have tried
    const reasons = (await prepullPods(sim)).map(
      (p) => p.status.containerStatuses?.[0]?.state?.waiting?.reason,
    )
    expect(reasons).toEqual(['ErrImagePull', 'ErrImagePull'])
    expect(Object.values(await nodeImages(sim)).flat()).not.toContain(IMAGE)
  })
})
