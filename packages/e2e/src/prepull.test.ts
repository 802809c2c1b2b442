// The frontend image is pulled while Calico comes up, on the host network (no pod IP), and cleaned up; a pull the
// machine cannot make is said at once and graded NOT-GRADABLE (environment).
import { beforeAll, describe, expect, it } from 'vitest'
import { join } from 'node:path'
import { ipInCidr, parseItems, type RunRecord, type V1Node, type V1Pod } from '@lab4/core'
import { readWorld } from '@lab4/sim'
import { cli, commands, latest, sandbox, stepEnds, verdictOf, type Sandbox } from './harness.ts'

const PREPULL_LABEL = 'app.kubernetes.io/name'
const at = (iso: string) => Date.parse(iso)

let box: Sandbox
let record: RunRecord
beforeAll(async () => {
  box = sandbox('prepull')
  const r = await cli('lab', ['--simulate'], box)
  expect(r.code, r.stdout + r.stderr).toBe(0)
  record = latest(box)
}, 900_000) // a whole lab: minutes when the machine is busy

const command = (key: string) => commands(record).filter((c) => c.key === key)
const stepEnd = (step: string) => stepEnds(record).find((e) => e.step === step)

describe('the pre-pull of a fresh simulated lab', () => {
  it('starts pulling before ipam.pools finishes: right after the nodes are Ready, before the Calico wait ends', () => {
    const apply = command('cluster.prepull.apply')[0]
    expect(apply?.exitCode).toBe(0)
    const applied = at(apply?.startedAt ?? '')
    const poolsEnd = stepEnd('ipam.pools')
    expect(applied).toBeLessThan(at(poolsEnd?.at ?? ''))
    // Inside cluster.ready, after the poll that saw both nodes Ready and before the first calico-node poll.
    expect(apply?.step).toBe('cluster.ready')
    const nodesPolls = command('cluster.nodes.json').filter((c) => at(c.startedAt) < applied)
    const nodes = parseItems<V1Node>(nodesPolls.at(-1)?.stdout ?? '{}')
    expect(nodes.map((n) => n.status?.conditions?.find((c) => c.type === 'Ready')?.status)).toEqual([
      'True',
      'True',
    ])
    const calicoPolls = command('cluster.calico-ds.json')
    expect(applied).toBeLessThan(at(calicoPolls[0]?.startedAt ?? ''))
    // The image was on both nodes before the IPAM steps began: cluster.prepull found nothing left to wait for.
    expect(verdictOf(record, 'cluster.frontend-image-pulled')?.status).toBe('PASS')
    const calicoctlStart = record.entries.find((e) => e.type === 'step-start' && e.step === 'ipam.calicoctl')
    const pulled = command('cluster.prepull.nodes.json').find((c) =>
      c.stdout.includes('ifilyaninitmo/itdt-contained-frontend:master'),
    )
    expect(at(pulled?.startedAt ?? '')).toBeLessThan(
      at(calicoctlStart?.type === 'step-start' ? calicoctlStart.at : ''),
    )
  })

  it('never got a pod IP from the default pool: every recorded pre-pull pod has its node address', () => {
    const before = command('ipam.pools.before.json')[0]?.stdout ?? ''
    const defaultPool = parseItems<{ metadata?: { name?: string }; spec?: { cidr?: string } }>(before).find(
      (p) => p.metadata?.name === 'default-ipv4-ippool',
    )
    expect(defaultPool?.spec?.cidr).toBe('10.244.0.0/16')
    // Every pod list the run recorded (cluster.ready's kube-system polls included), as long as the pods lived.
    const seen = commands(record)
      .filter(
        (c) => c.exitCode === 0 && c.stdout.includes('lab4-prepull') && c.stdout.trimStart().startsWith('{'),
      )
      .flatMap((c) => parseItems<V1Pod>(c.stdout))
      .filter((p) => p.kind === 'Pod' && p.metadata?.labels?.[PREPULL_LABEL] === 'lab4-prepull')
    const withIp = seen.filter((p) => p.status?.podIP)
    expect(withIp.length).toBeGreaterThanOrEqual(2)
    for (const p of withIp) {
      expect(p.spec?.hostNetwork).toBe(true)
      expect(p.status?.podIP).toBe(p.status?.hostIP)
      expect(ipInCidr(p.status?.podIP ?? '', defaultPool?.spec?.cidr ?? '')).toBe(false)
    }
    // Calico's IPAM agrees: no block ever held an address for a pre-pull pod (the world's own allocations).
    const world = readWorld(join(box.simDir, 'lab4'))
    const handles = world?.clusters.lab4?.blocks.flatMap((b) => Object.values(b.allocations)) ?? []
    expect(handles.length).toBeGreaterThan(0)
    expect(handles.filter((h) => h.includes('prepull'))).toEqual([])
  })

  it('cleans up: the DaemonSet is deleted and the simulated cluster has none left', () => {
    expect(command('cluster.prepull.delete').map((c) => c.exitCode)).toEqual([0])
    const world = readWorld(join(box.simDir, 'lab4'))
    expect((world?.clusters.lab4?.daemonSets ?? []).map((d) => d.meta.name)).not.toContain('lab4-prepull')
  })
})

describe('a pull the machine cannot make (fault image-pull-backoff)', () => {
  it('is said during the Calico wait, stops the run before the IPAM steps, and is NOT-GRADABLE (environment)', async () => {
    const failing = sandbox('prepull-offline')
    const r = await cli('lab', ['--simulate', '--faults', 'image-pull-backoff'], failing)
    expect(r.code, r.stdout).toBe(1)
    const rec = latest(failing)
    const warn = rec.entries.find(
      (e) => e.type === 'note' && e.level === 'warn' && e.message.includes('cannot be pulled'),
    )
    expect(warn?.type === 'note' && warn.step).toBe('cluster.ready')
    expect(r.stdout).toMatch(/cluster\.ready: .*cannot be pulled: lab4: ErrImagePull/)
    const v = verdictOf(rec, 'cluster.frontend-image-pulled')
    expect(v).toMatchObject({ status: 'NOT-GRADABLE', cause: 'environment' })
    expect(v?.hint).toContain("the machine's network, not your lab")
    expect(rec.entries.some((e) => e.type === 'step-start' && e.step.startsWith('ipam.'))).toBe(false)
    // Cleaned up here too.
    expect(
      commands(rec)
        .filter((c) => c.key === 'cluster.prepull.delete')
        .map((c) => c.exitCode),
    ).toEqual([0])
  }, 900_000)
})
