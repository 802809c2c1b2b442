import { describe, expect, it } from 'vitest'
import { selfChecking, type JournalEntry } from '@lab4/core'
import { buildReportModel, courseDate } from './model.ts'
import { fixtureRun } from '../testing/fixtures.ts'

const good = fixtureRun('run-good')
const fail = fixtureRun('run-fail')
const model = (l = good, entries: readonly JournalEntry[] = l.run.entries) =>
  buildReportModel({ header: l.run.header, entries }, l.config, l.texts)

describe('a record whose header says real', () => {
  const real = { ...good.run.header, simulated: false }
  const asReal = (entries: readonly JournalEntry[]) =>
    buildReportModel({ header: real, entries }, good.config, good.texts)
  it('is real when its outputs are real ones (the hand-made fixture holds real-format values only)', () => {
    expect(asReal(good.run.entries).simulated).toBe(false)
  })
  it('is simulated when an output carries a simulator fingerprint (a self-checking machine id)', () => {
    const id = selfChecking('0123456789abcdef0123456789abcdef', 12)
    const entries = good.run.entries.map((e) =>
      e.type === 'command' && e.argv.includes('nodes')
        ? { ...e, stdout: `${e.stdout}\nmachineID: ${id}\n` }
        : e,
    )
    expect(entries.some((e) => e.type === 'command' && e.stdout.includes(id))).toBe(true)
    expect(asReal(entries).simulated).toBe(true)
  })
})

describe('buildReportModel on the good fixture', () => {
  const m = model()
  it('fills the course header from config.student, dating it from the run', () => {
    expect(m.header).toMatchObject({
      group: 'K4112c',
      author: 'Ivanov Ivan Ivanovich',
      lab: 'Lab4',
      dateCreated: '20.11.2025',
      dateFinished: '-',
    })
    expect(m.simulated).toBe(true)
  })
  it('puts each pod against the pool of its node zone', () => {
    expect(m.pods.map((p) => [p.name, p.node, p.zone, p.ip, p.pool, p.inPool])).toEqual([
      ['frontend-7c9d8f6b54-jx2lq', 'lab4', 'east', '10.244.1.67', 'east-ippool', true],
      ['frontend-7c9d8f6b54-p8mzt', 'lab4-m02', 'west', '10.244.2.129', 'west-ippool', true],
      ['coredns-668d6bf9bc-w5x7n', 'lab4', 'east', '10.244.1.65', 'east-ippool', true],
    ])
    expect(m.zones.map((z) => [z.zone, z.nodes.map((n) => n.name), z.pools.map((p) => p.cidr)])).toEqual([
      ['east', ['lab4'], ['10.244.1.0/24']],
      ['west', ['lab4-m02'], ['10.244.2.0/24']],
    ])
    expect(m.poolsBefore?.map((p) => p.name)).toEqual(['default-ipv4-ippool'])
  })
  it('answers question 9 as pinned, with the other pod seen through its own forward', () => {
    expect(m.q9.state).toBe('pinned')
    expect(m.q9.servicePages).toHaveLength(4)
    expect(m.q9.servicePods).toEqual([{ name: 'frontend-7c9d8f6b54-jx2lq', ip: '10.244.1.67' }])
    expect(m.q9.otherPods).toEqual([{ name: 'frontend-7c9d8f6b54-p8mzt', ip: '10.244.2.129' }])
    expect(m.q9.envConstant).toBe(true)
  })
  it('builds one ping row per ping with ttl, loss and where the reply came from', () => {
    const rows = m.ping.map((r) => [
      r.from,
      r.kind,
      r.resolved,
      r.ttl,
      r.packets,
      r.lossPct,
      r.outcome,
      r.where,
    ])
    expect(rows).toContainEqual([
      'frontend-7c9d8f6b54-jx2lq',
      'endpoint',
      '10.244.2.129',
      62,
      '3/3',
      0,
      'replies',
      'other-node',
    ])
    expect(rows).toContainEqual([
      'frontend-7c9d8f6b54-p8mzt',
      'clusterip',
      '10.103.45.12',
      undefined,
      '3/0',
      100,
      'no-reply',
      'unknown',
    ])
    expect(m.ping).toHaveLength(6)
    expect(m.dns.every((d) => d.ok)).toBe(true)
  })
  it('reads an indented ping transcript (as pasted into a report) the same as a flush one', () => {
    const indented = good.run.entries.map((e) =>
      e.type === 'command' && e.key?.startsWith('app.ping.')
        ? { ...e, stdout: e.stdout.replace(/^/gm, '    ') }
        : e,
    )
    expect(model(good, indented).ping).toEqual(m.ping)
  })
  it('places verdicts beside their step, question 9 and CoreDNS in their own sections', () => {
    expect(m.sections.q9.verdicts.map((v) => v.check)).toEqual(['app.q9-pinning'])
    expect(m.sections.coredns.verdicts.map((v) => v.check)).toEqual(['app.coredns-pods-insecure'])
    expect(m.sections.browser.verdicts.map((v) => v.check)).toEqual(['app.page-values'])
    expect(m.sections.network.verdicts).toHaveLength(3)
    expect(m.summary.line).toBe('14 passed, 0 failed, 0 not gradable')
    expect(m.findings).toEqual([])
  })
  it('shows table outputs, not JSON, and marks the key ones as terminal images', () => {
    expect(m.sections.cluster.commands.map((c) => c.key)).toEqual([
      'cluster.start',
      'cluster.minikube-version',
      'cluster.nodes.wide',
      'cluster.calico-pods.wide',
      'cluster.kube-system.table',
    ])
    expect(m.terminals.map((t) => t.file)).toContain('term-cluster-nodes-wide.png')
    expect(m.terminals.map((t) => t.file)).toContain('term-app-ping-endpoint-frontend-7c9d8f6b54-jx2lq.png')
    expect(m.sections.ipam.commands.find((c) => c.key === 'ipam.pools.create')?.stdinManifest).toBe(
      'ippools.yaml',
    )
  })
  it('keeps every image version, not only the last versions line', () => {
    expect(m.versions.map((v) => v.name)).toEqual([
      'minikube',
      'kubernetes',
      'calico',
      'calicoctl',
      'kubectl',
      'driver',
      'image calicoctl',
      'image frontend',
    ])
  })
})

describe('buildReportModel on the failing fixture', () => {
  const m = model(fail)
  it('lists every non-PASS verdict as a finding with its hint', () => {
    expect(m.findings.map((f) => [f.status, f.check])).toEqual([
      ['FAIL', 'app.ping-neighbour-fqdn'],
      ['NOT-GRADABLE', 'app.coredns-pods-insecure'],
    ])
    expect(m.findings[0]?.hint).toMatch(/ready endpoint/)
    expect(m.summary).toMatchObject({ passed: 12, failed: 1, notGradable: 1 })
  })
  it('marks the unresolved ping as bad-address with the FAIL verdict that cites it', () => {
    const row = m.ping.find((r) => r.from === 'frontend-7c9d8f6b54-p8mzt' && r.kind === 'endpoint')
    expect(row).toMatchObject({ outcome: 'bad-address', verdict: 'FAIL', resolved: undefined, packets: '—' })
  })
})

describe('question 9 variants', () => {
  const pageObs = (e: JournalEntry, name: string, ip: string) =>
    e.type === 'observation' &&
    e.key === 'app.page' &&
    (e.value as { via: string }).via === 'service' &&
    (e.value as { reload: number }).reload >= 2
      ? { ...e, value: { ...(e.value as object), containerName: name, containerIp: ip } }
      : e
  it('reports switched pods, and the drop that explains it', () => {
    const entries = good.run.entries.map((e) => pageObs(e, 'frontend-7c9d8f6b54-p8mzt', '10.244.2.129'))
    const drop: JournalEntry = {
      type: 'observation',
      id: 'e9999',
      step: 'app.browser',
      key: 'app.port-forward.drop',
      at: '2025-11-20T10:05:00.000Z',
      value: { at: 'x', stderr: 'lost connection to pod' },
      evidence: [],
    }
    const m = model(good, [...entries, drop])
    expect(m.q9.state).toBe('switched')
    expect(m.q9.servicePods).toHaveLength(2)
    expect(m.q9.drops).toBe(1)
  })
  it('says it cannot answer when no page was recorded', () => {
    const m = model(
      good,
      good.run.entries.filter((e) => !(e.type === 'observation' && e.key === 'app.page')),
    )
    expect(m.q9.state).toBe('none')
    expect(m.q9.evidence).toEqual([])
  })
})

it('courseDate formats the UTC day of the run', () => {
  expect(courseDate('2025-01-02T23:59:59.000Z')).toBe('02.01.2025')
})
