// Two `pnpm lab --simulate` at once in one checkout: the second refuses at once, the first finishes untouched.
import { describe, expect, it } from 'vitest'
import { readdirSync } from 'node:fs'
import { cli, latest, sandbox, stepEnds } from './harness.ts'
import { scriptPid, start } from './tool.ts'

const LOCK_MESSAGE =
  /error: another `pnpm lab` \(pid (\d+), started \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\) is running on profile lab4/

describe('two pnpm lab at once', () => {
  it('the second exits 2 with the lock message within 2 s, and the first run’s record is complete', async () => {
    const box = sandbox('lock')
    const first = start('lab', ['--simulate'], box)
    await first.waitFor(/▶ cluster\.profile/)
    const owner = scriptPid(first)

    // `lab lint` loads the same modules and config and takes no lock: the yardstick for start-up on this machine.
    const [second, yardstick] = await Promise.all([
      cli('lab', ['--simulate'], box),
      cli('lab', ['lint'], box),
    ])
    expect(second.code, second.stdout + second.stderr).toBe(2)
    const said = LOCK_MESSAGE.exec(second.stderr)
    expect(said, second.stderr).not.toBeNull()
    expect(Number(said?.[1])).toBe(owner)
    expect(second.ms - yardstick.ms).toBeLessThan(2000)
    expect(second.stdout).not.toMatch(/▶/) // it ran no step

    const done = await first.exited
    const record = latest(box)
    // The record is whole: one run dir, every step that started also ended, and the end line.
    expect(readdirSync(box.runsDir).filter((d) => d !== 'latest')).toHaveLength(1)
    const started = record.entries.filter((e) => e.type === 'step-start').map((e) => e.step)
    expect(stepEnds(record).map((e) => e.step)).toEqual(started)
    // Every step of the lab ran (the catalogue may grow; these are the course's).
    expect(started).toEqual(
      expect.arrayContaining([
        'cluster.profile',
        'cluster.ready',
        'cluster.labels',
        'ipam.calicoctl',
        'ipam.pools',
        'app.deploy',
        'app.browser',
        'app.network',
      ]),
    )
    expect(record.entries.at(-1)).toMatchObject({ type: 'end', exitCode: done.code })
    // Nothing of the second run reached the first: no step of it failed on the pools (the old symptom).
    expect(stepEnds(record).filter((e) => e.step.startsWith('ipam.') && e.status === 'failed')).toEqual([])

    // Once the first is done, the profile is free again.
    const third = await cli('lab', ['--simulate', '--only', 'cluster.labels'], box)
    expect(third.code, third.stdout + third.stderr).toBe(0)
  })
})
