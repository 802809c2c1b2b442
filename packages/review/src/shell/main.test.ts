import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { reportError } from '@lab4/core'
import { reviewMain, type Io } from './main.ts'
import { USAGE_LINE } from '../args.ts'
import { fenced, fixture, md } from '../testing/fixture.ts'
import { writeClass } from '../testing/class.ts'

const tmp = mkdtempSync(join(tmpdir(), 'lab4-review-'))
afterAll(() => rmSync(tmp, { recursive: true, force: true }))

function run(argv: string[], opts: { tty?: boolean } = {}) {
  const out: string[] = []
  const err: string[] = []
  const io: Io = {
    out: (s) => out.push(s),
    err: (s) => err.push(s),
    tty: { out: false, err: Boolean(opts.tty) },
    cwd: tmp,
    now: () => new Date('2025-11-20T10:00:00.000Z'),
  }
  let code: number
  try {
    code = reviewMain(argv, io)
  } catch (e) {
    code = reportError(e, (s) => err.push(`${s}\n`))
  }
  return { code, out: out.join(''), err: err.join('') }
}

function repo(name: string, files: Record<string, string>): string {
  for (const [f, text] of Object.entries(files)) {
    mkdirSync(join(tmp, name, f, '..'), { recursive: true })
    writeFileSync(join(tmp, name, f), text)
  }
  return name
}

describe('pnpm review <report.md|dir>', () => {
  const seedRepo = repo('anatoliy', {
    'README.md': '# Labs\n',
    'lab4/lab4_report.md': fixture('seed__lab4-report-seed.md'),
    'lab4/k8s/calico-ippool.yml': fixture('manifest__alex-grandson__calico-ippool.txt'),
    'lab1/lab1_report.md': '# Lab 1\n',
  })

  it('finds lab4/lab4_report.md in a repo, reads the manifests beside it, exits 1 on an error', () => {
    const r = run([seedRepo])
    expect(r.code).toBe(1)
    expect(r.out.split('\n')[0]).toBe(
      'review: lab4/lab4_report.md (205 lines; manifests: lab4/k8s/calico-ippool.yml)',
    )
  })

  it('takes a file as well, and exits 0 when there is no error', () => {
    const header = fixture('seed__lab4-report-seed.md').split('\n').slice(0, 9).join('\n')
    repo('clean', {
      'lab4/lab4_report.md': md(header, fenced('Artemchikus__nslookup-and-ping-endpoint-fqdn.txt')),
    })
    expect(run(['clean/lab4/lab4_report.md']).code).toBe(0)
  })

  it('falls back to README.md when there is no lab4 folder', () => {
    repo('readme-only', { 'README.md': fixture('seed__lab4-report-seed.md') })
    expect(run(['readme-only']).out).toMatch(/^review: README\.md \(205 lines\)/)
  })

  it('--json - prints the JSON instead of the list; --json <file> and --junit <file> write files', () => {
    const j = run([seedRepo, '--json', '-'])
    expect(JSON.parse(j.out)).toMatchObject({ schema: 'lab4.review/v1', exitCode: 1 })
    const w = run([seedRepo, '--json', 'out/review.json', '--junit=out/junit.xml'])
    expect(JSON.parse(readFileSync(join(tmp, 'out/review.json'), 'utf8')).findings).toHaveLength(14)
    expect(readFileSync(join(tmp, 'out/junit.xml'), 'utf8')).toContain('<testsuites name="lab4 review"')
    expect(w.err).toBe(
      'review: JSON written to out/review.json\nreview: JUnit XML written to out/junit.xml\n',
    )
  })

  it.each([
    [['--jsn', 'x'], 'unknown flag --jsn'],
    [['-x'], 'unknown flag -x'],
    [['a.md', '--json'], '--json needs a value'],
    [[], 'no report given'],
    [['a.md', 'b.md'], 'one report or folder at a time (got "a.md", "b.md")'],
    [['--class', 'c', '--json', 'x.json'], '--json applies to one report, not to --class'],
  ])('usage error %j: the problem, one usage line, --help; exit 2', (argv, problem) => {
    const r = run(argv)
    expect(r.code).toBe(2)
    expect(r.err).toBe(`error: ${problem}\n${USAGE_LINE}\nrun \`pnpm review --help\` for every flag\n`)
  })

  it('a folder with no report is a usage error naming what it looked for', () => {
    repo('empty', { 'lab4/notes.txt': 'x' })
    const r = run(['empty'])
    expect(r.code).toBe(2)
    expect(r.err).toMatch(/^error: no Lab 4 report in .*empty\n {2}hint: expected lab4\/lab4_report\.md/)
  })

  it('--help prints the usage and every flag', () => {
    const r = run(['--help'])
    expect(r.code).toBe(0)
    expect(r.out.startsWith(USAGE_LINE)).toBe(true)
    for (const f of ['--json', '--junit', '--class', '--out', '--no-color']) expect(r.out).toContain(f)
  })
})

describe('pnpm review --class <dir>', () => {
  const cls = join(tmp, 'k4111c')
  const names = writeClass(cls, 30)

  it('reviews 30 synthetic repos and writes gradebook.csv and gradebook.html, plain progress lines off a terminal', () => {
    const r = run(['--class', 'k4111c', '--out', 'grades'])
    expect(r.code).toBe(0)
    const csv = readFileSync(join(tmp, 'grades/gradebook.csv'), 'utf8').trimEnd().split('\n')
    expect(csv).toHaveLength(31)
    expect(csv.slice(1).map((l) => l.split(',')[0])).toEqual(names)
    expect(csv.filter((l) => l.includes('no report'))).toHaveLength(3) // every tenth repo has none
    expect(existsSync(join(tmp, 'grades/gradebook.html'))).toBe(true)
    expect(r.err.trimEnd().split('\n')).toHaveLength(30)
    expect(r.err).toMatch(/^review: 1\/30 student-01: 1 errors, 0 warnings$/m)
    expect(r.out).toMatch(/^review: 30 students: \d+ without errors, \d+ with errors, 3 without a report$/m)
  })

  it('draws a progress bar in place on a terminal', () => {
    const r = run(['--class', 'k4111c', '--out', 'grades-tty'], { tty: true })
    expect(r.err).toContain('\r\u001b[2K[████████████████████████] 30/30 ')
    expect(r.err).not.toContain('\n')
  })
})

describe('scripts/review.ts as a process', () => {
  const root = new URL('../../../../', import.meta.url).pathname
  const tsx = join(root, 'node_modules/.bin/tsx')
  it('exits 1 on the seed and 2 on an unknown flag, with the same one-voice usage error', () => {
    const seed = spawnSync(tsx, ['scripts/review.ts', join(tmp, 'anatoliy')], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, CI: '1' },
    })
    expect(seed.status).toBe(1)
    expect(seed.stdout).toContain('10 ping the neighbour by FQDN')
    const bad = spawnSync(tsx, ['scripts/review.ts', '--bogus'], { cwd: root, encoding: 'utf8' })
    expect(bad.status).toBe(2)
    expect(bad.stderr).toBe(
      `error: unknown flag --bogus\n${USAGE_LINE}\nrun \`pnpm review --help\` for every flag\n`,
    )
  })
})
