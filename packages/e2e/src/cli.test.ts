// The CLI's contract without a cluster: --plan, preflight, and input validation before any command.
import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { mkdtempSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, sandbox, ROOT } from './harness.ts'

const gitStatus = () =>
  execFileSync('git', ['status', '--porcelain', '--ignored'], { cwd: ROOT, encoding: 'utf8' })

describe('pnpm lab --plan', () => {
  it('prints the whole plan without a cluster and exits 0', async () => {
    const box = sandbox('plan')
    const r = await cli('lab', ['--plan'], box, { env: { PATH: onlyNode() } })
    expect(r.code).toBe(0)
    for (const needle of [
      'minikube start -p lab4 --nodes 2 --cni calico',
      'calicoctl',
      'manifest',
      'ippools.yaml',
      'frontend.yaml',
      'port-forward',
      'ping -c 3',
      'nslookup',
    ]) {
      expect(r.stdout).toContain(needle)
    }
    expect(existsSync(box.runsDir)).toBe(false)
  })
})

describe('preflight', () => {
  // How fast it fails is measured by bench/preflight.ts, not asserted here (no timed tests).
  it('with no minikube on PATH exits 2, names minikube and how to install it, and writes nothing', async () => {
    const box = sandbox('nominikube')
    const before = gitStatus()
    const r = await cli('lab', [], box, { env: { PATH: onlyNode() } })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/minikube is not on PATH/)
    expect(r.stderr).toMatch(/install minikube: https:\/\/minikube\.sigs\.k8s\.io/)
    expect(existsSync(box.runsDir)).toBe(false)
    expect(gitStatus()).toBe(before)
  })
})

describe('input validation happens before any command', () => {
  it.each([
    ['replicas: 0', 'app:\n  replicas: 0\n', /app\.replicas/],
    ['an unknown key', 'app:\n  replicaz: 2\n', /app\.replicaz: unknown key/],
    [
      'a malformed CIDR',
      'pools:\n  - zone: east\n    cidr: 10.244.1/24\n  - zone: west\n    cidr: 10.244.2.0/24\n',
      /pools\[0\]\.cidr/,
    ],
  ])('%s exits 2 naming the YAML path, and runs nothing', async (_name, yaml, path) => {
    const box = sandbox('config')
    const file = join(mkdtempSync(join(tmpdir(), 'lab4-cfg-')), 'lab.config.yaml')
    writeFileSync(file, yaml)
    const r = await cli('lab', ['--simulate', '--config', file], box)
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(path)
    expect(existsSync(box.runsDir)).toBe(false)
    expect(existsSync(box.simDir)).toBe(false)
  })
})

describe('pnpm lab lint', () => {
  it('reports host bits and the overlap of 10.244.102.1/24 and 10.244.102.2/24, exit 2', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lab4-lint-')), 'lab.config.yaml')
    writeFileSync(
      file,
      'pools:\n  - zone: east\n    cidr: 10.244.102.1/24\n  - zone: west\n    cidr: 10.244.102.2/24\n',
    )
    const r = await cli('lab', ['lint', '--config', file], sandbox('lint'))
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/pools\[0\]\.cidr.*host bits/)
    expect(r.stdout).toMatch(/pools\[1\]\.cidr.*host bits/)
    expect(r.stdout).toMatch(/overlap/)
  })

  it.each([['10.96.0.0/16'], ['192.168.49.0/25']])('rejects a pool overlapping %s', async (cidr) => {
    const file = join(mkdtempSync(join(tmpdir(), 'lab4-lint-')), 'lab.config.yaml')
    writeFileSync(
      file,
      `pools:\n  - zone: east\n    cidr: ${cidr}\n  - zone: west\n    cidr: 10.244.2.0/24\n`,
    )
    const r = await cli('lab', ['lint', '--config', file], sandbox('lint'))
    expect(r.code).toBe(2)
    expect(r.stdout).toMatch(/pools\[0\]\.cidr/)
  })
})

describe('usage errors', () => {
  it('an unknown flag exits 2 and shows usage', async () => {
    const r = await cli('lab', ['--nodez'], sandbox('usage'))
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(/^error: unknown flag --nodez/m)
  })
})

// A PATH with node (tsx needs it) and nothing else: no minikube, kubectl or docker.
function onlyNode(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab4-path-'))
  symlinkSync(process.execPath, join(dir, 'node'))
  return dir
}
