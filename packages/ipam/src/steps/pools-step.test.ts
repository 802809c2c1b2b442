import { readFileSync, statSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { type FakeExpectation, parseConfig } from '@lab4/core'
import { calicoctlArgv } from '../calicoctl.ts'
import { renderPoolDocs, renderPoolsYaml } from '../manifests/pools.ts'
import { type IPPool, desiredPools } from '../pool.ts'
import {
  DEFAULT_POOL,
  type PodSpec,
  affinitiesJson,
  calicoctlPodJson,
  labNodes,
  nodesJson,
  podsJson,
  poolsJson,
} from '../testing/kube-json.ts'
import { PROFILE, k, runWithScript } from '../testing/run.ts'
import { calicoctlStep } from './calicoctl-step.ts'
import { poolsStep } from './pools-step.ts'

const config = parseConfig('{}', 'lab.config.yaml').config
const [east, west] = desiredPools(config) as [IPPool, IPPool]
const cc = (...args: string[]) => calicoctlArgv(PROFILE, args)
const nodes = nodesJson(...labNodes())

const wide = (rows: IPPool[]) =>
  [
    'NAME                  CIDR            NAT    IPIPMODE   VXLANMODE   DISABLED   DISABLEBGPEXPORT   SELECTOR         ASSIGNMENTMODE   ',
    ...rows.map(
      (p) =>
        `${p.name.padEnd(22)}${p.cidr.padEnd(16)}true   Always     Never       false      false              ${p.nodeSelector.padEnd(17)}Automatic        `,
    ),
    '',
  ].join('\n')

const calicoNode: PodSpec = {
  name: 'calico-node-4xk2p',
  namespace: 'kube-system',
  node: 'lab4',
  ip: '192.168.49.2',
  daemonSet: 'calico-node',
  hostNetwork: true,
}
const dnsOld: PodSpec = {
  name: 'coredns-7c65d6cfc9-x2x9k',
  namespace: 'kube-system',
  node: 'lab4',
  ip: '10.244.120.66',
  replicaSet: 'coredns-7c65d6cfc9',
  labels: { 'k8s-app': 'kube-dns' },
}
const kcOld: PodSpec = {
  name: 'calico-kube-controllers-b8d8894fb-5vq7n',
  namespace: 'kube-system',
  node: 'lab4',
  ip: '10.244.120.65',
  replicaSet: 'calico-kube-controllers-b8d8894fb',
  labels: { 'k8s-app': 'calico-kube-controllers' },
}
const dnsNew: PodSpec = {
  ...dnsOld,
  name: 'coredns-5d78c9869d-9hq4z',
  node: 'lab4-m02',
  ip: '10.244.2.1',
  replicaSet: 'coredns-5d78c9869d',
}
const kcNew: PodSpec = {
  ...kcOld,
  name: 'calico-kube-controllers-6c7f5b5d4-q8lmn',
  ip: '10.244.1.1',
  replicaSet: 'calico-kube-controllers-6c7f5b5d4',
}
const appOld: PodSpec[] = [
  {
    name: 'frontend-5c96f4b7b6-jw97h',
    node: 'lab4',
    ip: '10.244.120.67',
    replicaSet: 'frontend-5c96f4b7b6',
    labels: { app: 'frontend' },
  },
  {
    name: 'frontend-5c96f4b7b6-t9brh',
    node: 'lab4-m02',
    ip: '10.244.151.193',
    replicaSet: 'frontend-5c96f4b7b6',
    labels: { app: 'frontend' },
  },
]
const appNew: PodSpec[] = [
  {
    name: 'frontend-7d9f8b6c5-2kq9w',
    node: 'lab4',
    ip: '10.244.1.2',
    replicaSet: 'frontend-7d9f8b6c5',
    labels: { app: 'frontend' },
  },
  {
    name: 'frontend-7d9f8b6c5-8zx4m',
    node: 'lab4-m02',
    ip: '10.244.2.2',
    replicaSet: 'frontend-7d9f8b6c5',
    labels: { app: 'frontend' },
  },
]

const showBlocks = [
  '+----------+---------------+-----------+------------+------------+',
  '| GROUPING |     CIDR      | IPS TOTAL | IPS IN USE |  IPS FREE  |',
  '+----------+---------------+-----------+------------+------------+',
  '| IP Pool  | 10.244.1.0/24 |       256 | 2 (1%)     | 254 (99%)  |',
  '| Block    | 10.244.1.0/26 |        64 | 2 (3%)     | 62 (97%)   |',
  '| IP Pool  | 10.244.2.0/24 |       256 | 2 (1%)     | 254 (99%)  |',
  '| Block    | 10.244.2.0/26 |        64 | 2 (3%)     | 62 (97%)   |',
  '+----------+---------------+-----------+------------+------------+',
  '',
].join('\n')
const check = [
  'Checking IPAM for inconsistencies...',
  '',
  'Loading all IPAM blocks...',
  'Found 2 IPAM blocks.',
  ' IPAM block 10.244.1.0/26 affinity=host:lab4:',
  ' IPAM block 10.244.2.0/26 affinity=host:lab4-m02:',
  'IPAM blocks record 4 allocations.',
  '',
  'Check complete; found 0 problems.',
  '',
].join('\n')
const rolloutCoredns: FakeExpectation = {
  argv: k('-n', 'kube-system', 'rollout', 'status', 'deployment/coredns', '--timeout=600s'),
  respond: { stdout: 'deployment "coredns" successfully rolled out\n' },
}

function collect(pods: string): FakeExpectation[] {
  return [
    { argv: cc('get', 'ippool', '-o', 'json'), respond: { stdout: poolsJson(east, west) } },
    { argv: cc('get', 'ippool', '-o', 'wide'), respond: { stdout: wide([east, west]) } },
    { argv: cc('ipam', 'show', '--show-blocks'), respond: { stdout: showBlocks } },
    { argv: cc('ipam', 'check'), respond: { stdout: check } },
    {
      argv: k('get', 'blockaffinities.crd.projectcalico.org', '-o', 'json'),
      respond: {
        stdout: affinitiesJson(
          { node: 'lab4', cidr: '10.244.1.0/26' },
          { node: 'lab4-m02', cidr: '10.244.2.0/26' },
        ),
      },
    },
    { argv: k('get', 'pods', '-A', '-o', 'json'), respond: { stdout: pods } },
    { argv: k('get', 'nodes', '-o', 'json'), respond: { stdout: nodes } },
  ]
}

function observe(pools: IPPool[], pods: string): FakeExpectation[] {
  return [
    { argv: cc('get', 'ippool', '-o', 'json'), respond: { stdout: poolsJson(...pools) } },
    { argv: cc('get', 'ippool', '-o', 'wide'), respond: { stdout: wide(pools) } },
    { argv: k('get', 'pods', '-A', '-o', 'json'), respond: { stdout: pods } },
    { argv: k('get', 'nodes', '-o', 'json'), respond: { stdout: nodes } },
  ]
}

describe('ipam.pools step', () => {
  it('fresh cluster: deletes the default pool, creates both zone pools at once, restarts CoreDNS and kube-controllers', async () => {
    const { result, runner, evidence, root } = await runWithScript(
      [poolsStep],
      [
        ...observe([DEFAULT_POOL], podsJson(calicoNode, dnsOld, kcOld)),
        {
          argv: cc('delete', 'ippool', 'default-ipv4-ippool'),
          respond: { stdout: "Successfully deleted 1 'IPPool' resource(s)\n" },
        },
        {
          argv: cc('create', '-f', '-'),
          stdin: renderPoolDocs([east, west]),
          respond: { stdout: "Successfully created 2 'IPPool' resource(s)\n" },
        },
        {
          argv: k(
            '-n',
            'kube-system',
            'rollout',
            'restart',
            'deployment/coredns',
            'deployment/calico-kube-controllers',
          ),
          respond: {
            stdout: 'deployment.apps/coredns restarted\ndeployment.apps/calico-kube-controllers restarted\n',
          },
        },
        rolloutCoredns,
        ...collect(podsJson(calicoNode, dnsNew, kcNew, { ...dnsOld, deleting: true })),
      ],
    )
    runner.assertDone()
    expect(result.steps).toEqual([{ id: 'ipam.pools', status: 'changed' }])
    expect(
      evidence
        .commands()
        .filter((c) => c.write)
        .map((c) => c.key),
    ).toEqual(['ipam.pool.delete', 'ipam.pools.create', 'ipam.restart.system'])
    expect(result.results.map((r) => [r.check, r.status])).toEqual([
      ['ipam.pools-exact', 'PASS'],
      ['ipam.default-pool-gone', 'PASS'],
      ['ipam.pods-in-zone-pool', 'PASS'],
      ['ipam.blocks-in-zone-pool', 'PASS'],
    ])
    expect(readFileSync(join(root, 'manifests/ippools.yaml'), 'utf8')).toBe(renderPoolsYaml(config))
    expect(evidence.artifact('ipam.manifest.pools')).toMatchObject({
      path: 'artifacts/ippools.yaml',
      mediaType: 'application/yaml',
    })
  })

  it('second run: no calicoctl writes, no restarts, manifest untouched, outcome unchanged', async () => {
    const first = await runWithScript(
      [poolsStep],
      [
        ...observe([east, west], podsJson(calicoNode, dnsNew, kcNew)),
        rolloutCoredns,
        ...collect(podsJson(calicoNode, dnsNew, kcNew)),
      ],
    )
    const file = join(first.root, 'manifests/ippools.yaml')
    utimesSync(file, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'))
    const { result, runner, evidence } = await runWithScript(
      [poolsStep],
      [
        ...observe([east, west], podsJson(calicoNode, dnsNew, kcNew, ...appNew)),
        rolloutCoredns,
        ...collect(podsJson(calicoNode, dnsNew, kcNew, ...appNew)),
      ],
      { root: first.root },
    )
    runner.assertDone()
    expect(result.steps[0]?.status).toBe('unchanged')
    expect(evidence.commands().filter((c) => c.write)).toEqual([])
    expect(statSync(file).mtime.toISOString()).toBe('2020-01-01T00:00:00.000Z')
    expect(result.results.every((r) => r.status === 'PASS')).toBe(true)
  })

  it('pods created before the pools: the first run reports them, the second restarts their Deployment', async () => {
    // First run: judged against the default pool seen at start, the app pods are fine → only the system restart.
    const first = await runWithScript(
      [poolsStep],
      [
        ...observe([DEFAULT_POOL], podsJson(calicoNode, dnsOld, kcOld, ...appOld)),
        {
          argv: cc('delete', 'ippool', 'default-ipv4-ippool'),
          respond: { stdout: "Successfully deleted 1 'IPPool' resource(s)\n" },
        },
        {
          argv: cc('create', '-f', '-'),
          respond: { stdout: "Successfully created 2 'IPPool' resource(s)\n" },
        },
        {
          argv: k(
            '-n',
            'kube-system',
            'rollout',
            'restart',
            'deployment/coredns',
            'deployment/calico-kube-controllers',
          ),
          respond: {},
        },
        rolloutCoredns,
        ...collect(podsJson(calicoNode, dnsNew, kcNew, ...appOld)),
      ],
    )
    first.runner.assertDone()
    const pods = first.result.results.find((r) => r.check === 'ipam.pods-in-zone-pool')
    expect(pods?.status).toBe('FAIL')
    expect(pods?.actual).toContain(
      'frontend-5c96f4b7b6-jw97h (10.244.120.67) on lab4 (zone=east): expected east-ippool 10.244.1.0/24, actual no pool',
    )

    // Second run: the zone pools are now what we observe, so the app Deployment is restarted and waited for.
    const second = await runWithScript(
      [poolsStep],
      [
        ...observe([east, west], podsJson(calicoNode, dnsNew, kcNew, ...appOld)),
        {
          argv: k('-n', 'default', 'rollout', 'restart', 'deployment/frontend'),
          respond: { stdout: 'deployment.apps/frontend restarted\n' },
        },
        rolloutCoredns,
        {
          argv: k('-n', 'default', 'rollout', 'status', 'deployment/frontend', '--timeout=600s'),
          respond: { stdout: 'deployment "frontend" successfully rolled out\n' },
        },
        ...collect(podsJson(calicoNode, dnsNew, kcNew, ...appNew)),
      ],
    )
    second.runner.assertDone()
    expect(second.result.steps[0]?.status).toBe('changed')
    expect(second.evidence.commands().filter((c) => c.write && c.argv.includes('calicoctl'))).toEqual([])
    expect(second.result.results.every((r) => r.status === 'PASS')).toBe(true)
  })

  it('uses --allow-version-mismatch on every calicoctl command when the calicoctl step recorded it', async () => {
    const ccx = (...args: string[]) => calicoctlArgv(PROFILE, args, { allowMismatch: true })
    const { runner, evidence } = await runWithScript(
      [calicoctlStep, poolsStep],
      [
        {
          argv: k('get', 'clusterinformations.crd.projectcalico.org', 'default', '-o', 'json'),
          respond: {
            exitCode: 1,
            stderr: 'error: the server does not have a resource type "clusterinformations"\n',
          },
        },
        {
          argv: k('-n', 'kube-system', 'get', 'pod', 'calicoctl', '-o', 'json'),
          respond: { stdout: calicoctlPodJson('v3.31.3') },
        },
        {
          argv: ccx('version'),
          respond: {
            stdout:
              'Client Version:    v3.31.3\nGit commit:        9a4b1c2d\nCluster Version:   v3.30.3\nCluster Type:      k8s,bgp,kubeadm,kdd\n',
          },
        },
        { argv: ccx('get', 'ippool', '-o', 'json'), respond: { stdout: poolsJson(east, west) } },
        { argv: ccx('get', 'ippool', '-o', 'wide'), respond: { stdout: wide([east, west]) } },
        { argv: k('get', 'pods', '-A', '-o', 'json'), respond: { stdout: podsJson(dnsNew) } },
        { argv: k('get', 'nodes', '-o', 'json'), respond: { stdout: nodes } },
        rolloutCoredns,
        ...collect(podsJson(dnsNew)).map((e) =>
          Array.isArray(e.argv) && e.argv.includes('calicoctl')
            ? { ...e, argv: [...e.argv, '--allow-version-mismatch'] }
            : e,
        ),
      ],
    )
    runner.assertDone()
    const ccCommands = evidence
      .commands()
      .filter((c) => c.argv.includes('calicoctl') && c.argv.includes('exec'))
    expect(ccCommands).toHaveLength(7)
    expect(ccCommands.every((c) => c.argv.at(-1) === '--allow-version-mismatch')).toBe(true)
  })

  it('without a recorded mode, a version-mismatch refusal switches --allow-version-mismatch on and retries', async () => {
    const ccx = (...args: string[]) => calicoctlArgv(PROFILE, args, { allowMismatch: true })
    const mismatch =
      'failed to get resources: version mismatch.\nClient Version:   v3.31.3\nCluster Version:  v3.32.1\nUse --allow-version-mismatch to override\n'
    const { result, runner, evidence } = await runWithScript(
      [poolsStep],
      [
        { argv: cc('get', 'ippool', '-o', 'json'), respond: { exitCode: 1, stderr: mismatch } },
        { argv: ccx('get', 'ippool', '-o', 'json'), respond: { stdout: poolsJson(east, west) } },
        { argv: ccx('get', 'ippool', '-o', 'wide'), respond: { stdout: wide([east, west]) } },
        { argv: k('get', 'pods', '-A', '-o', 'json'), respond: { stdout: podsJson(dnsNew) } },
        { argv: k('get', 'nodes', '-o', 'json'), respond: { stdout: nodes } },
        rolloutCoredns,
        ...collect(podsJson(dnsNew)).map((e) =>
          Array.isArray(e.argv) && e.argv.includes('calicoctl')
            ? { ...e, argv: [...e.argv, '--allow-version-mismatch'] }
            : e,
        ),
      ],
    )
    runner.assertDone()
    expect(result.steps[0]?.status).toBe('unchanged')
    expect(evidence.command('ipam.pools.before.json')?.exitCode).toBe(0)
    expect(evidence.observation('ipam.calicoctl')?.value).toEqual({
      calicoVersion: 'v3.32.1',
      allowMismatch: true,
      source: 'mismatch-refusal',
    })
    expect(evidence.entries.filter((e) => e.type === 'note')).toEqual([
      expect.objectContaining({ level: 'warn', message: expect.stringContaining('version mismatch') }),
    ])
  })

  it('fails the step with a hint when calicoctl cannot run at all', async () => {
    const { result, runner, lines } = await runWithScript(
      [poolsStep],
      [
        {
          argv: cc('get', 'ippool', '-o', 'json'),
          respond: {
            exitCode: 1,
            stderr: 'error: unable to upgrade connection: container not found ("calicoctl")\n',
          },
        },
      ],
    )
    runner.assertDone()
    expect(result.steps[0]?.status).toBe('failed')
    const failure = lines.join('\n')
    expect(failure).toContain(
      'exited 1: error: unable to upgrade connection: container not found ("calicoctl")',
    )
    expect(failure).toContain('re-run `pnpm lab --from ipam.calicoctl`')
    expect(result.results.map((r) => r.status)).toEqual([
      'NOT-GRADABLE',
      'NOT-GRADABLE',
      'NOT-GRADABLE',
      'NOT-GRADABLE',
    ])
  })

  it('plans every command and the manifest without a cluster', () => {
    const items = poolsStep.plan(config)
    const create = items.find((i) => i.kind === 'command' && i.argv.includes('create'))
    expect(create).toMatchObject({ stdin: renderPoolDocs([east, west]), when: 'zone pools missing' })
    expect(items.find((i) => i.kind === 'manifest')).toMatchObject({
      path: 'manifests/ippools.yaml',
      yaml: renderPoolsYaml(config),
    })
    for (const i of items)
      if (i.kind === 'command') expect(i.argv.slice(0, 3)).toEqual(['kubectl', '--context', 'lab4'])
  })
})
