// A run killed at any step leaves a readable record, and re-running finishes the lab.
import { describe, expect, it } from 'vitest'
import { cli, sandbox, latest, verdicts, processesMentioning } from './harness.ts'

const STEPS = [
  'cluster.profile',
  'cluster.ready',
  'cluster.labels',
  'ipam.calicoctl',
  'ipam.pools',
  'app.deploy',
  'app.browser',
  'app.network',
]

describe('killed at each step in turn, then re-run', () => {
  it('completes with every check PASS and no orphan process', async () => {
    const box = sandbox('resume')
    for (const step of STEPS) {
      const r = await cli('lab', ['--simulate'], box, {
        onStdout: (chunk, kill) => {
          if (chunk.includes(`▶ ${step}:`)) kill()
        },
      })
      expect(r.code, `killing at ${step}\n${r.stdout}`).toBe(130)
      const record = latest(box)
      expect(record.entries.at(-1)).toMatchObject({ type: 'end', outcome: 'interrupted' })
      expect(processesMentioning(box.simDir)).toEqual([])
    }
    const final = await cli('lab', ['--simulate'], box)
    expect(final.code, final.stdout).toBe(0)
    expect(verdicts(latest(box)).filter((v) => v.status !== 'PASS')).toEqual([])
  })
})
