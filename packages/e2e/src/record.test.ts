// The lab record through the real CLIs on the simulator: re-runs keep the first run's acts, a resumed lab
// shows each act once, a failed last run is said first (and `pnpm report` exits 1), --recreate and
// `pnpm lab down` start a new record, and a relative --run resolves from where it was typed.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { readLabRecord } from '@lab4/core'
import { cli, latest, processesMentioning, ROOT, sandbox, type Outcome } from './harness.ts'

/** The lab's steps in run order (the kill at each one, in turn). */
const STEPS = [
  'cluster.profile',
  'cluster.ready',
  'cluster.labels',
  'cluster.prepull',
  'ipam.calicoctl',
  'ipam.pools',
  'app.deploy',
  'app.browser',
  'app.network',
]

/** The acts a grader looks for: the prompt the markdown shows and, for an apply, the manifest on its stdin. */
type Act = { prompt: RegExp; stdin?: string }
const ACTS: Record<string, Act> = {
  'minikube start': { prompt: /^\$ minikube start -p lab4 / },
  'label lab4': { prompt: /^\$ kubectl --context lab4 label node lab4 zone=/ },
  'label lab4-m02': { prompt: /^\$ kubectl --context lab4 label node lab4-m02 zone=/ },
  'calicoctl apply': { prompt: /^\$ kubectl --context lab4 apply -f -$/, stdin: 'calicoctl.yaml' },
  'calicoctl delete': { prompt: /^\$ kubectl .* calicoctl delete ippool default-ipv4-ippool$/ },
  'calicoctl create': { prompt: /^\$ kubectl .* calicoctl create -f -$/ },
  'frontend apply': { prompt: /^\$ kubectl --context lab4 apply -f -$/, stdin: 'frontend.yaml' },
}

/** Each shown command of `act` and the run its `<sub>run …</sub>` line names. */
function attributions(md: string, act: Act): string[] {
  const lines = md.split('\n')
  return lines.flatMap((l, i) => {
    if (!act.prompt.test(l)) return []
    const at = lines.findIndex((x, j) => j > i && x.startsWith('<sub>run '))
    // The stdin note follows the run line: `The manifest \`calicoctl.yaml\` went to stdin`.
    const note = lines.slice(at + 1, at + 4).find((x) => x.includes('went to stdin')) ?? ''
    if (act.stdin && !note.includes(`\`${act.stdin}\``)) return []
    return [/<sub>run `([^`]+)`/.exec(lines[at] ?? '')?.[1] ?? 'none']
  })
}

/** `pnpm report` in English into a folder of the test's own (the repo's report/ is left alone). */
async function report(
  box: ReturnType<typeof sandbox>,
  args: string[] = [],
): Promise<Outcome & { md: string }> {
  const out = mkdtempSync(join(tmpdir(), 'lab4-e2e-report-'))
  const r = await cli('report', ['--lang', 'en', '--no-pdf', '--out', out, ...args], box)
  let md = ''
  try {
    md = readFileSync(join(out, 'lab4_report.en.md'), 'utf8')
  } catch {
    md = '' // no markdown written: the assertions on `r` say why
  }
  return { ...r, md }
}

const runIdOf = (o: Outcome) => /run record: .*?(\d{8}-\d{6}-[0-9a-f]{4})/.exec(o.stdout)?.[1] ?? ''

describe('a fresh lab, an unchanged re-run, then --recreate and pnpm lab down', () => {
  const box = sandbox('record')
  let first: Outcome
  let second: Outcome
  beforeAll(async () => {
    first = await cli('lab', ['--simulate'], box)
    second = await cli('lab', ['--simulate'], box)
  }, 600_000)

  it('pnpm report (the lab record by default) shows every act attributed to the first run', async () => {
    expect(first.code, first.stdout + first.stderr).toBe(0)
    expect(second.code, second.stdout + second.stderr).toBe(0)
    const [one, two] = [runIdOf(first), runIdOf(second)]
    const r = await report(box)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    for (const [name, act] of Object.entries(ACTS)) expect(attributions(r.md, act), name).toEqual([one])
    expect(r.md).toContain(`This report is built from the lab record: 2 runs against one cluster`)
    expect(r.md).toContain(`state observed in run \`${two}\``)
    expect(r.md).not.toMatch(/The last run (failed|was interrupted)/)
  })

  it('pnpm verify --allow-simulated on the lab record: every check PASS, the record checks included', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lab4-e2e-verify-'))
    const r = await cli(
      'verify',
      ['--run', box.runsDir, '--allow-simulated', '--json', join(out, 'v.json')],
      box,
    )
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.stdout).toMatch(/\d+ passed, 0 failed, 0 not gradable/)
    const json = JSON.parse(readFileSync(join(out, 'v.json'), 'utf8')) as {
      steps: Array<{ id: string; checks: Array<{ id: string; status: string }> }>
    }
    expect(json.steps.find((s) => s.id === 'record')?.checks.map((c) => [c.id, c.status])).toEqual([
      ['record.integrity', 'PASS'],
      ['record.one-cluster', 'PASS'],
      ['record.time-order', 'PASS'],
      ['record.pods-consistent', 'PASS'],
    ])
  })

  it('pnpm report --run <relative path> resolves from the directory it was typed in (the repo root)', async () => {
    const rel = relative(ROOT, join(box.runsDir, runIdOf(first)))
    const out = mkdtempSync(join(tmpdir(), 'lab4-e2e-rel-'))
    const r = await pnpm(['report', '--run', rel, '--no-pdf', '--lang', 'en', '--out', out], box)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(readFileSync(join(out, 'lab4_report.en.md'), 'utf8')).toContain(`run \`${runIdOf(first)}\``)
  })

  it('--recreate starts a new lab record that holds none of the old runs', async () => {
    const third = await cli('lab', ['--simulate', '--recreate', '--yes'], box)
    expect(third.code, third.stdout + third.stderr).toBe(0)
    const record = readLabRecord(box.runsDir)
    expect(record.runs.map((r) => r.id)).toEqual([runIdOf(third)])
    const r = await report(box)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    expect(r.md).not.toContain(runIdOf(first))
    expect(r.md).not.toContain(runIdOf(second))
    expect(attributions(r.md, ACTS['minikube start'] as Act)).toEqual([runIdOf(third)])
  })

  it('pnpm lab down records the delete; the report then says no lab has run since', async () => {
    const down = await cli('lab', ['down', '--simulate', '--yes'], box)
    expect(down.code, down.stdout + down.stderr).toBe(0)
    expect(down.stdout).toMatch(/the next `pnpm lab` starts a new lab record/)
    const r = await report(box)
    expect(r.code).not.toBe(0)
    expect(r.stderr).toMatch(/is `pnpm lab down` .*no lab has run since/)
    expect(processesMentioning(box.simDir)).toEqual([])
  })
})

describe('killed at each step in turn, then resumed', () => {
  it('shows each act exactly once, from the run that performed it', async () => {
    const box = sandbox('record-resume')
    const runs: string[] = []
    for (const step of STEPS) {
      const r = await cli('lab', ['--simulate'], box, {
        onStdout: (chunk, kill) => {
          if (chunk.includes(`▶ ${step}:`)) kill()
        },
      })
      expect(r.code, `killing at ${step}\n${r.stdout}`).toBe(130)
      runs.push(latest(box).header.runId)
    }
    const final = await cli('lab', ['--simulate'], box)
    expect(final.code, final.stdout).toBe(0)
    runs.push(latest(box).header.runId)

    const record = readLabRecord(box.runsDir)
    expect(record.runs.map((r) => r.id)).toEqual(runs)
    const r = await report(box)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    for (const [name, act] of Object.entries(ACTS)) {
      const by = attributions(r.md, act)
      expect(by, name).toHaveLength(1)
      // The run named is the one whose journal holds that act, done (exit 0).
      for (const id of by) {
        const doer = record.members.find((m) => m.header.runId === id)
        const prompts = doer?.entries.flatMap((e) =>
          e.type === 'command' && e.write && e.exitCode === 0 ? [`$ ${e.argv.join(' ')}`] : [],
        )
        expect(
          prompts?.some((p) => act.prompt.test(p)),
          `${name} in run ${id}`,
        ).toBe(true)
      }
    }
    const v = await cli('verify', ['--run', box.runsDir, '--allow-simulated'], box)
    expect(v.code, v.stdout).toBe(0)
    expect(processesMentioning(box.simDir)).toEqual([])
  }, 1_500_000)
})

describe('the last run fails under a fault', () => {
  it('opens the report with the failed step, its error, hint and what was not reached; pnpm report exits 1', async () => {
    const box = sandbox('record-fault')
    const config = join(mkdtempSync(join(tmpdir(), 'lab4-e2e-cfg-')), 'lab.config.yaml')
    writeFileSync(config, 'timeouts:\n  nodesReady: 8\n  calicoReady: 8\n  podReady: 15\n')
    const run = await cli('lab', ['--simulate', '--faults', 'calico-never-ready', '--config', config], box)
    expect(run.code, run.stdout + run.stderr).toBe(1)
    // The console summary counts the step as failed, not as unchanged.
    expect(run.stdout).toMatch(/· 1 step changed, 0 unchanged, 1 failed/)
    const r = await report(box)
    expect(r.code, r.stdout + r.stderr).toBe(1)
    expect(r.stderr).toMatch(/the last run \S+ did not finish at step cluster\.ready: Timed out/)
    const opening = r.md.slice(0, r.md.indexOf('## Goal'))
    expect(opening).toContain('**The last run failed at step `cluster.ready`**')
    expect(opening).toMatch(/> Timed out after \d+s waiting for /)
    expect(opening).toMatch(/> What to do: .*Init:x\/3/)
    expect(opening).toContain('Not reached in that run: `cluster.labels`')
    expect(r.md).not.toMatch(/all passed|No findings/i)
    const ru = await cli('report', ['--no-pdf', '--out', mkdtempSync(join(tmpdir(), 'lab4-e2e-ru-'))], box)
    expect(ru.code).toBe(1)
    expect(processesMentioning(box.simDir)).toEqual([])
  })
})

/** The root `pnpm` script, as a user types it from the repo root (INIT_CWD is where it was typed). */
function pnpm(args: string[], box: ReturnType<typeof sandbox>): Promise<Outcome> {
  const started = Date.now()
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...box.env, COREPACK_INTEGRITY_KEYS: '0' }
    delete env.INIT_CWD // pnpm sets it to the directory the command is typed in (here the repo root)
    const child = spawn('npx', ['-y', 'pnpm@12.4.2', ...args], {
      cwd: ROOT,
      env,
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
