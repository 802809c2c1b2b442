// NetworkPolicy through the real fakes: kubectl apply/get/delete of the objects, BusyBox wget and ping in the pods.
import { beforeAll, describe, expect, it } from 'vitest'
import { bringUp, buildFakes, deployApp, items, newSim, type Sim } from './testing/index.ts'

const DENY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend-deny-ingress
  namespace: default
spec:
  podSelector:
    matchLabels:
      app: frontend
  policyTypes:
    - Ingress
`
const ALLOW = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend-allow-http
  namespace: default
spec:
  podSelector:
    matchLabels:
      app: frontend
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app: frontend
      ports:
        - protocol: TCP
          port: 3000
`

type Pod = { name: string; ip: string }
let bin: string
beforeAll(async () => {
  bin = await buildFakes()
}, 120_000)

async function lab(faults: string[] = []): Promise<{ sim: Sim; a: Pod; b: Pod }> {
  const sim = newSim(bin, faults)
  await bringUp(sim)
  await deployApp(sim)
  const [a, b] = items(await sim.k('get', 'pods', '-l', 'app=frontend', '-o', 'json')).map((p) => ({
    name: p.metadata.name as string,
    ip: p.status.podIP as string,
  }))
  if (!a || !b) throw new Error('expected two frontend pods')
  return { sim, a, b }
}

const fqdn = (p: Pod) => `${p.ip.replace(/\./g, '-')}.frontend.default.svc.cluster.local`
const wget = (sim: Sim, from: Pod, to: Pod) =>
  sim.k('exec', from.name, '--', 'wget', '-qO-', '-T', '3', `http://${fqdn(to)}:3000/`)
const ping = (sim: Sim, from: Pod, to: Pod) =>
  sim.k('exec', from.name, '--', 'ping', '-c', '3', '-W', '2', fqdn(to))
const apply = (sim: Sim, yaml: string) => sim.run(['kubectl', '--context', 'lab4', 'apply', '-f', '-'], yaml)

describe('on Calico', () => {
  let sim: Sim
  let a: Pod
  let b: Pod
  beforeAll(async () => {
    ;({ sim, a, b } = await lab())
  }, 120_000)

  it('before any policy: wget -qO- prints the page, ping gets every reply', async () => {
    const w = await wget(sim, a, b)
    expect(w).toMatchObject({ code: 0, stderr: '' })
    expect(w.stdout).toMatch(/^<!doctype html>.*<div id="root"><\/div>/)
    expect((await ping(sim, a, b)).stdout).toContain(
      '3 packets transmitted, 3 packets received, 0% packet loss',
    )
  })

  it('with the deny policy: wget says "download timed out" after -T, ping gets no reply', async () => {
    expect((await apply(sim, DENY)).stdout).toBe(
      'networkpolicy.networking.k8s.io/frontend-deny-ingress created\n',
    )
    const w = await wget(sim, a, b)
    expect(w).toEqual({
      code: 1,
      stdout: '',
      stderr: 'wget: download timed out\ncommand terminated with exit code 1\n',
    })
    const p = await ping(sim, b, a)
    expect(p.code).toBe(1)
    expect(p.stdout).toContain('3 packets transmitted, 0 packets received, 100% packet loss')
    // A pod is never cut off from itself.
    expect((await ping(sim, a, a)).code).toBe(0)
  })

  it('with the allow-http policy too: HTTP passes, ping still gets no reply', async () => {
    await apply(sim, ALLOW)
    expect((await wget(sim, b, a)).code).toBe(0)
    expect((await ping(sim, a, b)).stdout).toContain('0 packets received')
    const listed = items(await sim.k('get', 'networkpolicies', '-o', 'json')).map((x) => [
      x.metadata.name,
      x.spec.policyTypes,
    ])
    expect(listed).toEqual([
      ['frontend-allow-http', ['Ingress']],
      ['frontend-deny-ingress', ['Ingress']],
    ])
  })

  it('after deleting both: ping answers again', async () => {
    const d = await sim.k('delete', 'networkpolicy', 'frontend-deny-ingress', 'frontend-allow-http')
    expect(d.stdout).toBe(
      'networkpolicy.networking.k8s.io "frontend-deny-ingress" deleted\nnetworkpolicy.networking.k8s.io "frontend-allow-http" deleted\n',
    )
    expect((await ping(sim, a, b)).code).toBe(0)
    expect((await sim.k('get', 'networkpolicies')).stderr).toBe('No resources found in default namespace.\n')
  })

  it('wget of a name that does not resolve, and of a port nothing listens on, says so as BusyBox does', async () => {
    const bad = await sim.k(
      'exec',
      a.name,
      '--',
      'wget',
      '-qO-',
      '-T',
      '3',
      'http://nope.default.svc.cluster.local:3000/',
    )
    expect(bad.stderr).toBe(
      "wget: bad address 'nope.default.svc.cluster.local'\ncommand terminated with exit code 1\n",
    )
    const closed = await sim.k('exec', a.name, '--', 'wget', '-qO-', '-T', '3', `http://${fqdn(b)}:8080/`)
    expect(closed.stderr).toBe(
      `wget: can't connect to remote host (${b.ip}): Connection refused\ncommand terminated with exit code 1\n`,
    )
  })
})

describe('with the cni-kindnet fault', () => {
  it('stores the policy but enforces nothing: HTTP and ping still pass', async () => {
    const { sim, a, b } = await lab(['cni-kindnet'])
    await apply(sim, DENY)
    expect(items(await sim.k('get', 'networkpolicies', '-o', 'json'))).toHaveLength(1)
    expect((await wget(sim, a, b)).code).toBe(0)
    expect((await ping(sim, a, b)).code).toBe(0)
  }, 120_000)
})
