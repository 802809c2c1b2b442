import { readdirSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readRun, type StepContext, type WaitOptions } from '@lab4/core'
import { MUTATED_PATIENCE_S, engineDriver, withPatience, worldOf } from './driver.ts'
import { readRunConfig } from '../grade.ts'
import { labConfig } from '@lab4/core/testing'
import { answering, labAnswers } from '../testing/answers.ts'
import { testSteps } from '../testing/steps.ts'
import { driverOptions, tempDir } from '../testing/record.ts'

describe('withPatience', () => {
  it('caps every lab timeout and leaves the rest of the config alone', () => {
    const config = labConfig()
    const capped = withPatience(config, 10)
    expect(Object.values(capped.timeouts).every((s) => s <= 10)).toBe(true)
    expect(Object.keys(capped.timeouts)).toEqual(Object.keys(config.timeouts))
    expect(withPatience(config, 100_000).timeouts).toEqual(config.timeouts)
    expect({ ...capped, timeouts: config.timeouts }).toEqual(config)
  })
})

describe('the engine driver while a mutation is in effect', () => {
  it('grades the mutated world with capped waits (recorded in its config.json), every other grade with the lab timeouts', async () => {
    const baseDir = tempDir()
    const driver = engineDriver(driverOptions(testSteps(), answering(labAnswers()), { baseDir }))
    await driver.grade('baseline')
    await driver.grade('x.mutated', undefined, { mutated: true })
    // Run ids sort by the second they started; tell the two apart by the label in their argv.
    const timeouts = Object.fromEntries(
      readdirSync(join(baseDir, 'runs'))
        .filter((d) => d !== 'latest')
        .map((d) => join(baseDir, 'runs', d))
        .map((dir) => [readRun(dir).header.argv.at(-1), readRunConfig(dir).timeouts.podReady]),
    )
    expect(timeouts).toEqual({
      baseline: labConfig().timeouts.podReady,
      'x.mutated': MUTATED_PATIENCE_S.simulated,
    })
  })

  it("polls a mutation's waits at the given interval unless the mutation chose its own", async () => {
    const seen: Array<number | undefined> = []
    const ctx = {
      waitFor: async (_c: string, _p: unknown, o: WaitOptions) => void seen.push(o.intervalMs),
    } as unknown as StepContext
    const probe = async () => ({ done: true, observed: '' })
    await worldOf(ctx, [], true, 500).waitFor('a', probe, { timeoutMs: 1 })
    await worldOf(ctx, [], true, 500).waitFor('b', probe, { timeoutMs: 1, intervalMs: 50 })
    await worldOf(ctx, [], true).waitFor('c', probe, { timeoutMs: 1 })
    expect(seen).toEqual([500, 50, undefined])
  })
})
