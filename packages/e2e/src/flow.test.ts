// The whole lab through the real code path on the simulator: fresh run, idempotent re-run, report, verify.
import { describe, expect, it, beforeAll } from 'vitest'
import { execFileSync } from 'node:child_process'
import { readFileSync, mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import { tmpdir } from 'node:os'
import { fileURLToPath } from 'node:url'
import type { RunRecord } from '@lab4/core'
import { JUNIT_XSD } from '@lab4/verify'
import {
  cli,
  sandbox,
  latest,
  verdicts,
  commands,
  stepEnds,
  processesMentioning,
  ROOT,
  type Outcome,
} from './harness.ts'
import { pngSize } from './png.ts'

const box = sandbox('flow')
let first: Outcome
let firstRun: RunRecord
let second: Outcome
let secondRun: RunRecord

beforeAll(async () => {
  first = await cli('lab', ['--simulate'], box)
  firstRun = latest(box)
  second = await cli('lab', ['--simulate'], box)
  secondRun = latest(box)
})

describe('a fresh simulated run', () => {
  it('exits 0 with every check PASS', () => {
    expect(first.code, first.stdout + first.stderr).toBe(0)
    const bad = verdicts(firstRun).filter((v) => v.status !== 'PASS')
    expect(bad.map((v) => `${v.check}: ${v.actual}`)).toEqual([])
    expect(verdicts(firstRun).length).toBeGreaterThanOrEqual(15)
  })

  it('is flagged as simulated and watermarked', () => {
    expect(firstRun.header.simulated).toBe(true)
    expect(first.stdout).toMatch(/SIMULATED run/)
  })

  it('created the profile with minikube start', () => {
    expect(commands(firstRun).some((c) => c.argv.slice(0, 2).join(' ') === 'minikube start')).toBe(true)
  })

  it('stores a real screenshot PNG of the page', () => {
    const shots = firstRun.entries.filter((e) => e.type === 'artifact' && e.key === 'app.screenshot')
    expect(shots.length).toBeGreaterThanOrEqual(2)
    for (const s of shots) {
      const size = pngSize(readFileSync(join(firstRun.dir, s.type === 'artifact' ? s.path : '')))
      expect(size.width).toBeGreaterThan(300)
      expect(size.height).toBeGreaterThan(200)
    }
  })

  it('records the page values read by the browser', () => {
    const pages = firstRun.entries.filter((e) => e.type === 'observation' && e.key === 'app.page')
    expect(pages.length).toBeGreaterThanOrEqual(3)
  })
})

describe('a second run', () => {
  it('changes nothing: every step unchanged and no write command in the journal', () => {
    expect(second.code, second.stdout + second.stderr).toBe(0)
    expect(stepEnds(secondRun).map((s) => `${s.step}:${s.status}`)).toEqual(
      stepEnds(secondRun).map((s) => `${s.step}:unchanged`),
    )
    expect(
      commands(secondRun)
        .filter((c) => c.write)
        .map((c) => c.argv.join(' ')),
    ).toEqual([])
  })

  it('reused the profile (no minikube start) and re-applied no label', () => {
    const argvs = commands(secondRun).map((c) => c.argv.join(' '))
    expect(argvs.some((a) => a.startsWith('minikube start'))).toBe(false)
    expect(argvs.some((a) => / label node /.test(a))).toBe(false)
  })
})

describe('pnpm report on the recorded run', () => {
  it('writes markdown and a PDF that carry the SIMULATED mark', async () => {
    const r = await cli('report', ['--run', firstRun.dir], box)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const md = readFileSync(join(ROOT, 'report', 'lab4_report.md'), 'utf8')
    // The course's header block comes first; the SIMULATED banner follows it, before any section.
    expect(md.slice(0, md.indexOf('\n## '))).toMatch(/SIMULATED/)
    const text = execFileSync('pdftotext', ['-layout', join(ROOT, 'report', 'lab4_report.pdf'), '-'], {
      encoding: 'utf8',
    })
    expect(text).toMatch(/SIMULATED/)
    expect(text).toMatch(/packets transmitted/)
  })
})

describe('pnpm verify on the recorded run', () => {
  it('treats a simulated run as NOT-GRADABLE (exit 2)', async () => {
    const r = await cli('verify', ['--run', firstRun.dir], box)
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/simulated/i)
  })

  it('grades the evidence itself with --allow-simulated: exit 0, JUnit that validates', async () => {
    const out = mkdtempSync(join(tmpdir(), 'lab4-junit-'))
    const r = await cli(
      'verify',
      [
        '--run',
        firstRun.dir,
        '--allow-simulated',
        '--junit',
        join(out, 'junit.xml'),
        '--json',
        join(out, 'v.json'),
      ],
      box,
    )
    expect(r.code, r.stdout).toBe(0)
    expect(r.stdout).toMatch(/\d+ passed, 0 failed, 0 not gradable/)
    execFileSync('xmllint', ['--noout', '--schema', fileURLToPath(JUNIT_XSD), join(out, 'junit.xml')])
    expect(JSON.parse(readFileSync(join(out, 'v.json'), 'utf8')).schema).toBe('lab4.verify/v1')
  })
})

describe('afterwards', () => {
  it('no process of the simulated world is left running', () => {
    expect(processesMentioning(box.simDir)).toEqual([])
  })
})
