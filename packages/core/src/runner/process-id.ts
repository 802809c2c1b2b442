// Who a pid is: its start time makes (pid, start) unique, so we never signal a process that merely reused a pid.
import { execFileSync } from 'node:child_process'
import { readFileSync, readdirSync } from 'node:fs'

/** A process as recorded: the pid and an opaque start-time token from the OS (same process ⇔ same token). */
export type ProcessId = { readonly pid: number; readonly startTime: string }

export type ProcStat = {
  pid: number
  comm: string
  state: string
  ppid: number
  pgid: number
  startTicks: string
}

/** `/proc/<pid>/stat` (Linux, proc(5)): the command name sits in parentheses and may hold spaces or ")". */
export function parseProcStat(text: string): ProcStat | undefined {
  const open = text.indexOf('(')
  const close = text.lastIndexOf(')')
  if (open < 0 || close < open) return undefined
  const rest = text
    .slice(close + 1)
    .trim()
    .split(/\s+/)
  // Fields after the name start at field 3 (state); starttime is field 22.
  const [state, ppid, pgid] = rest
  const startTicks = rest[19]
  if (!state || !ppid || !pgid || !startTicks) return undefined
  return {
    pid: Number(text.slice(0, open).trim()),
    comm: text.slice(open + 1, close),
    state,
    ppid: Number(ppid),
    pgid: Number(pgid),
    startTicks,
  }
}

const LINUX = process.platform === 'linux'

function procStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'))
  } catch {
    return undefined
  }
}

function ps(args: string[]): string {
  try {
    return execFileSync('ps', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
  } catch {
    return '' // ps exits 1 when the pid is gone
  }
}

/** The start-time token of a live process, or undefined when it is gone (a zombie counts as gone). */
export function startTimeOf(pid: number): string | undefined {
  if (!Number.isInteger(pid) || pid <= 0) return undefined
  if (LINUX) {
    const s = procStat(pid)
    return s && s.state !== 'Z' && s.state !== 'X' ? `linux:${s.startTicks}` : undefined
  }
  const lstart = ps(['-o', 'stat=,lstart=', '-p', String(pid)]).trim()
  if (!lstart || lstart.startsWith('Z')) return undefined
  return `ps:${lstart.replace(/^\S+\s+/, '').replace(/\s+/g, ' ')}`
}

/** The identity of a live process now, or undefined when it is gone. */
export function identify(pid: number | undefined): ProcessId | undefined {
  if (pid === undefined) return undefined
  const startTime = startTimeOf(pid)
  return startTime ? { pid, startTime } : undefined
}

/** True only when the very process that was recorded still runs (same pid AND same start time). */
export const isSameProcess = (p: ProcessId): boolean => startTimeOf(p.pid) === p.startTime

/** The parent pid of a live process, or undefined. */
export function parentOf(pid: number): number | undefined {
  if (LINUX) return procStat(pid)?.ppid
  const out = ps(['-o', 'ppid=', '-p', String(pid)]).trim()
  return out ? Number(out) : undefined
}

/** The command line of a live process ('' when unknown). */
export function commandOf(pid: number): string {
  if (LINUX) {
    try {
      return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').replace(/\0/g, ' ')
    } catch {
      return ''
    }
  }
  return ps(['-o', 'command=', '-p', String(pid)]).trim()
}

/** Every (pid, ppid) pair on the machine. */
function processTable(): Array<[number, number]> {
  if (LINUX) {
    return readdirSync('/proc')
      .filter((d) => /^\d+$/.test(d))
      .flatMap((d): Array<[number, number]> => {
        const s = procStat(Number(d))
        return s ? [[s.pid, s.ppid]] : []
      })
  }
  return ps(['-A', '-o', 'pid=,ppid='])
    .split('\n')
    .flatMap((l): Array<[number, number]> => {
      const [pid, ppid] = l.trim().split(/\s+/).map(Number)
      return pid && ppid !== undefined && !Number.isNaN(ppid) ? [[pid, ppid]] : []
    })
}

/** The descendants of `root` in a (pid, ppid) table, children before grandchildren. */
export function descendantsIn(table: ReadonlyArray<readonly [number, number]>, root: number): number[] {
  const out: number[] = []
  let frontier = [root]
  while (frontier.length > 0) {
    const next = table.filter(([pid, ppid]) => frontier.includes(ppid) && !out.includes(pid)).map(([p]) => p)
    out.push(...next)
    frontier = next
  }
  return out
}

export const descendantsOf = (root: number): number[] => descendantsIn(processTable(), root)

/** Pids whose process group is `pgid` (Linux only; elsewhere empty). */
export function groupMembers(pgid: number): number[] {
  if (!LINUX) return []
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      const s = procStat(Number(d))
      return s && s.pgid === pgid && s.state !== 'Z' ? [s.pid] : []
    })
}

/**
 * Signal a process and everything below it, deepest first, without spawning anything on Linux (a loaded machine
 * takes long to start `ps`, and shutdown must be quick). Returns whether the process itself was signalled.
 */
export function signalTree(pid: number, signal: NodeJS.Signals): boolean {
  for (const d of descendantsOf(pid).reverse()) {
    try {
      process.kill(d, signal)
    } catch {
      // gone meanwhile
    }
  }
  try {
    process.kill(pid, signal)
    return true
  } catch {
    return false
  }
}
