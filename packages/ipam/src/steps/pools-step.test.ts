import { readFileSync, statSync, utimesSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_POOL, ipPoolList, k, list, pod, runScripted } from '@lab4/core/testing'
import { renderPoolDocs, renderPoolsYaml } from '../manifests/pools.ts'
import {
  calicoctlPodJson,
  ccx,
  getClusterInfo,
  appNew,
  appOld,
  calicoNode,
  cc,
  collect,
  config,
  dnsNew,
  dnsOld,
  east,
  freshPools,
  kcNew,
  kcOld,
  misplacedAppRerun,
  nodes,
  observe,
  rolloutCoredns,
  west,
  wide,
} from '../testing/script.ts'
import { calicoctlStep } from './calicoctl-step.ts'
import { poolsStep } from './pools-step.ts'

describe('ipam.pools step', () => {
  it('fresh cluster: deletes the default pool, creates both zone pools at once, restarts CoreDNS and kube-controllers', async () => {
    const { result, evidence, root } = await runScripted([poolsStep], freshPools(), {
      assertDone: true,
    })
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
    const first = await runScripted(
      [poolsStep],
      [
        ...observe([east, west], list([calicoNode, dnsNew, kcNew].map(pod))),
        rolloutCoredns,
        ...collect(list([calicoNode, dnsNew, kcNew].map(pod))),
      ],
    )
    const file = join(first.root, 'manifests/ippools.yaml')
    utimesSync(file, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'))
    const { result, evidence } = await runScripted(
      [poolsStep],
      [
        ...observe([east, west], list([calicoNode, dnsNew, kcNew, ...appNew].map(pod))),
        rolloutCoredns,
        ...collect(list([calicoNode, dnsNew, kcNew, ...appNew].map(pod))),
      ],
      { root: first.root, assertDone: true },
    )
    expect(result.steps[0]?.status).toBe('unchanged')
    expect(evidence.commands().filter((c) => c.write)).toEqual([])
    expect(statSync(file).mtime.toISOString()).toBe('2020-01-01T00:00:00.000Z')
    expect(result.results.every((r) => r.status === 'PASS')).toBe(true)
  })

  it('pods created before the pools: the first run reports them, the second restarts their Deployment', async () => {
    // First run: judged against the default pool seen at start, the app pods are fine → only the system restart.
    const first = await runScripted(
      [poolsStep],
      [
        ...observe([DEFAULT_POOL], list([calicoNode, dnsOld, kcOld, ...appOld].map(pod))),
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
        ...collect(list([calicoNode, dnsNew, kcNew, ...appOld].map(pod))),
      ],
      { assertDone: true },
    )
    const pods = first.result.results.find((r) => r.check === 'ipam.pods-in-zone-pool')
    expect(pods?.status).toBe('FAIL')
    expect(pods?.actual).toContain(
      'frontend-5c96f4b7b6-jw97h (10.244.120.67) on lab4 (zone=east): expected east-ippool 10.244.1.0/24, actual no pool',
    )

    // Second run: the zone pools are now what we observe, so the app Deployment is restarted and waited for.
    const second = await runScripted([poolsStep], misplacedAppRerun(), { assertDone: true })
    expect(second.result.steps[0]?.status).toBe('changed')
    expect(second.evidence.commands().filter((c) => c.write && c.argv.includes('calicoctl'))).toEqual([])
    expect(second.result.results.every((r) => r.status === 'PASS')).toBe(true)
  })

  it('uses --allow-version-mismatch on every calicoctl command when the calicoctl step recorded it', async () => {
    const { evidence } = await runScripted(
      [calicoctlStep, poolsStep],
      [
        {
          argv: getClusterInfo,
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
        { argv: ccx('get', 'ippool', '-o', 'json'), respond: { stdout: ipPoolList([east, west]) } },
        { argv: ccx('get', 'ippool', '-o', 'wide'), respond: { stdout: wide([east, west]) } },
        { argv: k('get', 'pods', '-A', '-o', 'json'), respond: { stdout: list([dnsNew].map(pod)) } },
        { argv: k('get', 'nodes', '-o', 'json'), respond: { stdout: nodes } },
        rolloutCoredns,
        ...collect(list([dnsNew].map(pod))).map((e) =>
          Array.isArray(e.argv) && e.argv.includes('calicoctl')
            ? { ...e, argv: [...e.argv, '--allow-version-mismatch'] }
            : e,
        ),
      ],
      { assertDone: true },
    )
    const ccCommands = evidence
      .commands()
      .filter((c) => c.argv.includes('calicoctl') && c.argv.includes('exec'))
    expect(ccCommands).toHaveLength(7)
    expect(ccCommands.every((c) => c.argv.at(-1) === '--allow-version-mismatch')).toBe(true)
  })

  it('without a recorded mode, a version-mismatch refusal switches --allow-version-mismatch on and retries', async () => {
    const mismatch =
      'failed to get resources: version mismatch.\nClient Version:   v3.31.3\nCluster Version:  v3.32.1\nUse --allow-version-mismatch to override\n'
    const { result, evidence } = await runScripted(
      [poolsStep],
      [
        { argv: cc('get', 'ippool', '-o', 'json'), respond: { exitCode: 1, stderr: mismatch } },
        { argv: ccx('get', 'ippool', '-o', 'json'), respond: { stdout: ipPoolList([east, west]) } },
        { argv: ccx('get', 'ippool', '-o', 'wide'), respond: { stdout: wide([east, west]) } },
        { argv: k('get', 'pods', '-A', '-o', 'json'), respond: { stdout: list([dnsNew].map(pod)) } },
        { argv: k('get', 'nodes', '-o', 'json'), respond: { stdout: nodes } },
        rolloutCoredns,
        ...collect(list([dnsNew].map(pod))).map((e) =>
          Array.isArray(e.argv) && e.argv.includes('calicoctl')
            ? { ...e, argv: [...e.argv, '--allow-version-mismatch'] }
            : e,
        ),
      ],
      { assertDone: true },
    )
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
    const { result, output } = await runScripted(
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
      { assertDone: true },
    )
    expect(result.steps[0]?.status).toBe('failed')
    const failure = output
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
