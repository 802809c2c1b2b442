// A re-created profile is a new cluster: the UIDs the lab record ties its runs by must change, as on minikube.
import { beforeAll, describe, expect, it } from 'vitest'
import { bringUp, buildFakes, items, newSim, type Sim } from './testing/index.ts'

let sim: Sim
beforeAll(async () => {
  sim = newSim(await buildFakes())
  await bringUp(sim)
})

const identity = async () => {
  const ns = JSON.parse((await sim.k('get', 'namespace', 'kube-system', '-o', 'json')).stdout)
  const nodes = items(await sim.k('get', 'nodes', '-o', 'json')).map((n) => n.metadata.uid as string)
  return { ns: ns.metadata.uid as string, nodes }
}
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

describe('cluster identity across minikube delete and start', () => {
  it('gives the kube-system namespace a UUID, and new namespace and node UIDs to a re-created cluster', async () => {
    const first = await identity()
    expect(first.ns).toMatch(UUID)
    expect(await identity()).toEqual(first) // stable while the cluster lives
    expect((await sim.run(['minikube', 'delete', '-p', 'lab4'])).code).toBe(0)
    await bringUp(sim)
    const second = await identity()
    expect(second.ns).toMatch(UUID)
    expect(second.ns).not.toBe(first.ns)
    expect(second.nodes).toHaveLength(2)
    for (const uid of second.nodes) expect(first.nodes).not.toContain(uid)
  }, 180_000)
})
