// Test support: a tiny in-memory lab world (nodes, DaemonSets, zone pools, app pods, Service, CoreDNS, calicoctl pod).
// fake-kubectl.ts answers the kubectl/calicoctl argv the fake steps and the mutation catalogue run against it.

export type FakePool = { name: string; cidr: string; selector: string }
export type FakePod = { name: string; node: string; ip: string }

export type FakeNode = { name: string; zone: string; stopped?: boolean }

export type FakeWorld = {
  profile: string
  nodes: FakeNode[]
  /** DaemonSets as `namespace/name`; each runs one pod per node. */
  daemonsets: string[]
  pools: FakePool[]
  replicas: number
  pods: FakePod[]
  service: boolean
  coredns: number
  calicoctl: boolean
  /** Every argv the world answered, space-joined, in order. */
  calls: string[]
  podSeq: number
  ipSeq: Record<string, number>
}

export function fakeWorld(): FakeWorld {
  const w: FakeWorld = {
    profile: 'lab4',
    nodes: [
      { name: 'lab4', zone: 'east' },
      { name: 'lab4-m02', zone: 'west' },
    ],
    daemonsets: ['kube-system/calico-node', 'kube-system/kube-proxy'],
    pools: [
      { name: 'east-ippool', cidr: '10.244.1.0/24', selector: 'zone == "east"' },
      { name: 'west-ippool', cidr: '10.244.2.0/24', selector: 'zone == "west"' },
    ],
    replicas: 2,
    pods: [],
    service: true,
    coredns: 1,
    calicoctl: true,
    calls: [],
    podSeq: 0,
    ipSeq: {},
  }
  reconcile(w)
  return w
}

const ipNumber = (ip: string) => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0)

/** Two IPv4 CIDRs overlap when the shorter prefix's network contains the other's network address. */
export function overlaps(a: string, b: string): boolean {
  const [ia = '', la = '32'] = a.split('/')
  const [ib = '', lb = '32'] = b.split('/')
  const bits = Math.min(Number(la), Number(lb))
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0
  return (ipNumber(ia) & mask) >>> 0 === (ipNumber(ib) & mask) >>> 0
}

const prefix = (cidr: string) => cidr.split('/')[0]?.split('.').slice(0, 3).join('.') ?? ''

function allocate(w: FakeWorld, node: string): string {
  const zone = w.nodes.find((n) => n.name === node)?.zone
  const pool =
    w.pools.find((p) => p.selector === `zone == "${zone}"`) ?? w.pools.find((p) => p.selector === 'all()')
  if (!pool) return ''
  w.ipSeq[pool.name] = (w.ipSeq[pool.name] ?? 0) + 1
  return `${prefix(pool.cidr)}.${(w.ipSeq[pool.name] ?? 0) + 1}`
}

/** The Deployment controller: one pod per replica, each new one on the node with the fewest (the scheduler's spread). */
export function reconcile(w: FakeWorld): void {
  w.pods = w.pods.slice(0, w.replicas)
  while (w.pods.length < w.replicas) {
    const load = (name: string) => w.pods.filter((p) => p.node === name).length
    const node = [...w.nodes].sort((a, b) => load(a.name) - load(b.name))[0]?.name ?? ''
    w.podSeq += 1
    w.pods.push({ name: `frontend-${w.podSeq}`, node, ip: allocate(w, node) })
  }
}
