// `pnpm lab down` leaves a run of its own: the delete is a command like any other, and the lab record
// reader needs to know that the cluster is gone (the next run starts a new record).
import { join } from 'node:path'
import { mkdirSync } from 'node:fs'
import { arch, platform } from 'node:os'
import type { Command, Result } from '../command.ts'
import { isWriteCommand } from '../command.ts'
import { JOURNAL_SCHEMA } from '../journal/schema.ts'
import { Journal, newRunId } from '../journal/writer.ts'
import { TOOL } from '../tool.ts'

export type DownRecord = {
  readonly runsDir: string
  readonly profile: string
  readonly configFile: string
  readonly configHash: string
  readonly simulated: boolean
  readonly argv: readonly string[]
  readonly command: Command
  readonly result: Result
}

/** Write the run of one `pnpm lab down`; `latest` keeps pointing at the last lab run. Returns its directory. */
export function recordDown(o: DownRecord): string {
  mkdirSync(o.runsDir, { recursive: true })
  const runId = newRunId()
  const dir = join(o.runsDir, runId)
  const journal = new Journal(dir)
  journal.write({
    type: 'header',
    schema: JOURNAL_SCHEMA,
    runId,
    startedAt: o.result.startedAt,
    tool: TOOL,
    configHash: o.configHash,
    configFile: o.configFile,
    simulated: o.simulated,
    mode: 'down',
    profile: o.profile,
    platform: { os: platform(), arch: arch(), node: process.version },
    argv: [...o.argv],
  })
  journal.write({
    type: 'command',
    id: journal.nextId(),
    step: 'lab.down',
    ...(o.command.key ? { key: o.command.key } : {}),
    argv: [...o.command.argv],
    stdout: o.result.stdout,
    stderr: o.result.stderr,
    exitCode: o.result.exitCode,
    ...(o.result.signal ? { signal: o.result.signal } : {}),
    startedAt: o.result.startedAt,
    durationMs: o.result.durationMs,
    write: isWriteCommand(o.command.argv),
  })
  const ok = o.result.exitCode === 0
  journal.write({
    type: 'end',
    at: new Date().toISOString(),
    exitCode: ok ? 0 : 1,
    outcome: ok ? 'passed' : 'error',
  })
  journal.close()
  return dir
}
