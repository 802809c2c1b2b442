import { describe, expect, it } from 'vitest'
import { parseItems } from '@lab4/core'
import type { V1Pod } from '@lab4/core'
import { k, labConfig, list, runScripted, say } from '@lab4/core/testing'
import { prepullStep } from './prepull-step.ts'
import { readyStep } from './ready-step.ts'
import { KEY } from '../contract.ts'
import * as s from '../testing/script.ts'
import {
  IMAGE,
  noPods,
  nodesFresh,
  nodesPulled,
  prepullApply,
  prepullCollect,
  prepullDelete,
  prepullNodes,
  prepullPods,
  prepullPodsSay,
} from '../testing/prepull.ts'

const check = (r: Awaited<ReturnType<typeof runScripted>>) =>
  r.result.results.find((x) => x.check === 'cluster.frontend-image-pulled')

describe('cluster.prepull', () => {
  it('removes a DaemonSet a killed run left behind once every node has the image', async () => {
    const r = await runScripted(
      [prepullStep],
      [
        prepullNodes(nodesPulled()),
        prepullPodsSay(prepullPods('running')),
        prepullDelete(),
        ...prepullCollect(),
      ],
      { assertDone: true },
    )
    expect(r.result.steps).toEqual([{ id: 'cluster.prepull', status: 'changed' }])
    expect(check(r)?.status).toBe('PASS')
  })

  it('starts the pull itself when cluster.ready did not (a run from this step on), waits, and cleans up', async () => {
    const r = await runScripted(
      [prepullStep],
      [
        prepullNodes(nodesFresh()),
        prepullPodsSay(noPods()),
        prepullApply(),
        prepullNodes(nodesPulled()),
        prepullPodsSay(prepullPods('running')),
        prepullDelete(),
        ...prepullCollect(),
      ],
      { assertDone: true },
    )
    expect(r.commands.filter((c) => c.write).map((c) => c.key)).toEqual([KEY.prepullApply, KEY.prepullDelete])
    expect(r.evidence.observation(KEY.prepullResult)?.value).toEqual({
      image: IMAGE,
      nodes: [
        { node: 'lab4', had: false, hasImage: true },
        { node: 'lab4-m02', had: false, hasImage: true },
      ],
      failed: [],
    })
    expect(check(r)?.status).toBe('PASS')
  })

  it('stops waiting at the first node that cannot pull, cleans up, says why, and is NOT-GRADABLE (environment)', async () => {
    const failing = prepullPods({ lab4: 'running', 'lab4-m02': 'failed' })
    const r = await runScripted(
      [prepullStep],
      [
        prepullNodes(nodesFresh()),
        prepullPodsSay(prepullPods('pulling')),
        prepullNodes(nodesFresh()),
        prepullPodsSay(failing),
        prepullDelete(),
        prepullNodes(nodesFresh()),
        prepullPodsSay(noPods()),
      ],
      { assertDone: true, keepGoing: false },
    )
    expect(r.result.exitCode).toBe(1)
    expect(check(r)).toMatchObject({ status: 'NOT-GRADABLE', cause: 'environment' })
    const notes = r.entries.filter((e) => e.type === 'note' && e.level === 'warn')
    expect(notes.map((n) => (n.type === 'note' ? n.message : ''))).toEqual([
      expect.stringMatching(
        /^ifilyaninitmo\/itdt-contained-frontend:master cannot be pulled: lab4-m02: ErrImagePull/,
      ),
    ])
    expect(r.output).toContain('cannot be pulled')
  })

  it('times out naming what each node was doing, cleans up anyway, and the check says it was still pulling', async () => {
    const pulling = prepullPods({ lab4: 'running', 'lab4-m02': 'pulling' })
    const r = await runScripted(
      [prepullStep],
      [
        // The step's first look, then the wait's two polls: at once, and when the second is up.
        ...[1, 2, 3].flatMap(() => [prepullNodes(nodesFresh()), prepullPodsSay(pulling)]),
        prepullDelete(),
      ],
      { assertDone: true, config: labConfig('timeouts: { podReady: 1 }') },
    )
    expect(r.result.steps).toEqual([{ id: 'cluster.prepull', status: 'failed' }])
    const end = r.entries.find((e) => e.type === 'step-end')
    expect(end?.type === 'step-end' && end.error).toMatch(
      /^Timed out after 1s waiting for ifilyaninitmo\/itdt-contained-frontend:master on every node; last seen: lab4 lab4-prepull-x7k2p Running; lab4-m02 lab4-prepull-q9tzd ContainerCreating/,
    )
    expect(check(r)?.hint).toMatch(/^Still pulling when the wait ended/)
  })
})

describe('cluster.ready starts the pull', () => {
  it('applies the DaemonSet right after the nodes are Ready, before the Calico wait', async () => {
    const r = await runScripted([readyStep], [...s.readyRun({}, { pulled: false }), ...s.readyCollect()], {
      assertDone: true,
    })
    const keys = r.commands.map((c) => c.key)
    expect(keys.slice(0, 3)).toEqual([KEY.nodesJson, KEY.prepullApply, KEY.calicoDs])
    expect(r.evidence.command(KEY.prepullApply)?.stdin).toContain('hostNetwork: true')
  })

  it('applies nothing when every node already has the image (an idempotent re-run)', async () => {
    const r = await runScripted([readyStep], [...s.readyRun(), ...s.readyCollect()], { assertDone: true })
    expect(r.commands.some((c) => c.key === KEY.prepullApply)).toBe(false)
  })

  it('says a failed pull during the Calico wait, as soon as a kube-system poll shows it', async () => {
    const system = parseItems<V1Pod>(s.kubeSystem())
    const withFailed = list([...system, ...parseItems<V1Pod>(prepullPods('failed'))])
    const script = [
      say(k('get', 'nodes', '-o', 'json'), nodesFresh({})),
      prepullApply(),
      say(k('-n', 'kube-system', 'get', 'daemonset', 'calico-node', '-o', 'json'), s.calicoDs()),
      say(k('-n', 'kube-system', 'get', 'pods', '-o', 'json'), withFailed),
      say(k('-n', 'kube-system', 'get', 'pods', '-o', 'json'), withFailed),
      ...s.readyCollect(),
    ]
    const r = await runScripted([readyStep], script, { assertDone: true })
    const note = r.entries.find((e) => e.type === 'note' && e.level === 'warn')
    expect(note?.type === 'note' && note.message).toMatch(
      /cannot be pulled: lab4: ErrImagePull .*; lab4-m02: ErrImagePull .*the run stops at cluster\.prepull, before the IPAM steps/,
    )
    // Said once, while cluster.ready still ran: before its step-end.
    const noteAt = note ? r.entries.indexOf(note) : -1
    const endAt = r.entries.findIndex((e) => e.type === 'step-end')
    expect(noteAt).toBeGreaterThan(0)
    expect(noteAt).toBeLessThan(endAt)
    expect(r.entries.filter((e) => e.type === 'note' && e.level === 'warn')).toHaveLength(1)
  })
})
