import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import {
  descendantsIn,
  descendantsOf,
  identify,
  isSameProcess,
  parseProcStat,
  startTimeOf,
} from './process-id.ts'

// Lines read from /proc/<pid>/stat on the development machine (Linux 6.x), kept verbatim.
const CAT =
  '32255 (cat) R 32253 32253 29122 0 -1 4194304 102 0 0 0 0 0 0 0 20 0 1 0 342755 3133440 386 18446744073709551615 94221429264384 94221429284265 140730409389136 0 0 0 0 0 0 0 0 0 17 1 0 0 0 0 0 94221429300272 94221429301888 94221834567680 140730409396962 140730409396982 140730409396982 140730409398251 0'
const INIT =
  '1 (process_api) S 0 0 0 0 -1 4194560 59650 39113682 0 1408 174 325 272435 39694 10 -10 12 0 14 47108096 3952 18446744073709551615 1 1 0 0 0 0 0 4096 1256 0 0 0 17 0 0 0 0 0 0 0 0 0 0 0 0 0 0'

describe('parseProcStat', () => {
  it('reads ppid, process group and start time (field 22)', () => {
    expect(parseProcStat(CAT)).toEqual({
      pid: 32255,
      comm: 'cat',
      state: 'R',
      ppid: 32253,
      pgid: 32253,
      startTicks: '342755',
    })
    expect(parseProcStat(INIT)?.startTicks).toBe('14')
  })

  it('keeps a command name with spaces and parentheses whole (Chromium names its helpers so)', () => {
    const line = CAT.replace('(cat)', '(chrome (gpu) x)')
    expect(parseProcStat(line)).toMatchObject({ comm: 'chrome (gpu) x', ppid: 32253, startTicks: '342755' })
  })

  it('gives up on a torn line', () => {
    expect(parseProcStat('32255 (cat')).toBeUndefined()
    expect(parseProcStat('32255 (cat) R 1')).toBeUndefined()
  })
})

describe('descendantsIn', () => {
  it('lists children, then grandchildren, and nothing outside the tree', () => {
    const table: Array<[number, number]> = [
      [10, 1],
      [11, 10],
      [12, 10],
      [13, 11],
      [20, 1],
    ]
    expect(descendantsIn(table, 10)).toEqual([11, 12, 13])
    expect(descendantsIn(table, 20)).toEqual([])
  })
})

describe('process identity on this machine', () => {
  it('is stable for a live process and gone once it has exited', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 30000)'], { stdio: 'ignore' })
    const pid = child.pid as number
    const id = identify(pid)
    expect(id?.startTime).toBe(startTimeOf(pid))
    expect(id && isSameProcess(id)).toBe(true)
    // Same pid, another start time: an unrelated process that reused the pid is never "ours".
    expect(isSameProcess({ pid, startTime: `${id?.startTime}0` })).toBe(false)
    expect(descendantsOf(process.pid)).toContain(pid)
    child.kill('SIGKILL')
    await new Promise((r) => child.once('exit', r))
    expect(startTimeOf(pid)).toBeUndefined()
    expect(id && isSameProcess(id)).toBe(false)
  })
})
