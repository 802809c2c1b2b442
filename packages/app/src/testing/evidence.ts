// Test helper: build an Evidence from hand-made journal entries, the way a recorded run looks.
import { Evidence, type JournalEntry } from '@lab4/core'

export class EvidenceBuilder {
  private readonly entries: JournalEntry[] = []
  private seq = 0

  command(
    key: string,
    argv: string[],
    stdout: string,
    o: { exitCode?: number; stderr?: string; step?: string } = {},
  ): string {
    const id = this.id()
    this.entries.push({
      type: 'command',
      id,
      step: o.step ?? 'app.deploy',
      key,
      argv,
      stdout,
      stderr: o.stderr ?? '',
      exitCode: o.exitCode ?? 0,
      startedAt: '2025-03-14T09:30:00.000Z',
      durationMs: 120,
      write: false,
    })
    return id
  }

  observe(key: string, value: unknown, evidence: string[] = [], step = 'app.browser'): string {
    const id = this.id()
    this.entries.push({ type: 'observation', id, step, key, at: '2025-03-14T09:31:00.000Z', value, evidence })
    return id
  }

  build(): Evidence {
    return new Evidence(this.entries)
  }

  private id(): string {
    this.seq += 1
    return `e${String(this.seq).padStart(4, '0')}`
  }
}

export const kc = (...args: string[]): string[] => ['kubectl', '--context', 'lab4', ...args]
