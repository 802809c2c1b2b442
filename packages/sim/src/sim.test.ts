// The lab's whole path through the REAL fake executables: minikube, kubectl, calicoctl in a pod, BusyBox, port-forward.
import { beforeAll, describe, expect, it } from 'vitest'
import {
  bringUp,
  buildFakes,
  deployApp,
  items,
  manifest,
  newSim,
  startLong,
  type Sim,
} from './testing/index.ts'

let bin: string
let sim: Sim
const inPool = (ip: string, prefix: string) => ip.startsWith(prefix)

beforeAll(async () => {
  bin = await buildFakes()
  sim = newSim(bin)
})

describe('a fresh lab world', () => {
  it('has no profile until minikube start, then two nodes that become Ready', async () => {
    const absent = await sim.run(['minikube', 'status', '-p', 'lab4', '-o', 'json'])
    expect(absent.code).toBe(85)
    const start = await sim.run([
      'minikube',
      'start',
      '-p',
      'lab4',
      '--nodes',
      '2',
      '--cni',
      'calico',
      '--driver',
      'docker',
    ])
    expect(start.code).toBe(0)
    expect(start.stdout).toContain('Starting "lab4-m02" worker node in "lab4" cluster')
    const status = await sim.run(['minikube', 'status', '-p', 'lab4', '-o', 'json'])
    expect(JSON.parse(status.stdout)).toEqual([
      {
        Name: 'lab4',
        Host: 'Running',
        Kubelet: 'Running',
        APIServer: 'Running',
        Kubeconfig: 'Configured',
        Worker: false,
      },
      {
        Name: 'lab4-m02',
        Host: 'Running',
        Kubelet: 'Running',
        APIServer: 'Irrelevant',
        Kubeconfig: 'Irrelevant',
        Worker: true,
      },
    ])
    const profiles = JSON.parse((await sim.run(['minikube', 'profile', 'list', '-o', 'json'])).stdout)
    expect(profiles.valid[0].Config.KubernetesConfig.CNI).toBe('calico')
    expect(profiles.valid[0].Config.Nodes).toHaveLength(2)
    const wait = await sim.k('wait', '--for=condition=Ready', 'nodes', '--all', '--timeout=20s')
    expect(wait.stdout).toBe('node/lab4 condition met\nnode/lab4-m02 condition met\n')
    const nodes = await sim.k('get', 'nodes')
    expect(nodes.stdout).toMatch(
      /^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\nlab4\s+Ready\s+control-plane\s+\d+s\s+v1\.31\.0\nlab4-m02\s+Ready\s+<none>\s+\d+s\s+v1\.31\.0\n$/,
    )
  })

  it('refuses a context it does not know and unknown flags', async () => {
    const other = await sim.run(['kubectl', '--context', 'other', 'get', 'nodes'])
    expect(other).toMatchObject({
      code: 1,
      stderr: 'error: context was not found for specified context: other\n',
    })
    const flag = await sim.k('get', 'nodes', '--bogus')
    expect(flag.code).toBe(1)
    expect(flag.stderr).toContain('unknown flag: --bogus')
  })

  it('swaps the default pool for zone pools, rejecting overlaps even for a disabled pool', async () => {
    await sim.k('label', 'node', 'lab4', 'zone=east', '--overwrite')
    expect((await sim.k('label', 'node', 'lab4-m02', 'zone=west', '--overwrite')).stdout).toBe(
      'node/lab4-m02 labeled\n',
    )
    expect((await sim.k('label', 'node', 'lab4-m02', 'zone=west', '--overwrite')).stdout).toBe(
      'node/lab4-m02 not labeled\n',
    )
    expect((await sim.k('-n', 'kube-system', 'get', 'pod', 'calicoctl', '-o', 'json')).stderr).toBe(
      'Error from server (NotFound): pods "calicoctl" not found\n',
    )
    const applied = await sim.run(
      ['kubectl', '--context', 'lab4', 'apply', '-f', '-'],
      manifest('calicoctl.yaml'),
    )
    expect(applied.stdout).toContain('pod/calicoctl created')
    await sim.k('-n', 'kube-system', 'wait', '--for=condition=Ready', 'pod/calicoctl', '--timeout=20s')
    expect((await sim.cc('version')).stdout).toMatch(
      /^Client Version:\s+v3\.28\.1\nGit commit:\s+\S+\nCluster Version:\s+v3\.28\.1\nCluster Type:\s+k8s,bgp,kubeadm,kdd\n$/,
    )
    const before = JSON.parse((await sim.cc('get', 'ippool', '-o', 'json')).stdout)
    expect(before.kind).toBe('IPPoolList')
    expect(before.items.map((p: { spec: { cidr: string } }) => p.spec.cidr)).toEqual(['10.244.0.0/16'])
    const overlap = await sim.cc('create', '-f', '-', `<stdin>${manifest('pools.yaml')}`)
    expect(overlap.code).toBe(1)
    expect(overlap.stderr).toContain(
      "error with field IPPool.Spec.CIDR = '10.244.1.0/24' (IPPool(east-ippool) CIDR overlaps with IPPool(default-ipv4-ippool) CIDR 10.244.0.0/16)",
    )
    expect((await sim.cc('delete', 'ippool', 'default-ipv4-ippool')).stdout).toBe(
      "Successfully deleted 1 'IPPool' resource(s)\n",
    )
    expect((await sim.cc('create', '-f', '-', `<stdin>${manifest('pools.yaml')}`)).stdout).toBe(
      "Successfully created 2 'IPPool' resource(s)\n",
    )
    const disabled = manifest('pools.yaml')
      .split('---')[0]
      ?.replace('name: east-ippool', 'name: spare')
      .replace('cidr: 10.244.1.0/24', 'cidr: 10.244.1.128/25')
      .concat('  disabled: true\n')
    const clash = await sim.cc('create', '-f', '-', `<stdin>${disabled}`)
    expect(clash.stderr).toContain('IPPool(spare) CIDR overlaps with IPPool(east-ippool) CIDR 10.244.1.0/24')
    // …and an existing disabled pool blocks a new overlapping one too.
    const parked =
      disabled
        ?.replace('name: spare', 'name: parked')
        .replace('cidr: 10.244.1.128/25', 'cidr: 10.250.0.0/24') ?? ''
    expect((await sim.cc('create', '-f', '-', `<stdin>${parked}`)).code).toBe(0)
    const onParked = parked.replace('name: parked', 'name: again').replace('  disabled: true\n', '')
    expect((await sim.cc('create', '-f', '-', `<stdin>${onParked}`)).stderr).toContain(
      'CIDR overlaps with IPPool(parked) CIDR 10.250.0.0/24',
    )
    expect((await sim.cc('delete', 'ippool', 'parked')).code).toBe(0)
  })

  it('rolls the app out with pods on their zone pool, one per node', async () => {
    await sim.k(
      '-n',
      'kube-system',
      'rollout',
      'restart',
      'deployment/coredns',
      'deployment/calico-kube-controllers',
    )
    expect(
      (await sim.k('-n', 'kube-system', 'rollout', 'status', 'deployment/coredns', '--timeout=20s')).stdout,
    ).toMatch(/deployment "coredns" successfully rolled out\n$/)
    const rollout = await deployApp(sim)
    expect(rollout.code).toBe(0)
    expect(rollout.stdout).toMatch(
      /^Waiting for deployment "frontend" rollout to finish: .*\n(.*\n)*deployment "frontend" successfully rolled out\n$/,
    )
    const pods = items(await sim.k('get', 'pods', '-l', 'app=frontend', '-o', 'json'))
    expect(pods).toHaveLength(2)
    const byNode = Object.fromEntries(pods.map((p) => [p.spec.nodeName, p.status.podIP]))
    expect(inPool(byNode.lab4, '10.244.1.')).toBe(true)
    expect(inPool(byNode['lab4-m02'], '10.244.2.')).toBe(true)
    for (const p of pods)
      expect(p.metadata.name).toMatch(
        /^frontend-[bcdfghjklmnpqrstvwxz2456789]{10}-[bcdfghjklmnpqrstvwxz2456789]{5}$/,
      )
    const slices = items(
      await sim.k('get', 'endpointslices', '-l', 'kubernetes.io/service-name=frontend', '-o', 'json'),
    )
    expect(
      slices[0]?.endpoints.filter((e: { conditions: { ready: boolean } }) => e.conditions.ready),
    ).toHaveLength(2)
    const coredns = items(
      await sim.k('-n', 'kube-system', 'get', 'pods', '-l', 'k8s-app=kube-dns', '-o', 'json'),
    )
    expect(
      coredns
        .map((p) => p.status.podIP)
        .every((ip: string) => ip.startsWith('10.244.1.') || ip.startsWith('10.244.2.')),
    ).toBe(true)
    const blocks = await sim.cc('ipam', 'show', '--show-blocks')
    expect(blocks.stdout).toMatch(/\| IP Pool {2}\| 10\.244\.1\.0\/24 /)
  })

  it('pings the neighbour by endpoint and pod name (ttl 62 across nodes, 64 on the same node), never the ClusterIP', async () => {
    const pods = items(await sim.k('get', 'pods', '-l', 'app=frontend', '-o', 'json'))
    const [a, b] = pods
    const dashed = (ip: string) => ip.replace(/\./g, '-')
    const cross = await sim.k(
      'exec',
      a?.metadata.name,
      '--',
      'ping',
      '-c',
      '3',
      `${dashed(b?.status.podIP)}.frontend.default.svc.cluster.local`,
    )
    expect(cross.code).toBe(0)
    expect(cross.stdout.match(/ttl=62/g)).toHaveLength(3)
    const self = await sim.k(
      'exec',
      a?.metadata.name,
      '--',
      'ping',
      '-c',
      '2',
      `${dashed(a?.status.podIP)}.default.pod.cluster.local`,
    )
    expect(self.stdout.match(/ttl=64/g)).toHaveLength(2)
    const svc = (await sim
      .k('get', 'service', 'frontend', '-o', 'json')
      .then((r) => JSON.parse(r.stdout))) as { spec: { clusterIP: string } }
    const vip = await sim.k('exec', a?.metadata.name, '--', 'ping', '-c', '3', '-W', '2', svc.spec.clusterIP)
    expect(vip.code).toBe(1)
    expect(vip.stdout).toContain('3 packets transmitted, 0 packets received, 100% packet loss')
  })

  it('answers DNS like CoreDNS: ready endpoints only for endpoint names, any dashed IP for pod names', async () => {
    const [a] = items(await sim.k('get', 'pods', '-l', 'app=frontend', '-o', 'json'))
    const name = a?.metadata.name as string
    const fake = await sim.k('exec', name, '--', 'nslookup', '10-244-9-9.frontend.default.svc.cluster.local')
    expect(fake.code).toBe(1)
    expect(fake.stdout).toContain(
      "** server can't find 10-244-9-9.frontend.default.svc.cluster.local: NXDOMAIN",
    )
    const anyPod = await sim.k('exec', name, '--', 'nslookup', '10-244-9-9.default.pod.cluster.local')
    expect(anyPod.stdout).toContain('Address: 10.244.9.9')
    const service = await sim.k('exec', name, '--', 'nslookup', 'frontend.default.svc.cluster.local')
    const svc = JSON.parse((await sim.k('get', 'service', 'frontend', '-o', 'json')).stdout) as {
      spec: { clusterIP: string }
    }
    expect(service.stdout).toContain(`Address: ${svc.spec.clusterIP}`)
    const bad = await sim.k('exec', name, '--', 'ping', '-c', '1', 'nowhere.default.svc.cluster.local')
    expect(bad).toMatchObject({
      code: 1,
      stderr: "ping: bad address 'nowhere.default.svc.cluster.local'\ncommand terminated with exit code 1\n",
    })
  })

  it('port-forwards a Service to ONE pod and serves that pod’s page over real HTTP', async () => {
    const pf = startLong(
      sim,
      ['kubectl', '--context', 'lab4', 'port-forward', 'service/frontend', ':3000'],
      /Forwarding from 127\.0\.0\.1:(\d+) -> 3000/,
    )
    const port = (await pf.matched)[1]
    // Each load: CRA's empty index.html, then the main.<hash>.js that carries the pinned pod's build.
    const loads = await Promise.all([1, 2, 3].map(() => served(Number(port))))
    const names = loads.map((l) => l.env.REACT_APP_CONTAINER_NAME)
    expect(new Set(names).size).toBe(1)
    const pods = items(await sim.k('get', 'pods', '-l', 'app=frontend', '-o', 'json'))
    const pinned = pods.find((p) => p.metadata.name === names[0])
    expect(pinned).toBeDefined()
    expect(loads[0]?.env).toEqual({
      REACT_APP_USERNAME: 'student',
      REACT_APP_COMPANY_NAME: 'ITMO University',
      REACT_APP_CONTAINER_NAME: pinned?.metadata.name,
      REACT_APP_CONTAINER_IP: pinned?.status.podIP,
    })
    expect(loads[0]?.html).toContain('<div id="root"></div>')
    expect(loads[0]?.html).not.toContain('Container')
    pf.child.kill('SIGTERM')
    expect(await pf.exited).toBe(0)
    expect(pf.out()).toMatch(/Handling connection for \d+/)
  })

  it('keeps the cluster for a second setup and restarts a stopped profile', async () => {
    expect((await sim.run(['minikube', 'stop', '-p', 'lab4'])).code).toBe(0)
    expect((await sim.run(['minikube', 'status', '-p', 'lab4', '-o', 'json'])).code).toBe(7)
    expect((await sim.k('get', 'nodes')).stderr).toContain('was refused')
    expect(
      (
        await sim.run([
          'minikube',
          'start',
          '-p',
          'lab4',
          '--nodes',
          '2',
          '--cni',
          'calico',
          '--driver',
          'docker',
        ])
      ).stdout,
    ).toContain('Restarting existing docker container')
    const pods = items(await sim.k('get', 'pods', '-l', 'app=frontend', '-o', 'json'))
    expect(pods.every((p) => p.status.podIP?.startsWith('10.244.'))).toBe(true)
  })
})

/** One page load through the forward: the HTML, and the env baked into the bundle it loads. */
async function served(port: number): Promise<{ html: string; env: Record<string, string> }> {
  const html = await fetch(`http://127.0.0.1:${port}/`).then((r) => r.text())
  const src = /src="(\/static\/js\/main\.[0-9a-f]{8}\.js)"/.exec(html)?.[1]
  if (!src) throw new Error(`no main.<hash>.js in ${html}`)
  const js = await fetch(`http://127.0.0.1:${port}${src}`).then((r) => r.text())
  const env = /^var \w+=(\{.*\});$/m.exec(js)?.[1]
  if (!env) throw new Error(`no baked env at the top of ${src}`)
  return { html, env: JSON.parse(env) as Record<string, string> }
}

describe('determinism', () => {
  it('gives the same names and IPs for the same seed and the same commands', async () => {
    const run = async (seed: number) => {
      const s = newSim(bin, [], seed)
      await bringUp(s)
      await deployApp(s)
      return items(await s.k('get', 'pods', '-A', '-o', 'json'))
        .filter((p) => p.metadata.namespace === 'default')
        .map((p) => `${p.metadata.name} ${p.status.podIP} ${p.spec.nodeName}`)
    }
    const [one, two, other] = await Promise.all([run(7), run(7), run(8)])
    expect(one).toHaveLength(2)
    expect(two).toEqual(one)
    expect(other).not.toEqual(one)
  })
})
