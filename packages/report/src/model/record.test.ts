// The report over a lab record of two runs: the hand-made good run, then a re-run that changed nothing or that
// failed at its first step. Acts keep the run that made them; a failed last run is said first.
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Journal, readRun, type JournalEntry } from '@lab4/core'
import { fixtureDir } from '../testing/fixtures.ts'
import { loadRun } from '../shell/load.ts'
import { buildReportModel } from './model.ts'
import { renderMarkdown } from '../render/markdown.ts'
import { STEP_ORDER } from './record.ts'

const FIRST = '20251120-100000-a1b2'
const SECOND = '20251120-110000-b2c3'
const HOUR = 3600_000
const later = (iso: string) => new Date(Date.parse(iso) + HOUR).toISOString()

/** The good fixture run, then a second run (through the real writer) made of `entries`, in one runs dir. */
function record(second: (entries: readonly JournalEntry[]) => JournalEntry[]): string {
  const runs = mkdtempSync(join(tmpdir(), 'lab4-report-record-'))
  cpSync(fixtureDir('run-good'), join(runs, FIRST), { recursive: true })
  cpSync(fixtureDir('run-good'), join(runs, SECOND), { recursive: true })
  const entries = second(readRun(fixtureDir('run-good')).entries)
  writeFileSync(join(runs, SECOND, 'journal.ndjson'), '')
  const j = new Journal(join(runs, SECOND), { append: true })
  for (const e of entries) j.write(e)
  j.close()
  return runs
}

/** The same lab seen again an hour later: every read repeated, no write command, every step unchanged. */
const unchanged = (entries: readonly JournalEntry[]): JournalEntry[] =>
  entries
    .filter((e) => !(e.type === 'command' && e.write))
    .map((e): JournalEntry => {
      if (e.type === 'header') return { ...e, runId: SECOND, startedAt: later(e.startedAt) }
      if (e.type === 'command') return { ...e, startedAt: later(e.startedAt) }
      if (e.type === 'step-end')
        return { ...e, at: later(e.at), status: e.status === 'changed' ? 'unchanged' : e.status }
      return 'at' in e ? ({ ...e, at: later(e.at) } as JournalEntry) : e
    })

/** A re-run refused at cluster.profile (the profile no longer matches the config), as the engine records it. */
const refused = (entries: readonly JournalEntry[]): JournalEntry[] => {
  const header = entries[0]
  if (header?.type !== 'header') throw new Error('fixture has no header')
  const t = later(header.startedAt)
  return [
    { ...header, runId: SECOND, startedAt: t },
    { type: 'step-start', at: t, step: 'cluster.profile', title: 'minikube profile with 2 nodes and Calico' },
    {
      type: 'step-end',
      at: t,
      step: 'cluster.profile',
      status: 'failed',
      durationMs: 900,
      waitedMs: 0,
      error:
        'minikube profile lab4 does not match lab.config.yaml: profile lab4 has 1 node, the config wants 2. Run `pnpm lab --recreate` to replace it\n  hint: This tool never adds or removes nodes. Run `pnpm lab --recreate` to delete profile lab4 and create it as configured.',
    },
    { type: 'end', at: t, exitCode: 1, outcome: 'error' },
  ]
}

const modelOf = (runs: string) => {
  const l = loadRun(runs)
  return buildReportModel(l.run, l.config, l.texts)
}

describe('the report of a fresh run and an unchanged re-run', () => {
  const m = modelOf(record(unchanged))
  it('shows each act with the run that made it, and the state from the re-run', () => {
    const start = m.sections.cluster.commands.find((c) => c.key === 'cluster.start')
    expect(start).toMatchObject({ run: FIRST, at: '2025-11-20 10:00:00 UTC' })
    expect(m.sections.labels.commands.filter((c) => c.key === 'cluster.label').map((c) => c.run)).toEqual([
      FIRST,
      FIRST,
    ])
    expect(m.sections.cluster.commands.find((c) => c.key === 'cluster.nodes.wide')?.run).toBe(SECOND)
    expect(m.sections.ipam.origins.find((o) => o.step === 'ipam.pools')).toMatchObject({
      observed: { run: SECOND, completed: true },
      acts: [{ run: FIRST, at: '2025-11-20 10:02:36 UTC' }],
    })
    expect(m.record.many).toBe(true)
    expect(m.record.runs.map((r) => [r.id, r.changed.length > 0])).toEqual([
      [FIRST, true],
      [SECOND, false],
    ])
    expect(m.banner).toBeUndefined()
  })

  it('says in the markdown where each section comes from, in both languages', () => {
    const en = renderMarkdown(m, 'en')
    expect(en).toContain(
      `_\`cluster.labels\`: state observed in run \`${SECOND}\` at 2025-11-20 11:02:34 UTC; the changes were made in run \`${FIRST}\` at 2025-11-20 10:02:33 UTC._`,
    )
    expect(en).toMatch(new RegExp(`\\$ minikube start [^\\n]*\\n[\\s\\S]*?<sub>run \`${FIRST}\``))
    expect(en).toContain(`This report is built from the lab record: 2 runs: \`${FIRST}\``)
    const ru = renderMarkdown(m, 'ru')
    expect(ru).toContain(`изменения внесены в прогоне \`${FIRST}\``)
    expect(ru).toContain('Отчёт собран из записи работы: 2 прогона')
  })
})

describe('the report when the last run failed', () => {
  const m = modelOf(record(refused))
  it('opens with the failed step, its error and hint and what was not reached', () => {
    expect(m.banner).toMatchObject({
      runId: SECOND,
      outcome: 'error',
      step: 'cluster.profile',
      error: [
        'minikube profile lab4 does not match lab.config.yaml: profile lab4 has 1 node, the config wants 2. Run `pnpm lab --recreate` to replace it',
      ],
      hint: expect.stringMatching(/^This tool never adds or removes nodes/),
      stepFailed: true,
      notReached: STEP_ORDER.slice(1),
      earlier: true,
    })
    const en = renderMarkdown(m, 'en')
    const opening = en.slice(0, en.indexOf('## Goal'))
    expect(opening).toContain(`**The last run failed at step \`cluster.profile\`** (run \`${SECOND}\``)
    expect(opening).toContain('What to do: This tool never adds or removes nodes.')
    expect(opening).toContain('Not reached in that run: `cluster.ready`')
  })

  it('counts the step as failed and never says that all passed', () => {
    const good = loadRun(fixtureDir('run-good'))
    const alone = buildReportModel(good.run, good.config, good.texts)
    expect(m.summary.failed).toBe(alone.summary.failed + 1)
    const en = renderMarkdown(m, 'en')
    const ru = renderMarkdown(m, 'ru')
    expect(en).not.toMatch(/all passed|No findings/i)
    expect(ru).not.toMatch(/Замечаний нет|все [^.\n]*пройден/)
    expect(en).toContain(`| ❌ FAIL | the last run (\`${SECOND}\`) did not finish step \`cluster.profile\` |`)
    expect(ru).toContain(`последний прогон (\`${SECOND}\`) не завершил шаг \`cluster.profile\``)
    // The earlier run still stands for the state: its minikube start is shown, with its run.
    expect(m.sections.cluster.commands.find((c) => c.key === 'cluster.start')?.run).toBe(FIRST)
  })
})

describe('one pinned run', () => {
  it('keeps its own ids and says nothing about a record', () => {
    const l = loadRun(fixtureDir('run-good'))
    const m = buildReportModel(l.run, l.config, l.texts)
    expect(m.record.many).toBe(false)
    expect(m.sections.cluster.commands[0]?.id).toMatch(/^e\d{4}$/)
    expect(readFileSync(join(fixtureDir('run-good'), 'journal.ndjson'), 'utf8')).toContain('lab4.journal/v1')
  })
})
