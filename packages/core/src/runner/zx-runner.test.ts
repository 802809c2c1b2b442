import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { zxRunner } from './zx-runner.ts'

const child = fileURLToPath(new URL('./fixtures/echo-argv.mjs', import.meta.url))

describe('zxRunner', () => {
  it.each([
    ['$(touch pwned)'],
    ['; rm -rf ~'],
    ['`touch pwned`'],
    ['a && touch pwned'],
    ["'; touch pwned; '"],
    ['$HOME'],
    ['*'],
  ])('passes %s to the child verbatim and no shell interprets it', async (value) => {
    const cwd = mkdtempSync(join(tmpdir(), 'lab4-inject-'))
    const r = await zxRunner({ cwd })({
      argv: [process.execPath, child, 'label', `zone=${value}`, value],
      stdin: value,
    })
    expect(r.exitCode).toBe(0)
    expect(JSON.parse(r.stdout)).toEqual({ args: ['label', `zone=${value}`, value], input: value })
    expect(readdirSync(cwd)).toEqual([])
    expect(existsSync(join(cwd, 'pwned'))).toBe(false)
  })

  it('reports a non-zero exit as data, not an exception', async () => {
    const r = await zxRunner()({
      argv: [process.execPath, '-e', 'process.stderr.write("boom\\n"); process.exit(3)'],
    })
    expect(r.exitCode).toBe(3)
    expect(r.stderr).toBe('boom\n')
    expect(r.durationMs).toBeGreaterThanOrEqual(0)
  })

  it('ends a command that outlives its timeout', async () => {
    const r = await zxRunner()({
      argv: [process.execPath, '-e', 'setTimeout(() => {}, 60000)'],
      timeoutMs: 300,
    })
    expect(r.exitCode).not.toBe(0)
    expect(r.signal).toBeDefined()
    expect(r.durationMs).toBeLessThan(10_000)
  })

  it('passes extra env to the child', async () => {
    const r = await zxRunner()({
      argv: [process.execPath, '-e', 'process.stdout.write(process.env.LAB4_X ?? "")'],
      env: { LAB4_X: 'y' },
    })
    expect(r.stdout).toBe('y')
  })
})
