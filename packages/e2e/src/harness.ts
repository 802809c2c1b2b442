// Runs the real CLIs (tsx scripts/*.ts) as child processes in an isolated runs dir and simulated world.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, existsSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { readRun, type RunRecord, type JournalEntry, type VerdictEntry, type CommandEntry } from '@lab4/core'

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url)).replace(/\/$/, '')
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx')

export type Sandbox = { runsDir: string; simDir: string; env: NodeJS.ProcessEnv }

export function sandbox(name: string): Sandbox {
  const base = mkdtempSync(join(tmpdir(), `lab4-e2e-${name}-`))
  const runsDir = join(base, 'runs')
  const simDir = join(base, 'sim')
  return { runsDir, simDir, env: { ...process.env, LAB_RUNS_DIR: runsDir, LAB_SIM_DIR: simDir, CI: '1' } }
}

export type Outcome = { code: number | null; stdout: string; stderr: string; ms: number }

export function cli(
  script: 'lab' | 'report' | 'verify',
  args: string[],
  box: Sandbox,
  opts: { env?: NodeJS.ProcessEnv; onStdout?: (chunk: string, kill: () => void) => void } = {},
): Promise<Outcome> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn(TSX, [join(ROOT, 'scripts', `${script}.ts`), ...args], {
      cwd: ROOT,
      env: { ...box.env, ...opts.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString()
      opts.onStdout?.(d.toString(), () => child.kill('SIGINT'))
    })
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }))
  })
}

export const latest = (box: Sandbox): RunRecord => readRun(join(box.runsDir, 'latest'))

export const verdicts = (r: RunRecord): VerdictEntry[] =>
  r.entries.filter((e): e is VerdictEntry => e.type === 'verdict')
export const commands = (r: RunRecord): CommandEntry[] =>
  r.entries.filter((e): e is CommandEntry => e.type === 'command')
export const stepEnds = (r: RunRecord) =>
  r.entries.filter((e): e is Extract<JournalEntry, { type: 'step-end' }> => e.type === 'step-end')

export function verdictOf(r: RunRecord, check: string): VerdictEntry | undefined {
  return verdicts(r)
    .filter((v) => v.check === check)
    .at(-1)
}

/** Processes whose command line mentions `needle` (e.g. the simulated world's bin dir): orphans if any remain. */
export function processesMentioning(needle: string): string[] {
  return readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d) && Number(d) !== process.pid)
    .flatMap((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ')
        return cmd.includes(needle) ? [`${pid} ${cmd.trim()}`] : []
      } catch {
        return []
      }
    })
}

export const exists = existsSync
