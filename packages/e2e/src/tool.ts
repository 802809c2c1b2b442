// The CLIs as process trees the tests can signal: a process group of their own, the node process that runs the
// script, and the children the run recorded (journal `process` entries), checked by pid AND start time.
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import { groupMembers, isSameProcess, type JournalEntry, type RunRecord } from '@lab4/core'
import { ROOT, type Sandbox } from './harness.ts'

const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')

export type Exit = { code: number | null; signal: NodeJS.Signals | null; at: number }

export type Tool = {
  readonly child: ChildProcess
  /** The process group: the spawned process leads it. */
  readonly pgid: number
  stdout(): string
  stderr(): string
  /** Resolves once stdout or stderr matches (or rejects after `ms`). */
  waitFor(pattern: RegExp, ms?: number): Promise<void>
  readonly exited: Promise<Exit>
}

/** `tsx scripts/<script>.ts args` (or any argv with `argv`), leading its own process group. */
export function start(
  script: 'lab' | 'report' | 'verify',
  args: string[],
  box: Sandbox,
  o: { argv?: string[]; env?: NodeJS.ProcessEnv } = {},
): Tool {
  const [bin, ...rest] = o.argv ?? [TSX, join(ROOT, 'scripts', `${script}.ts`), ...args]
  const child = spawn(bin as string, rest, {
    cwd: ROOT,
    env: { ...box.env, ...o.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let out = ''
  let err = ''
  const waiters: Array<{ re: RegExp; done: () => void }> = []
  const check = () => {
    for (const w of [...waiters]) if (w.re.test(out) || w.re.test(err)) w.done()
  }
  child.stdout?.on('data', (d: Buffer) => {
    out += d.toString()
    check()
  })
  child.stderr?.on('data', (d: Buffer) => {
    err += d.toString()
    check()
  })
  const exited = new Promise<Exit>((resolve) =>
    child.on('exit', (code, signal) => resolve({ code, signal, at: Date.now() })),
  )
  const tool: Tool = {
    child,
    pgid: child.pid as number,
    stdout: () => out,
    stderr: () => err,
    exited,
    waitFor: (re, ms = 240_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no ${re} within ${ms} ms\n--- stdout\n${out}\n--- stderr\n${err}`)),
          ms,
        )
        const w = {
          re,
          done: () => {
            clearTimeout(timer)
            waiters.splice(waiters.indexOf(w), 1)
            resolve()
          },
        }
        waiters.push(w)
        check()
        void exited.then(() => setTimeout(() => check(), 50))
      }),
  }
  started.add(tool)
  void exited.then(() => started.delete(tool))
  return tool
}

/** Live pids whose command line matches, among the descendants of `root`. */
export function descendantsMatching(root: number, re: RegExp): number[] {
  const table = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .flatMap((d) => {
      try {
        const stat = readFileSync(`/proc/${d}/stat`, 'utf8')
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
        const cmd = readFileSync(`/proc/${d}/cmdline`, 'utf8').replace(/\0/g, ' ').trim()
        return [{ pid: Number(d), ppid, cmd }]
      } catch {
        return []
      }
    })
  const out: number[] = []
  let frontier = [root]
  while (frontier.length) {
    const next = table.filter((p) => frontier.includes(p.ppid))
    out.push(...next.filter((p) => re.test(p.cmd)).map((p) => p.pid))
    frontier = next.map((p) => p.pid)
  }
  return out
}

/** The node process that runs the CLI: tsx's child (`… loader.mjs scripts/lab.ts`) or `node scripts/cli.mjs lab`. */
export const scriptPid = (t: Tool, name = 'lab'): number | undefined =>
  descendantsMatching(
    t.pgid,
    // Anchored on node: `sh -c node scripts/cli.mjs lab` (pnpm's shell) names the script too.
    new RegExp(`loader\\.mjs .*scripts/${name}\\.ts|^(\\S*/)?node\\s+scripts/cli\\.mjs ${name}\\b`),
  )[0]

const started = new Set<Tool>()

/** SIGKILL the groups of the tools a failed test left running, so the next test finds the profile free. */
export function endAll(): void {
  for (const t of started) {
    try {
      process.kill(-t.pgid, 'SIGKILL')
    } catch {
      // already gone
    }
  }
  started.clear()
}

export type ProcessEntry = Extract<JournalEntry, { type: 'process' }>
export const recordedProcesses = (r: RunRecord): ProcessEntry[] =>
  r.entries.filter((e): e is ProcessEntry => e.type === 'process')

/** Recorded children still running (same pid and start time). */
export const stillRunning = (r: RunRecord): ProcessEntry[] => recordedProcesses(r).filter(isSameProcess)

/** The browser profile dirs the run recorded (Chromium's --user-data-dir). */
export const profileDirs = (r: RunRecord): string[] =>
  recordedProcesses(r).flatMap((p) =>
    p.argv.flatMap((a) => (a.startsWith('--user-data-dir=') ? [a.slice('--user-data-dir='.length)] : [])),
  )

/** Processes left in the group once its leader is gone (Linux). */
export const leftInGroup = (pgid: number): number[] => groupMembers(pgid)

export async function until(cond: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) return false
    await new Promise((r) => setTimeout(r, 50))
  }
  return true
}

export const exists = existsSync
