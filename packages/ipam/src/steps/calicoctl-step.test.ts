import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { calicoctlObjects, renderCalicoctlYaml } from '../manifests/calicoctl.ts'
import { k, runScripted } from '@lab4/core/testing'
import {
  calicoctlPodJson,
  ccVersion,
  clusterInfo,
  freshCalicoctl,
  getClusterInfo,
  getPod,
  notFound,
  versionOut,
} from '../testing/script.ts'
import { calicoctlStep, podDecision } from './calicoctl-step.ts'

describe('ipam.calicoctl step', () => {
  it('fresh cluster: reads the Calico version, applies the pod with that image, waits Ready, writes the manifest', async () => {
    const { result, evidence, root } = await runScripted([calicoctlStep], freshCalicoctl(), {
      assertDone: true,
    })
    expect(result.steps).toEqual([{ id: 'ipam.calicoctl', status: 'changed' }])
    expect(readFileSync(join(root, 'manifests/calicoctl.yaml'), 'utf8')).toBe(renderCalicoctlYaml('v3.31.3'))
    expect(evidence.artifact('ipam.manifest.calicoctl')?.path).toBe('artifacts/calicoctl.yaml')
    expect(evidence.versions()).toMatchObject({ calico: 'v3.31.3', calicoctl: 'v3.31.3' })
    expect(result.results.map((r) => [r.check, r.status])).toEqual([['ipam.calicoctl-works', 'PASS']])
    expect(evidence.commands().every((c) => !c.argv.includes('--allow-version-mismatch'))).toBe(true)
  })

  it('second run: reuses the Ready pod with the same spec hash and writes nothing', async () => {
    const { result, evidence } = await runScripted(
      [calicoctlStep],
      [
        {
          argv: getClusterInfo,
          respond: { stdout: clusterInfo('v3.31.3') },
        },
        { argv: getPod, respond: { stdout: calicoctlPodJson('v3.31.3') } },
        { argv: ccVersion(), respond: { stdout: versionOut('v3.31.3', 'v3.31.3') } },
      ],
      { assertDone: true },
    )
    expect(result.steps[0]?.status).toBe('unchanged')
    expect(evidence.commands().filter((c) => c.write)).toEqual([])
  })

  it('replaces a pod built for another Calico version: delete, apply, wait through ContainerCreating', async () => {
    const { result } = await runScripted(
      [calicoctlStep],
      [
        {
          argv: getClusterInfo,
          respond: { stdout: clusterInfo('v3.30.3') },
        },
        { argv: getPod, respond: { stdout: calicoctlPodJson('v3.31.3') } },
        {
          argv: k('-n', 'kube-system', 'delete', 'pod', 'calicoctl', '--wait=true'),
          respond: { stdout: 'pod "calicoctl" deleted\n' },
        },
        {
          argv: k('apply', '-f', '-'),
          stdin: (s) => Boolean(s?.includes('image: quay.io/calico/ctl:v3.30.3')),
          respond: { stdout: 'pod/calicoctl created\n' },
        },
        { argv: getPod, respond: { stdout: calicoctlPodJson('v3.30.3', { ready: false }) } },
        { argv: getPod, respond: { stdout: calicoctlPodJson('v3.30.3') } },
        { argv: ccVersion(), respond: { stdout: versionOut('v3.30.3', 'v3.30.3') } },
      ],
      { assertDone: true },
    )
    expect(result.steps[0]?.status).toBe('changed')
  }, 10_000)

  it('unreadable Calico version: falls back to the pinned tag, warns, and adds --allow-version-mismatch to calicoctl', async () => {
    const { result, evidence } = await runScripted(
      [calicoctlStep],
      [
        {
          argv: getClusterInfo,
          respond: {
            exitCode: 1,
            stderr:
              'Error from server (NotFound): clusterinformations.crd.projectcalico.org "default" not found\n',
          },
        },
        { argv: getPod, respond: notFound },
        {
          argv: k('apply', '-f', '-'),
          stdin: renderCalicoctlYaml('v3.31.3'),
          respond: { stdout: 'pod/calicoctl created\n' },
        },
        { argv: getPod, respond: { stdout: calicoctlPodJson('v3.31.3') } },
        { argv: ccVersion(true), respond: { stdout: versionOut('v3.31.3', 'v3.29.1') } },
      ],
      { assertDone: true },
    )
    expect(result.steps[0]?.status).toBe('changed')
    const notes = evidence.entries.filter((e) => e.type === 'note')
    expect(notes).toEqual([
      expect.objectContaining({
        level: 'warn',
        message: expect.stringContaining('--allow-version-mismatch'),
      }),
    ])
    expect(result.results[0]).toMatchObject({
      status: 'PASS',
      actual: expect.stringContaining('versions differ'),
    })
  })

  it('verify (collect only): judges the mode from `calicoctl version` and records it for the pools step', async () => {
    const { evidence } = await runScripted(
      [calicoctlStep],
      [{ argv: ccVersion(), respond: { stdout: versionOut('v3.31.3', 'v3.32.1') } }],
      { collectOnly: true, assertDone: true },
    )
    expect(evidence.observation('ipam.calicoctl')?.value).toEqual({
      calicoVersion: 'v3.32.1',
      allowMismatch: true,
      source: 'calicoctl-version',
    })
  })

  it('fails with a hint when calicoctl cannot reach the datastore', async () => {
    const { result } = await runScripted(
      [calicoctlStep],
      [
        {
          argv: ccVersion(),
          respond: {
            stdout:
              'Client Version:    v3.31.3\nGit commit:        9a4b1c2d\nUnable to detect installed Calico version\n',
          },
        },
      ],
      { collectOnly: true },
    )
    expect(result.results[0]).toMatchObject({
      status: 'FAIL',
      hint: expect.stringContaining('DATASTORE_TYPE=kubernetes'),
    })
  })

  it('decides reuse / replace / create from the spec hash and pod state', () => {
    const pod = (v: string, extra: Record<string, unknown> = {}) => ({
      ...JSON.parse(calicoctlPodJson(v)),
      ...extra,
    })
    const hash =
      (calicoctlObjects('v3.31.3')[3] as { metadata: { annotations: Record<string, string> } }).metadata
        .annotations['lab4.itmo/spec-hash'] ?? ''
    expect(podDecision(undefined, hash)).toBe('create')
    expect(podDecision(pod('v3.31.3'), hash)).toBe('reuse')
    expect(podDecision(pod('v3.30.3'), hash)).toBe('replace')
    expect(podDecision({ ...pod('v3.31.3'), metadata: { name: 'calicoctl' } }, hash)).toBe('replace')
    const failed = pod('v3.31.3')
    failed.status.phase = 'Failed'
    expect(podDecision(failed, hash)).toBe('replace')
  })

  it('plans without a cluster: every command, the wait and the manifest', () => {
    const items = calicoctlStep.plan({ profile: 'lab4', timeouts: { podReady: 600 } } as never)
    expect(items.map((i) => i.kind)).toEqual([
      'command',
      'command',
      'command',
      'command',
      'wait',
      'command',
      'manifest',
      'note',
    ])
    expect(items.find((i) => i.kind === 'manifest')).toMatchObject({ path: 'manifests/calicoctl.yaml' })
    const version = items.find((i) => i.kind === 'command' && i.when === 'collect')
    expect(version?.kind === 'command' && version.argv).toEqual([
      'kubectl',
      '--context',
      'lab4',
      'exec',
      '-i',
      '-n',
      'kube-system',
      'calicoctl',
      '--',
      'calicoctl',
      'version',
    ])
  })
})
