import { describe, expect, it } from 'vitest'
import { JournalEntry } from '../journal/schema.ts'
import { EvidenceBuilder, evidenceOf, evidenceWith, k, labNodes, list } from './index.ts'

describe('evidence builder', () => {
  it('makes a header and commands with ids in order, later entries one second apart, all schema-valid', () => {
    const ev = evidenceOf(
      { key: 'cluster.nodes.json', stdout: list(labNodes()) },
      { key: 'cluster.nodes.json', stdout: 'again' },
    )
    expect(ev.header).toMatchObject({ type: 'header', profile: 'lab4', simulated: false })
    expect(ev.commands().map((c) => [c.id, c.key, c.exitCode, c.write])).toEqual([
      ['e0001', 'cluster.nodes.json', 0, false],
      ['e0002', 'cluster.nodes.json', 0, false],
    ])
    expect(ev.command('cluster.nodes.json')?.stdout).toBe('again')
    const [a, b] = ev.commands()
    expect(Date.parse(b?.startedAt ?? '') - Date.parse(a?.startedAt ?? '')).toBe(1000)
    for (const e of ev.entries) expect(JournalEntry.safeParse(e).success).toBe(true)
  })

  it('observations and artifacts point at the entries they came from', () => {
    const b = new EvidenceBuilder({ step: 'app.browser' })
    const pf = b.command('app.portforward', 'Forwarding from 127.0.0.1:3000 -> 3000\n', {
      argv: k('port-forward', 'service/frontend', '3000:3000'),
      long: true,
      exitCode: null,
    })
    const page = b.observe('app.page', { name: 'frontend-a' }, [pf])
    const shot = b.artifact('app.screenshot', { evidence: [pf] })
    const ev = b.build()
    expect(ev.observation<{ name: string }>('app.page')).toMatchObject({
      id: page,
      step: 'app.browser',
      value: { name: 'frontend-a' },
      evidence: [pf],
    })
    expect(ev.artifact('app.screenshot')).toMatchObject({ id: shot, mediaType: 'image/png', evidence: [pf] })
    expect(ev.byId(pf)).toMatchObject({ exitCode: null, long: true })
  })

  it('a write command is marked as one, and a simulated run says so', () => {
    const ev = evidenceWith(
      { simulated: true },
      { key: 'cluster.label', argv: k('label', 'node', 'lab4', 'zone=east', '--overwrite') },
      { type: 'observation', key: 'x', value: 1 },
    )
    expect(ev.simulated).toBe(true)
    expect(ev.commands()[0]?.write).toBe(true)
    expect(evidenceWith({ header: false }, { key: 'a' }).header).toBeUndefined()
  })

  it('refuses an entry the journal writer would refuse', () => {
    expect(() => new EvidenceBuilder().command('a', '', { durationMs: Number.NaN })).toThrow()
  })
})
