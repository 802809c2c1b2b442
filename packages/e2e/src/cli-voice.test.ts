// One voice on the command line: lab, report and verify say a flag mistake the same way, and `pnpm report`
// shows the report's own lines only, also when turbo runs it (through the real `pnpm report`).
import { afterAll, describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { cpSync, mkdirSync, rmSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { cli, sandbox, ROOT, type Outcome } from './harness.ts'

const SYNOPSIS = {
  lab: 'pnpm lab [run|preflight|down|lint] [--plan] [--config <file>] [--only|--from <step>] [--simulate] [--yes]',
  report: 'pnpm report [--run <dir>] [--lang ru|en]',
  verify:
    'pnpm verify [--run <dir>] [--json <file>] [--junit <file>] [--self-test [--live --yes]] [--simulate]',
} as const

describe.each(['lab', 'report', 'verify'] as const)('pnpm %s', (command) => {
  it('an unknown flag: the flag, one usage line and --help; exit 2, and nothing else', async () => {
    const r = await cli(command, ['--bogus'], sandbox(`voice-${command}`))
    expect(r.code).toBe(2)
    const lines = r.stderr.trimEnd().split('\n')
    expect(lines).toHaveLength(3)
    expect(lines[0]).toBe('error: unknown flag --bogus')
    expect(lines[1]).toMatch(new RegExp(`^ {2}usage: ${escape(SYNOPSIS[command])}`))
    expect(lines[2]).toBe(`  hint: \`pnpm ${command} --help\` lists every flag`)
    expect(r.stderr).not.toMatch(/Unknown option|positional argument/)
  })

  it('--help prints the usage and exits 0', async () => {
    const r = await cli(command, ['--help'], sandbox(`help-${command}`))
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(new RegExp(`^Usage: pnpm ${command} `))
  })
})

describe('pnpm report prints the report, not turbo', () => {
  // A recorded run where turbo hashes it (report/runs/), so `pnpm report` goes through the cached task.
  const id = `e2e-voice-${process.pid}`
  const runDir = join(ROOT, 'report', 'runs', id)
  mkdirSync(join(ROOT, 'report', 'runs'), { recursive: true })
  cpSync(join(ROOT, 'packages', 'report', 'src', 'fixtures', 'run-sim'), runDir, { recursive: true })
  afterAll(() => rmSync(runDir, { recursive: true, force: true }))

  const turboNoise = [
    '@lab4/report:report:',
    '@lab4/report#report',
    '../../report/',
    'run failed',
    'Packages in scope',
    'Tasks:',
    'cache miss',
  ]

  // turbo writes the task's log here whenever it runs the task: proof the report went through turbo.
  const turboLog = join(ROOT, 'packages', 'report', '.turbo', 'turbo-report.log')
  const loggedSince = (t: number) => (statSync(turboLog, { throwIfNoEntry: false })?.mtimeMs ?? 0) >= t

  it('a report: its own lines, paths from the repo root, exit 0', async () => {
    const started = Date.now()
    const r = await pnpm(['report', '--run', `report/runs/${id}`, '--no-pdf'])
    expect(r.code).toBe(0)
    expect(loggedSince(started) || r.stdout.includes('turbo restored it from its cache')).toBe(true)
    expect(r.stdout).toMatch(/^report: run \S+ \(SIMULATED\): \d+ passed/m)
    expect(r.stdout).toMatch(/^report: report\/lab4_report\.md in \d+ ms$/m)
    for (const noise of turboNoise) expect(r.stdout + r.stderr).not.toContain(noise)
  })

  it('a failure: the report’s error and hint, exit 2, no turbo summary', async () => {
    const r = await pnpm(['report', '--run', 'report/runs/e2e-voice-no-such-run'])
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^error: No run record at .*e2e-voice-no-such-run/m)
    expect(r.stderr).toMatch(/^ {2}hint: /m)
    for (const noise of turboNoise) expect(r.stdout + r.stderr).not.toContain(noise)
  })
})

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** The real `pnpm <args>` a student types, outside any turbo task (no TURBO_HASH, no npm_* of a parent script). */
function pnpm(args: string[]): Promise<Outcome> {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !k.startsWith('npm_') && k !== 'TURBO_HASH' && k !== 'INIT_CWD',
    ),
  )
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['-y', 'pnpm@12.4.2', ...args], {
      cwd: ROOT,
      env: { ...env, COREPACK_INTEGRITY_KEYS: '0', CI: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }))
  })
}
