import { describe, expect, it } from 'vitest'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { selectSteps } from './engine.ts'
import { readRun } from './journal/reader.ts'
import type { FakeExpectation } from './runner/fake-runner.ts'
import { runScripted } from './testing/run.ts'
import { defineStep, type Step } from './step.ts'
import { defineCheck, verdict, withEvidence } from './check.ts'

const nodesStep = (label: boolean): Step =>
  defineStep({
    id: 'cluster.labels',
    pkg: 'cluster',
    title: 'label nodes',
    labItems: [4],
    plan: () => [],
    run: async (ctx) => {
      if (!label) return 'unchanged'
      await ctx.must({ argv: ctx.kubectl('label', 'node', 'lab4', 'zone=east', '--overwrite') })
      return 'changed'
    },
    collect: async (ctx) => {
      await ctx.run({ argv: ctx.kubectl('get', 'nodes', '-L', 'zone'), key: 'cluster.nodes.labels' })
    },
    checks: [
      defineCheck({
        id: 'cluster.zone-labels',
        step: 'cluster.labels',
        title: 'nodes carry zone labels',
        evaluate: (ev) =>
          withEvidence(ev, ['cluster.nodes.labels'], 'a zone column', (c) =>
            verdict(c.stdout.includes('east'), {
              expected: 'east',
              actual: c.stdout.trim(),
              hint: 'label the node',
              evidence: [c],
            }),
          ),
      }),
    ],
  })

const table =
  'NAME   STATUS   ROLES           AGE   VERSION   ZONE\nlab4   Ready    control-plane   1m    v1.31.0   east\n'

// The kit's harness over the real engine; a failed check stops the run here, as it does in `pnpm lab`.
async function run(steps: Step[], script: FakeExpectation[]) {
  const {
    result: r,
    record,
    runner,
  } = await runScripted(steps, script, { assertDone: true, keepGoing: false })
  return { r, record, runner }
}

describe('runSteps', () => {
  it('records commands with argv, exit code and timing, judges checks, and points latest at the run', async () => {
    const { r, record } = await run(
      [nodesStep(true)],
      [
        {
          argv: ['kubectl', '--context', 'lab4', 'label', 'node', 'lab4', 'zone=east', '--overwrite'],
          respond: { stdout: 'node/lab4 labeled\n' },
        },
        { argv: ['kubectl', '--context', 'lab4', 'get', 'nodes', '-L', 'zone'], respond: { stdout: table } },
      ],
    )
    expect(r.exitCode).toBe(0)
    expect(r.steps).toEqual([{ id: 'cluster.labels', status: 'changed' }])
    const cmds = record.entries.filter((e) => e.type === 'command')
    expect(cmds.map((c) => c.type === 'command' && [c.write, c.key])).toEqual([
      [true, undefined],
      [false, 'cluster.nodes.labels'],
    ])
    const v = record.entries.find((e) => e.type === 'verdict')
    expect(v).toMatchObject({ status: 'PASS', check: 'cluster.zone-labels' })
    expect(v?.type === 'verdict' && v.evidence).toEqual([cmds[1]?.type === 'command' && cmds[1].id])
    expect(readRun(join(r.runDir, '..', 'latest')).header.runId).toBe(record.header.runId)
    expect(record.entries.at(-1)).toMatchObject({ type: 'end', outcome: 'passed', exitCode: 0 })
  })

  it('a re-run that needs nothing reports the step unchanged with no write command', async () => {
    const { r, record } = await run(
      [nodesStep(false)],
      [{ argv: ['kubectl', '--context', 'lab4', 'get', 'nodes', '-L', 'zone'], respond: { stdout: table } }],
    )
    expect(r.steps[0]?.status).toBe('unchanged')
    expect(record.entries.some((e) => e.type === 'command' && e.write)).toBe(false)
  })

  it('a failed check ends the run with exit 1 and stops later steps', async () => {
    const later = { ...nodesStep(false), id: 'ipam.pools', checks: [] }
    const { r } = await run(
      [nodesStep(false), later],
      [
        {
          argv: ['kubectl', '--context', 'lab4', 'get', 'nodes', '-L', 'zone'],
          respond: { stdout: 'NAME STATUS\n' },
        },
      ],
    )
    expect(r.exitCode).toBe(1)
    expect(r.steps.map((s) => s.id)).toEqual(['cluster.labels'])
  })

  it('refuses kubectl without the lab context', async () => {
    const bad = defineStep({
      ...nodesStep(false),
      run: async (ctx) => (await ctx.run({ argv: ['kubectl', 'get', 'nodes'] }), 'unchanged'),
    })
    const { r, record } = await run([bad], [])
    expect(r.exitCode).toBe(1)
    expect(record.entries.find((e) => e.type === 'step-end')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/only acts on context "lab4"/),
    })
    expect(record.entries.find((e) => e.type === 'verdict')).toMatchObject({
      status: 'NOT-GRADABLE',
      cause: 'missing-evidence',
    })
  })

  it('keeps a planted secret out of the journal', async () => {
    const secret = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJzeXN0ZW06c2EifQ.c2lnbmF0dXJlMTIzNDU2'
    const leaky = defineStep({
      ...nodesStep(false),
      run: async (ctx) => (await ctx.run({ argv: ctx.kubectl('config', 'view', '--raw') }), 'unchanged'),
    })
    const key =
      '-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oBorCCtyRaQ5\n-----END EC PRIVATE KEY-----'
    const { record } = await run(
      [leaky],
      [
        {
          argv: ['kubectl', '--context', 'lab4', 'config', 'view', '--raw'],
          respond: {
            stdout: `token: ${secret}\nclient-key-data: QUJD\n${key}\n`,
            stderr: `Authorization: Bearer ${secret}`,
          },
        },
        { argv: ['kubectl', '--context', 'lab4', 'get', 'nodes', '-L', 'zone'], respond: { stdout: table } },
      ],
    )
    const text = readFileSync(join(record.dir, 'journal.ndjson'), 'utf8')
    expect(text).not.toContain(secret)
    expect(text).not.toContain('MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oBorCCtyRaQ5')
    expect(text).not.toContain('QUJD')
    expect(text).toContain('[REDACTED')
  })
})

describe('selectSteps', () => {
  const steps = [
    nodesStep(false),
    { ...nodesStep(false), id: 'ipam.pools', pkg: 'ipam' as const },
    { ...nodesStep(false), id: 'app.deploy', pkg: 'app' as const },
  ]
  it('selects by --only, --from and package', () => {
    expect(selectSteps(steps, { only: 'ipam.pools' }).map((s) => s.id)).toEqual(['ipam.pools'])
    expect(selectSteps(steps, { from: 'ipam.pools' }).map((s) => s.id)).toEqual(['ipam.pools', 'app.deploy'])
    expect(selectSteps(steps, { pkg: 'app' }).map((s) => s.id)).toEqual(['app.deploy'])
    expect(() => selectSteps(steps, { only: 'nope' })).toThrow(/--only nope: no such step/)
  })
})

describe('Ctrl-C in the middle of a step', () => {
  it('leaves no child process and a journal that reads back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab4-sigint-'))
    const pidFile = join(dir, 'child.pid')
    const script = fileURLToPath(new URL('./testing/programs/interrupt-lab.ts', import.meta.url))
    const tsx = fileURLToPath(new URL('../../../node_modules/.bin/tsx', import.meta.url))
    const proc = spawn(tsx, [script, dir, pidFile], { stdio: 'ignore' })
    await until(() => existsSync(pidFile) && readFileSync(pidFile, 'utf8').length > 0, 20_000)
    const childPid = Number(readFileSync(pidFile, 'utf8'))
    expect(alive(childPid)).toBe(true)
    proc.kill('SIGINT')
    const code = await new Promise<number | null>((res) => proc.on('exit', (c) => res(c)))
    expect(code).toBe(130)
    await until(() => !alive(childPid), 5_000)
    expect(alive(childPid)).toBe(false)
    const record = readRun(join(dir, 'latest'))
    expect(record.entries.find((e) => e.type === 'step-end')).toMatchObject({
      status: 'failed',
      error: 'interrupted',
    })
    expect(record.entries.at(-1)).toMatchObject({ type: 'end', outcome: 'interrupted', exitCode: 130 })
  })
})

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error('condition not met in time')
    await new Promise((r) => setTimeout(r, 50))
  }
}
