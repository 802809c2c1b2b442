// Test helper: an Evidence built from hand-made journal entries, as checks see a recorded run.
import { Evidence, type CommandEntry, type JournalEntry } from '@lab4/core'
import { STEP } from '../contract.ts'

export type Recorded = {
  key: string
  stdout?: string
  stderr?: string
  exitCode?: number
  argv?: string[]
  step?: string
}

export function evidenceOf(...recorded: Recorded[]): Evidence {
  const header: JournalEntry = {
    type: 'header',
    schema: 'lab4.journal/v1',
    runId: 'test',
    startedAt: '2026-03-01T10:00:00Z',
    tool: { name: 'lab4', version: '0.1.0' },
    configHash: 'test',
    configFile: 'lab.config.yaml',
    simulated: false,
    mode: 'lab',
    profile: 'lab4',
    platform: { os: 'linux', arch: 'x64', node: 'v20' },
    argv: [],
  }
  const commands = recorded.map((r, i): CommandEntry => ({
    type: 'command',
    id: `e${String(i + 2).padStart(4, '0')}`,
    step: r.step ?? STEP.pools,
    key: r.key,
    argv: r.argv ?? ['kubectl', '--context', 'lab4', '(test)'],
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    exitCode: r.exitCode ?? 0,
    startedAt: '2026-03-01T10:00:01Z',
    durationMs: 10,
    write: false,
  }))
  return new Evidence([header, ...commands])
}
