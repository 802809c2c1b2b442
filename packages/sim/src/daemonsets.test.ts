// Applied DaemonSets (a second CNI beside Calico, or any other), through the REAL fake executables.
import { beforeAll, describe, expect, it } from 'vitest'
import { bringUp, buildFakes, items, newSim, until, type Sim } from './testing/index.ts'

let sim: Sim
beforeAll(async () => {
  sim = newSim(await buildFakes())
  await bringUp(sim, { pools: false })
})

const kindnet = (ns = 'kube-system', image = 'registry.k8s.io/pause:3.10') =>
  [
    'apiVersion: apps/v1',
    'kind: DaemonSet',
    'metadata:',
    '  name: kindnet',
    `  namespace: ${ns}`,
    '  labels: {app: kindnet}',
    'spec:',
    '  selector: {matchLabels: {app: kindnet}}',
    '  template:',
    '    metadata: {labels: {app: kindnet}}',
    '    spec:',
    '      hostNetwork: true',
    '      containers:',
    `        - {name: kindnet-cni, image: "${image}"}`,
    '',
  ].join('\n')

const apply = (yaml: string) => sim.run(['kubectl', '--context', 'lab4', 'apply', '-f', '-'], yaml)
const sets = async () =>
  items(await sim.k('get', 'daemonsets', '-A', '-o', 'json')).map(
    (d) =>
      `${d.metadata.namespace}/${d.metadata.name} ${d.status.numberReady}/${d.status.desiredNumberScheduled}`,
  )
type Obj = ReturnType<typeof items>[number]
const kindnetPods = async () =>
  items(await sim.k('-n', 'kube-system', 'get', 'pods', '-l', 'app=kindnet', '-o', 'json'))

describe('kubectl apply of a DaemonSet', () => {
  it('creates it beside calico-node: listed, one host-network pod per node, rolled out, re-apply unchanged', async () => {
    const ipsBefore = (await sim.cc('ipam', 'show')).stdout
    expect(await apply(kindnet())).toMatchObject({ code: 0, stdout: 'daemonset.apps/kindnet created\n' })
    const r = await sim.k('-n', 'kube-system', 'rollout', 'status', 'daemonset/kindnet', '--timeout=20s')
    expect(r).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/daemon set "kindnet" successfully rolled out\n$/),
    })
    expect(await sets()).toEqual([
      'kube-system/calico-node 2/2',
      'kube-system/kindnet 2/2',
      'kube-system/kube-proxy 2/2',
    ])
    const ds = JSON.parse((await sim.k('-n', 'kube-system', 'get', 'ds', 'kindnet', '-o', 'json')).stdout)
    expect(ds.metadata.labels).toEqual({ app: 'kindnet' })
    expect(ds.spec.template.spec.containers[0]).toMatchObject({
      name: 'kindnet-cni',
      image: 'registry.k8s.io/pause:3.10',
    })
    const pods = await kindnetPods()
    expect(
      pods.map((p: Obj) => [p.spec.nodeName, p.status.podIP, p.metadata.ownerReferences[0].kind]),
    ).toEqual(
      expect.arrayContaining([
        ['lab4', '192.168.49.2', 'DaemonSet'],
        ['lab4-m02', '192.168.49.3', 'DaemonSet'],
      ]),
    )
    for (const p of pods) expect(p.metadata.name).toMatch(/^kindnet-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    // Host-network pods take no Calico address.
    expect((await sim.cc('ipam', 'show')).stdout).toBe(ipsBefore)
    expect((await apply(kindnet())).stdout).toBe('daemonset.apps/kindnet unchanged\n')
    const table = (await sim.k('-n', 'kube-system', 'get', 'ds')).stdout
    expect(table).toMatch(/\nkindnet\s+2\s+2\s+2\s+2\s+2\s+<none>\s+\d+s\n/)
    expect(table).toMatch(/\ncalico-node\s+2\s+2\s+2\s+2\s+2\s+kubernetes\.io\/os=linux\s+\d+s\n/)
  })

  it('replaces the pods when the template changes, and deletes the DaemonSet with its pods', async () => {
    const old = (await kindnetPods()).map((p: Obj) => p.metadata.name)
    expect((await apply(kindnet('kube-system', 'registry.k8s.io/pause:3.9'))).stdout).toBe(
      'daemonset.apps/kindnet configured\n',
    )
    await until('new kindnet pods', async () => {
      const now = await kindnetPods()
      return now.length === 2 && now.every((p: Obj) => !old.includes(p.metadata.name)) ? true : undefined
    })
    expect(await sim.k('-n', 'kube-system', 'delete', 'daemonset', 'kindnet')).toMatchObject({
      code: 0,
      stdout: 'daemonset.apps "kindnet" deleted\n',
    })
    expect(await sets()).toEqual(['kube-system/calico-node 2/2', 'kube-system/kube-proxy 2/2'])
    await until('kindnet pods gone', async () => ((await kindnetPods()).length === 0 ? true : undefined))
    expect((await sim.k('-n', 'kube-system', 'delete', 'daemonset', 'kindnet')).stderr).toBe(
      'Error from server (NotFound): daemonsets.apps "kindnet" not found\n',
    )
  })

  it('takes any namespace, but never replaces or deletes the modelled calico-node', async () => {
    expect((await apply(kindnet('default'))).stdout).toBe('daemonset.apps/kindnet created\n')
    expect(await sets()).toContain('default/kindnet 0/2')
    expect((await sim.k('delete', 'daemonset', 'kindnet')).code).toBe(0)
    const calico = kindnet('kube-system').replace(/kindnet/g, 'calico-node')
    expect(await apply(calico)).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('does not apply changes'),
    })
    expect((await sim.k('-n', 'kube-system', 'delete', 'ds', 'calico-node')).code).toBe(1)
    expect(await sets()).toEqual(['kube-system/calico-node 2/2', 'kube-system/kube-proxy 2/2'])
    const noSelector = kindnet().replace('  selector: {matchLabels: {app: kindnet}}\n', '')
    expect((await apply(noSelector)).stderr).toContain('missing required field "selector"')
  })
})
