// Format fidelity: our outputs against verbatim real samples (fixtures), line by line — same headers, columns, line shapes.
import { beforeAll, describe, expect, it } from 'vitest'
import { bringUp, buildFakes, deployApp, fixture, items, newSim, type Sim } from './testing/index.ts'

let sim: Sim
let pods: Array<Record<string, any>> // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  sim = newSim(await buildFakes())
  await bringUp(sim)
  await deployApp(sim)
  pods = items(await sim.k('get', 'pods', '-l', 'app=frontend', '-o', 'json'))
}, 90_000)

/** The table from its header line on (drops prompts and indentation). */
function tableLines(text: string, indent = 0): string[] {
  const lines = text.split('\n').map((l) => l.slice(indent))
  return lines.slice(lines.findIndex((l) => l.startsWith('NAME'))).filter((l) => l.trim() !== '')
}
const cells = (line: string) => line.trimEnd().split(/\s{2,}/)
/** Where each cell starts: tabwriter lines every row's cells up under the header's. */
const starts = (line: string) =>
  [...line.trimEnd().matchAll(/(?:^|\s{2,})(\S)/g)].map((m) => (m.index ?? 0) + m[0].length - 1)

function expectTableLike(ours: string[], sample: string[], row: RegExp) {
  expect(cells(ours[0] ?? '')).toEqual(cells(sample[0] ?? ''))
  for (const lines of [ours, sample]) {
    const head = starts(lines[0] ?? '')
    for (const l of lines.slice(1)) {
      expect(l.trimEnd()).toMatch(row)
      expect(starts(l)).toEqual(head)
    }
  }
  expect(ours.length).toBeGreaterThan(1)
}

/** Map each line to the name of the first rule it matches, so two outputs compare by shape. */
const shapes = (lines: string[], rules: Record<string, RegExp>) =>
  lines.map(
    (l) => Object.entries(rules).find(([, re]) => re.test(l))?.[0] ?? `unmatched: ${JSON.stringify(l)}`,
  )

describe('kubectl tables', () => {
  const podRow =
    /^\S+\s+\d+\/\d+\s+\S+\s+\d+(?: \([^)]+ ago\))?\s+\d+[smhd]\S*\s+(\d+\.\d+\.\d+\.\d+|<none>)\s+\S+\s+<none>\s+<none>$/
  it('get pods -o wide has the same columns and row shape as real outputs', async () => {
    const ours = tableLines((await sim.k('get', 'pods', '-o', 'wide')).stdout)
    expectTableLike(ours, tableLines(fixture('LinaMalinaMeow__get-pods-wide.txt')), podRow)
    expectTableLike(
      ours,
      tableLines(fixture('kubectl-get-pods-wide-topology.txt')).filter((l) => !/0\.129 {2}kube/.test(l)),
      podRow,
    )
  })

  it('get nodes and get pods -n kube-system look like a real minikube calico cluster', async () => {
    const nodes = tableLines((await sim.k('get', 'nodes')).stdout)
    expectTableLike(
      nodes,
      tableLines(fixture('countenum404__get-nodes-indented.txt'), 4),
      /^\S+\s+(Ready|NotReady)\s+(control-plane|<none>)\s+\d+[smhd]\S*\s+v\d+\.\d+\.\d+$/,
    )
    const system = tableLines((await sim.k('get', 'pods', '-n', 'kube-system')).stdout)
    const sample = tableLines(fixture('countenum404__get-pods-kube-system-calico-init.txt'), 4)
    const sysRow =
      /^\S+\s+\d+\/\d+\s+(Running|Init:\d\/3|Pending|ContainerCreating)\s+\d+(?: \([^)]+ ago\))?\s+\d+[smhd]\S*$/
    expect(cells(system[0] ?? '')).toEqual(cells(sample[0] ?? ''))
    for (const l of [...system.slice(1), ...sample.slice(1)]) expect(l.trimEnd()).toMatch(sysRow)
    const prefix = (lines: string[]) =>
      [
        ...new Set(
          lines
            .slice(1)
            .map((l) => l.split(/\s/)[0]?.replace(/-[a-z0-9]{5}$|-[a-z0-9]{8,10}-[a-z0-9]{5}$|-lab4$/, '')),
        ),
      ].sort()
    expect(prefix(system).filter((p) => p !== 'calicoctl')).toEqual(prefix(sample))
  })
})

describe('calicoctl', () => {
  const poolRow =
    /^\S+\s+\d+\.\d+\.\d+\.\d+\/\d+\s+(true|false)\s+(Always|CrossSubnet|Never)\s+(Always|CrossSubnet|Never)\s+(true|false)\s+(true|false)\s+.+$/
  it('get ippool -o wide: the v3.28 column set, padded like tabwriter, then a blank line', async () => {
    const out = (await sim.cc('get', 'ippool', '-o', 'wide')).stdout
    expect(out.endsWith('   \n\n')).toBe(true)
    expectTableLike(
      tableLines(out),
      tableLines(fixture('alex-grandson__calicoctl-pod-get-ippools-wide-custom.txt')),
      poolRow,
    )
    const lina = tableLines(fixture('LinaMalinaMeow__calicoctl-get-ippool-wide.txt'))
    expect(cells(tableLines(out)[0] ?? '')).toEqual(cells(lina[0] ?? ''))
    expect(tableLines(out)[1]).toMatch(
      /^east-ippool\s+10\.244\.1\.0\/24\s+true\s+Always\s+Never\s+false\s+false\s+zone == "east" {3}$/,
    )
  })

  it('ipam show --show-blocks: tablewriter borders, centred headers, pool rows followed by their blocks', async () => {
    const ours = (await sim.cc('ipam', 'show', '--show-blocks')).stdout.trimEnd().split('\n')
    const sample = fixture('calicoctl-ipam-show-blocks.txt').trimEnd().split('\n')
    const rules = {
      border: /^(\+-+)+\+$/,
      header: /^\| GROUPING \| +CIDR +\| IPS TOTAL +\| IPS IN USE \| +IPS FREE +\|$/,
      pool: /^\| IP Pool {2}\| \S+ +\| +[\d.e+]+ \| \d+ \(\d+%\) +\| [\d.e+]+ \(\d+%\) +\|$/,
      block: /^\| Block {4}\| \S+ +\| +\d+ \| \d+ \(\d+%\) +\| \d+ \(\d+%\) +\|$/,
    }
    const compact = (xs: string[]) => xs.filter((x, i) => x !== xs[i - 1])
    expect(compact(shapes(ours, rules))).toEqual(compact(shapes(sample, rules)))
    for (const lines of [ours, sample]) expect(new Set(lines.map((l) => l.length)).size).toBe(1)
  })

  it('version prints the four aligned lines', async () => {
    const rules = {
      client: /^Client Version: {4}v[\d.]+$/,
      commit: /^Git commit: {8}\w+$/,
      cluster: /^Cluster Version: {3}v[\d.]+$/,
      type: /^Cluster Type: {6}[\w,]+$/,
    }
    const ours = (await sim.cc('version')).stdout.trimEnd().split('\n')
    const sample = fixture('calicoctl-version-pod.txt').trimEnd().split('\n').slice(1)
    expect(shapes(ours, rules)).toEqual(shapes(sample, rules))
  })
})

describe('BusyBox', () => {
  const pingRules = {
    head: /^PING \S+ \(\d+\.\d+\.\d+\.\d+\): 56 data bytes$/,
    reply: /^64 bytes from \d+\.\d+\.\d+\.\d+: seq=\d+ ttl=6[24] time=\d+\.\d{3} ms$/,
    stats: /^--- \S+ ping statistics ---$/,
    count: /^\d+ packets transmitted, \d+ packets received, \d+% packet loss$/,
    rtt: /^round-trip min\/avg\/max = \d+\.\d{3}\/\d+\.\d{3}\/\d+\.\d{3} ms$/,
  }
  it('ping by endpoint FQDN has the real line shapes and cross-node ttl', async () => {
    const [a, b] = pods
    const target = `${String(b?.status.podIP).replace(/\./g, '-')}.frontend.default.svc.cluster.local`
    const ours = (await sim.k('exec', a?.metadata.name, '--', 'ping', '-c', '5', target)).stdout
      .split('\n')
      .filter(Boolean)
    const block = fixture('sanchpet__ping-endpoint-fqdn.txt').split('\n')
    const sample = block
      .slice(
        1,
        block.indexOf(
          '/frontend # ping 10-244-2-195.itdt-contained-frontend-deployment.default.svc.cluster.local',
        ),
      )
      .filter((l) => l && l !== '^C')
    expect(shapes(ours, pingRules)).toEqual(shapes(sample, pingRules))
    const crossSample = block
      .slice(block.findIndex((l) => l.includes('ttl=62')) - 1)
      .filter((l) => l && l !== '^C')
    expect(ours.filter((l) => l.includes('ttl=')).every((l) => l.includes('ttl=62'))).toBe(
      crossSample.filter((l) => l.includes('ttl=')).every((l) => l.includes('ttl=62')),
    )
  })

  it('nslookup of an FQDN: the image’s BusyBox layout, tabs included; a repeat is answered from cache', async () => {
    const [a, b] = pods
    const name = `${String(b?.status.podIP).replace(/\./g, '-')}.frontend.default.svc.cluster.local`
    const lines = (s: string) => s.replace(/\n$/, '').split('\n')
    const first = lines((await sim.k('exec', a?.metadata.name, '--', 'nslookup', name)).stdout)
    // The second lookup is served from CoreDNS' cache, non-authoritatively, like the docker-library sample.
    const second = lines((await sim.k('exec', a?.metadata.name, '--', 'nslookup', name)).stdout)
    const rules = {
      server: /^Server:\t\t\d+\.\d+\.\d+\.\d+$/,
      address: /^Address:\t\d+\.\d+\.\d+\.\d+:53$/,
      blank: /^$/,
      nonAuth: /^Non-authoritative answer:$/,
      name: /^Name:\t\S+$/,
      answer: /^Address: \d+\.\d+\.\d+\.\d+$/,
      nxdomain: /^\*\* server can't find \S+: NXDOMAIN$/,
    }
    // sanchpet's capture from this very image: an empty block (a NODATA AAAA reply), then the answer. An FQDN
    // has no search-list candidates, so we drop the NXDOMAIN block his short name had between the two.
    const sample = shapes(fixture('sanchpet__exec-nslookup-service.txt').split('\n').slice(3, -1), rules)
    const nx = sample.indexOf('nxdomain')
    expect(nx).toBeGreaterThan(0)
    const image = [...sample.slice(0, nx), ...sample.slice(nx + 2)]
    expect(image).toEqual(['server', 'address', 'blank', 'blank', 'name', 'answer'])
    expect(shapes(first, rules)).toEqual([...image, 'blank'])
    const dockerLibrary = fixture('busybox-nslookup-fqdn-k8s.txt').split('\n')
    const from = dockerLibrary.indexOf('/ # nslookup kubernetes.default.svc.cluster.local') + 1
    const answer = shapes(dockerLibrary.slice(from, from + 6), rules).slice(3)
    expect(answer).toEqual(['nonAuth', 'name', 'answer'])
    expect(shapes(second, rules)).toEqual([
      'server',
      'address',
      'blank',
      'nonAuth',
      'blank',
      ...answer,
      'blank',
    ])
  })
})
