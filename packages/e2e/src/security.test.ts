// The lab and the grader as an attacker or a cheating student would try them (issue 18), through the real CLIs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmodSync, cpSync, mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import type { RunRecord } from '@lab4/core'
import { profileList } from '@lab4/core/testing'
import { ROOT, cli, latest, sandbox, verdicts } from './harness.ts'

const temp = (name: string) => mkdtempSync(join(tmpdir(), `lab4-e2e-sec-${name}-`))

describe('the context guard, live pnpm verify with a stub minikube on PATH', () => {
  let listener: Server
  let connections = 0
  let port = 0
  beforeAll(async () => {
    listener = createServer((s) => {
      connections += 1
      s.destroy()
    })
    await new Promise<void>((ok) => listener.listen(0, '127.0.0.1', ok))
    port = (listener.address() as { port: number }).port
  })
  afterAll(() => new Promise<void>((ok) => listener.close(() => ok())))

  // minikube says profile lab4 runs at 192.168.49.2:8443; docker forwards its apiserver from 127.0.0.1:32772.
  function stubs(o: { kubectl?: 'real' | 'logged' } = {}) {
    const dir = temp('bin')
    const log = join(dir, 'calls.log')
    writeFileSync(join(dir, 'profiles.json'), profileList([{ name: 'lab4' }]))
    const script = (body: string) =>
      `#!/bin/sh\necho "$(date +%s%3N) $(basename "$0") $*" >> "${log}"\n${body}\n`
    const put = (name: string, body: string) => {
      writeFileSync(join(dir, name), script(body))
      chmodSync(join(dir, name), 0o755)
    }
    put(
      'minikube',
      [
        'case "$1" in',
        `  status) printf '%s' '{"Name":"lab4","Host":"Running","Kubelet":"Running","APIServer":"Running","Kubeconfig":"Configured","Worker":false}'; exit 0;;`,
        `  profile) cat "${join(dir, 'profiles.json')}"; exit 0;;`,
        '  ip) echo 192.168.49.2; exit 0;;',
        'esac',
        'exit 1',
      ].join('\n'),
    )
    put('docker', '[ "$1" = port ] && echo 127.0.0.1:32772 && exit 0\nexit 1')
    if (o.kubectl === 'logged') put('kubectl', 'echo "The connection to the server was refused" >&2\nexit 1')
    return { dir, log, calls: () => readFileSync(log, 'utf8').trim().split('\n').filter(Boolean) }
  }

  const kubeconfig = (doc: Record<string, unknown>) => {
    const file = join(temp('kube'), 'config')
    writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'Config', ...doc }))
    return file
  }
  const ext = (name: string) => [
    { extension: { provider: 'minikube.sigs.k8s.io', version: 'v1.34.0' }, name },
  ]
  const marked = (server: string) => ({
    clusters: [
      {
        name: 'lab4',
        cluster: { server, 'certificate-authority': '/h/.minikube/ca.crt', extensions: ext('cluster_info') },
      },
    ],
    contexts: [{ name: 'lab4', context: { cluster: 'lab4', user: 'lab4', extensions: ext('context_info') } }],
    users: [
      {
        name: 'lab4',
        user: {
          'client-certificate': '/h/.minikube/profiles/lab4/client.crt',
          'client-key': '/h/.minikube/profiles/lab4/client.key',
        },
      },
    ],
    'current-context': 'lab4',
  })

  const verify = async (bin: string, files: string[]) => {
    const box = sandbox('guard')
    const env = { PATH: `${bin}${delimiter}${process.env.PATH ?? ''}`, KUBECONFIG: files.join(delimiter) }
    return cli('verify', [], box, { env })
  }

  it('refuses a foreign context named lab4 without minikube marker; the foreign server hears nothing', async () => {
    const s = stubs({ kubectl: 'real' })
    const foreign = kubeconfig({
      clusters: [
        { name: 'corp', cluster: { server: `https://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true } },
      ],
      contexts: [{ name: 'lab4', context: { cluster: 'corp', user: 'me' } }],
      users: [{ name: 'me', user: { token: 'kZ9fQ2xW7mL4pR8tY1vB3nC6' } }],
      'current-context': 'lab4',
    })
    const r = await verify(s.dir, [foreign])
    expect(r.code, r.stdout + r.stderr).toBe(2)
    expect(r.stderr).toMatch(/refusing to use kubeconfig context "lab4"/)
    expect(r.stderr).toMatch(/context "lab4" has no minikube marker/)
    expect(connections).toBe(0)
  })

  it('refuses a marked context whose server is not the profile address, found in the second KUBECONFIG file', async () => {
    const s = stubs({ kubectl: 'real' })
    const other = kubeconfig({
      clusters: [],
      contexts: [{ name: 'work', context: { cluster: 'x' } }],
      'current-context': 'work',
    })
    const r = await verify(s.dir, [other, kubeconfig(marked(`https://127.0.0.1:${port}`))])
    expect(r.code, r.stdout + r.stderr).toBe(2)
    expect(r.stderr).toContain(
      `cluster "lab4" points at https://127.0.0.1:${port}, but minikube reports https://192.168.49.2:8443 (forwarded from 127.0.0.1:32772)`,
    )
    expect(s.calls().filter((c) => / kubectl /.test(c))).toEqual([])
    expect(connections).toBe(0)
  })

  it('stops at once when the context does not exist: no kubectl, under 2 s from the probe to the exit', async () => {
    const s = stubs({ kubectl: 'logged' })
    const r = await verify(s.dir, [kubeconfig({ clusters: [], contexts: [], 'current-context': '' })])
    const exitedAt = Date.now()
    expect(r.code, r.stdout + r.stderr).toBe(2)
    expect(r.stderr).toMatch(/kubeconfig has no context "lab4"/)
    const calls = s.calls()
    expect(calls.some((c) => / kubectl /.test(c))).toBe(false)
    const probedAt = Number(calls.find((c) => / minikube status /.test(c))?.split(' ')[0])
    expect(exitedAt - probedAt).toBeLessThan(2000)
    expect(connections).toBe(0)
  })
})

// One simulated lab, its secrets planted through the config, for the record's tests below.
const BEARER = 'Bearer kZ9fQ2xW7mL4pR8tY1vB3nC6'
const KEY_B64 = 'LS0tLS1CRUdJTiBFQyBQUklWQVRFIEtFWS0tLS0tCk1IY0NBUUVFSUJrZzRMVldNOW51'
const PEM_BODY = 'MHcCAQEEIBkg4LVWM9nuwNSk3yByxZpYRTBnVJk5oBorCCtyRaQ5oAoGCCqGSM49'
const SECRETS = ['kZ9fQ2xW7mL4pR8tY1vB3nC6', KEY_B64, PEM_BODY]

describe('a simulated record', () => {
  const box = sandbox('record')
  let run: RunRecord
  beforeAll(async () => {
    const config = join(temp('config'), 'lab.config.yaml')
    writeFileSync(
      config,
      JSON.stringify({
        student: { author: `Ivanov ${BEARER}`, group: 'K4112c' },
        app: {
          username: BEARER,
          company: `-----BEGIN EC PRIVATE KEY-----${PEM_BODY}-----END EC PRIVATE KEY----- client-key-data: ${KEY_B64}`,
        },
      }),
    )
    const r = await cli('lab', ['--simulate', '--config', config], box)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    run = latest(box)
  })

  const copy = (name: string) => {
    const dir = join(temp(name), run.header.runId)
    cpSync(run.dir, dir, { recursive: true })
    return dir
  }

  const files = (d: string): string[] =>
    readdirSync(d).flatMap((f) => (statSync(join(d, f)).isDirectory() ? files(join(d, f)) : [join(d, f)]))

  it('keeps the planted token, PEM key and client-key-data out of the journal and the artifacts, and checks pass', () => {
    for (const f of files(run.dir).filter((f) => !f.endsWith('.png') && !f.endsWith('config.json')))
      for (const s of SECRETS) expect(readFileSync(f, 'utf8'), f).not.toContain(s)
    // They did travel: the deployment's env (a stdout), the page values (a verdict's actual), the manifest.
    const journal = readFileSync(join(run.dir, 'journal.ndjson'), 'utf8')
    expect(journal).toMatch(/"stdout":"[^\n]*REACT_APP_USERNAME[^\n]*Bearer \[REDACTED\]/)
    expect(verdicts(run).find((v) => v.check === 'app.page-values')?.actual).toContain('Bearer [REDACTED]')
    expect(readFileSync(join(run.dir, 'artifacts', 'frontend.yaml'), 'utf8')).toContain('Bearer [REDACTED]')
    expect(
      verdicts(run)
        .filter((v) => v.status !== 'PASS')
        .map((v) => `${v.check}: ${v.actual}`),
    ).toEqual([])
  })

  it('keeps them out of config.json, the markdown and the PDF, and re-grades offline alike', async () => {
    for (const s of SECRETS) expect(readFileSync(join(run.dir, 'config.json'), 'utf8')).not.toContain(s)
    const out = mkdtempSync(join(tmpdir(), 'lab4-e2e-secret-report-'))
    const r = await cli('report', ['--run', run.dir, '--out', out], box)
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const md = readFileSync(join(out, 'lab4_report.md'), 'utf8')
    const pdf = execFileSync('pdftotext', ['-enc', 'UTF-8', join(out, 'lab4_report.pdf'), '-'], {
      encoding: 'utf8',
    })
    for (const s of SECRETS) {
      expect(md).not.toContain(s)
      expect(pdf).not.toContain(s)
    }
    const v = await cli('verify', ['--run', run.dir, '--allow-simulated'], box)
    expect(v.stdout).toMatch(/\d+ passed, 0 failed, 0 not gradable/)
  })

  it('is NOT-GRADABLE simulated, exit 2, when its header is flipped to real and the hashes recomputed', async () => {
    const dir = copy('flipped')
    const file = join(dir, 'journal.ndjson')
    const lines = readFileSync(file, 'utf8').split('\n')
    lines[0] = (lines[0] ?? '').replace('"simulated":true', '"simulated":false')
    // A forger recomputes the chain: each line's `prev` is the sha256 of the line before, as written.
    let prev = createHash('sha256').update('').digest('hex')
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] ?? ''
      if (!line) continue
      lines[i] = line.replace(/"prev":"[0-9a-f]{64}"/, `"prev":"${prev}"`)
      prev = createHash('sha256')
        .update(lines[i] ?? '')
        .digest('hex')
    }
    writeFileSync(file, lines.join('\n'))
    expect(readFileSync(file, 'utf8')).toContain('"simulated":false')
    const json = join(dir, 'verify.json')
    const r = await cli('verify', ['--run', dir, '--json', json], box)
    expect(r.code, r.stdout + r.stderr).toBe(2)
    expect(r.stdout).toMatch(/simulator fingerprint/)
    const v = JSON.parse(readFileSync(json, 'utf8')) as {
      steps: Array<{ id: string; checks: Array<{ status: string; cause: string | null }> }>
    }
    // Every check of the lab's steps; the record's own checks (chain, clock) judge the file, not the cluster.
    const checks = v.steps.filter((g) => g.id !== 'record').flatMap((g) => g.checks)
    expect(checks.length).toBeGreaterThan(10)
    expect(new Set(checks.map((c) => `${c.status} ${c.cause}`))).toEqual(new Set(['NOT-GRADABLE simulated']))
  })

  it('fails record.integrity when a screenshot is swapped', async () => {
    const dir = copy('swapped')
    const shots = run.entries.flatMap((e) => (e.type === 'artifact' && e.key === 'app.screenshot' ? [e] : []))
    expect(shots.length).toBeGreaterThanOrEqual(2)
    const [a, b] = shots
    writeFileSync(join(dir, a?.path ?? ''), readFileSync(join(dir, b?.path ?? '')))
    const r = await cli('verify', ['--run', dir], box)
    expect(r.code, r.stdout + r.stderr).toBe(1)
    expect(r.stdout).toMatch(/FAIL record\.integrity:/)
    expect(r.stdout).toContain(`artifact ${a?.id} (${a?.path}): sha256`)
  })

  it('writes a new report for an edited run outside report/runs (no stale cache)', async () => {
    const dir = copy('cache')
    const md = () => readFileSync(join(ROOT, 'report', 'lab4_report.md'), 'utf8')
    const once = await cli('report', ['--run', dir, '--no-pdf'], box)
    expect(once.code, once.stdout + once.stderr).toBe(0)
    expect(md()).toContain('Ivanov')
    const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as {
      student: { author: string }
    }
    writeFileSync(
      join(dir, 'config.json'),
      JSON.stringify({ ...config, student: { ...config.student, author: 'Petrov Petr' } }),
    )
    const twice = await cli('report', ['--run', dir, '--no-pdf'], box)
    expect(twice.code, twice.stdout + twice.stderr).toBe(0)
    expect(twice.stdout).not.toMatch(/restored it from its cache/)
    expect(md()).toContain('Petrov Petr')
    expect(md()).not.toContain('Ivanov')
  })
})
