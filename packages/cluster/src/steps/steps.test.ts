import { describe, expect, it } from 'vitest'
import { isWriteCommand } from '@lab4/core'
import { LAB_ZONES, runScripted, stepContext } from '@lab4/core/testing'
import { clusterSteps } from './index.ts'
import { profileStep } from './profile-step.ts'
import * as s from '../testing/script.ts'
import { firstRun, secondRun } from '../testing/script.ts'
import { prepullCollect } from '../testing/prepull.ts'

describe('cluster steps on a fake cluster', () => {
  it('first run on an absent profile: creates it, labels both nodes, every check passes', async () => {
    const { result, commands, evidence } = await runScripted(clusterSteps, firstRun(), { assertDone: true })
    expect(result.steps).toEqual([
      { id: 'cluster.profile', status: 'changed' },
      { id: 'cluster.ready', status: 'unchanged' },
      { id: 'cluster.labels', status: 'changed' },
      { id: 'cluster.prepull', status: 'changed' },
    ])
    expect(result.results.map((r) => [r.check, r.status])).toEqual([
      ['cluster.two-nodes-ready', 'PASS'],
      ['cluster.calico-node-ready', 'PASS'],
      ['cluster.cni-is-calico', 'PASS'],
      ['cluster.zone-labels', 'PASS'],
      ['cluster.zone-unique', 'PASS'],
      ['cluster.frontend-image-pulled', 'PASS'],
    ])
    expect(result.exitCode).toBe(0)
    expect(commands.filter((c) => c.write).map((c) => [c.key, c.argv.join(' ')])).toEqual([
      ['cluster.start', s.START.join(' ')],
      ['cluster.prepull.apply', 'kubectl --context lab4 apply -f -'],
      ['cluster.label', 'kubectl --context lab4 label node lab4 zone=east --overwrite'],
      ['cluster.label', 'kubectl --context lab4 label node lab4-m02 zone=west --overwrite'],
      ['cluster.prepull.delete', 'kubectl --context lab4 -n kube-system delete daemonset lab4-prepull'],
    ])
    expect(evidence.command('cluster.start')?.stdout).toContain(
      'Configuring Calico (Container Networking Interface)',
    )
    expect(evidence.versions()).toEqual({
      minikube: 'v1.34.0',
      kubernetes: 'v1.31.0',
      kubectl: 'v1.31.0',
      driver: 'docker',
      calico: 'v3.28.1',
      images: { 'calico-node': 'docker.io/calico/node:v3.28.1' },
    })
  })

  it('every contract key of cluster.* is recorded, each output under its key', async () => {
    const { evidence } = await runScripted(clusterSteps, firstRun())
    const keys = [
      'cluster.profile-list',
      'cluster.status',
      'cluster.start',
      'cluster.minikube-version',
      'cluster.kubectl-version',
      'cluster.nodes.json',
      'cluster.calico-ds.json',
      'cluster.kube-system.json',
      'cluster.daemonsets.json',
      'cluster.clusterinformation',
      'cluster.nodes.wide',
      'cluster.calico-pods.wide',
      'cluster.kube-system.table',
      'cluster.label',
      'cluster.nodes.labels',
      'cluster.prepull.nodes.json',
      'cluster.prepull.pods.json',
      'cluster.prepull.apply',
      'cluster.prepull.delete',
    ]
    expect(keys.filter((key) => evidence.command(key) === undefined)).toEqual([])
    expect(evidence.command('cluster.status')?.exitCode).toBe(0) // the last status is the one after start, not the exit 85
  })

  it('second run on the matching running profile: every step unchanged, no write command, no kubectl label', async () => {
    const { result, commands } = await runScripted(clusterSteps, secondRun(), { assertDone: true })
    expect(result.steps.map((x) => x.status)).toEqual(['unchanged', 'unchanged', 'unchanged', 'unchanged'])
    expect(commands.filter((c) => c.write || isWriteCommand(c.argv))).toEqual([])
    expect(commands.some((c) => c.argv.includes('label'))).toBe(false)
    expect(result.results.every((r) => r.status === 'PASS')).toBe(true)
  })

  it('refuses a 1-node profile with a message naming the node count and offering --recreate', async () => {
    const { result, commands, record } = await runScripted([profileStep], s.runningProfile(1), {
      assertDone: true,
    })
    expect(result.steps).toEqual([{ id: 'cluster.profile', status: 'failed' }])
    expect(result.exitCode).not.toBe(0)
    expect(commands.some((c) => c.write)).toBe(false)
    const end = record.entries.find((e) => e.type === 'step-end')
    expect(end?.type === 'step-end' && end.error?.split('\n')[0]).toBe(
      'minikube profile lab4 does not match lab.config.yaml: profile lab4 has 1 node, the config wants 2. Run `pnpm lab --recreate` to replace it',
    )
  })

  it('the refusal is a LabError with exit code 2 and a --recreate hint', async () => {
    const { ctx } = stepContext(s.runningProfile(1))
    await expect(profileStep.run(ctx)).rejects.toMatchObject({
      name: 'LabError',
      exitCode: 2,
      hint: expect.stringContaining('pnpm lab --recreate'),
    })
  })

  it('starts a stopped profile with the create argv', async () => {
    const { result, commands } = await runScripted(
      [profileStep],
      [...s.stoppedProfile(), ...s.start(), ...s.profileCollect()],
      { assertDone: true },
    )
    expect(result.steps[0]?.status).toBe('changed')
    expect(commands.find((c) => c.key === 'cluster.start')?.argv).toEqual(s.START)
  })

  it('--recreate deletes the profile, then creates it', async () => {
    const script = [
      ...s.runningProfile(1),
      {
        argv: ['minikube', 'delete', '-p', 'lab4'],
        respond: {
          stdout: '🔥  Deleting "lab4" in docker ...\n💀  Removed all traces of the "lab4" cluster.\n',
        },
      },
      ...s.start(),
      ...s.profileCollect(),
    ]
    const { result, commands } = await runScripted([profileStep], script, {
      flags: { recreate: true },
      assertDone: true,
    })
    expect(result.steps[0]?.status).toBe('changed')
    expect(commands.filter((c) => c.write).map((c) => c.key)).toEqual(['cluster.delete', 'cluster.start'])
  })

  it('a failing minikube start stops the step with the command and its error', async () => {
    const script = [
      ...s.absentProfile(),
      {
        argv: s.START,
        respond: { exitCode: 80, stderr: '❌  Exiting due to GUEST_PROVISION: error provisioning guest\n' },
      },
    ]
    const { result, record } = await runScripted([profileStep], script)
    expect(result.steps[0]?.status).toBe('failed')
    const end = record.entries.find((e) => e.type === 'step-end')
    expect(end?.type === 'step-end' && end.error).toMatch(
      /^`minikube start -p lab4 .*` exited 80: ❌ {2}Exiting due to GUEST_PROVISION/,
    )
  })

  it('collect-only (pnpm verify) records evidence without any write', async () => {
    const script = [
      ...s.profileCollect(),
      ...s.readyCollect(LAB_ZONES),
      ...s.labelsCollect(),
      ...prepullCollect(),
    ]
    const { result, commands } = await runScripted(clusterSteps, script, {
      collectOnly: true,
      assertDone: true,
    })
    expect(commands.some((c) => c.write)).toBe(false)
    expect(result.results.every((r) => r.status === 'PASS')).toBe(true)
  })
})
