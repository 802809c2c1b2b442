import { describe, expect, it } from 'vitest'
import { chmodSync, mkdtempSync, mkdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { labConfig } from '../testing/run.ts'
import { fixture } from '../testing/preflight.ts'
import { probeFacts, which } from './probe.ts'

type Answer = { stdout?: string; stderr?: string; exit?: number; sleep?: number }

// The fakes run with only their own folder on PATH, so they call cat and sleep by full path.
const CAT = which('cat') ?? '/bin/cat'
const SLEEP = which('sleep') ?? '/bin/sleep'

/** A directory of fake programs: each answers by its first argument, from files written beside it. */
function fakeBin(tools: Record<string, Record<string, Answer>>): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab4-probe-'))
  for (const [tool, verbs] of Object.entries(tools)) {
    const cases = Object.entries(verbs).map(([verb, a]) => {
      const base = join(dir, `.${tool}-${verb}`)
      writeFileSync(`${base}.out`, a.stdout ?? '')
      writeFileSync(`${base}.err`, a.stderr ?? '')
      return `  ${verb}) ${a.sleep ? `${SLEEP} ${a.sleep}; ` : ''}${CAT} '${base}.out'; ${CAT} '${base}.err' >&2; exit ${a.exit ?? 0} ;;`
    })
    writeFileSync(join(dir, tool), `#!/bin/sh\ncase "$1" in\n${cases.join('\n')}\n  *) exit 64 ;;\nesac\n`)
    chmodSync(join(dir, tool), 0o755)
  }
  return dir
}

const host = {
  platform: 'linux' as const,
  wsl: false,
  arch: 'x86_64',
  cpus: 4,
  availableMemoryMiB: 8000,
  amd64Emulation: false,
}

describe('probeFacts', () => {
  it('asks each program on PATH for its version and keeps what it said, exit code and all', async () => {
    const down = fixture('docker-version-daemon-down.txt')
    const path = fakeBin({
      minikube: { version: { stdout: 'v1.38.1\n' } },
      kubectl: { version: { stdout: fixture('kubectl-version-client.json.txt') } },
      docker: {
        version: { stdout: '\n', stderr: down, exit: 1 },
        info: { stdout: '{}\n', stderr: down, exit: 1 },
      },
    })
    const home = mkdtempSync(join(tmpdir(), 'lab4-home-'))
    const f = await probeFacts(labConfig(), { env: { PATH: path, HOME: home }, timeoutMs: 5000, host })
    expect(f.minikube).toMatchObject({
      path: join(path, 'minikube'),
      run: { exitCode: 0, stdout: 'v1.38.1\n' },
    })
    expect(f.kubectl.run?.stdout).toContain('"gitVersion": "v1.32.4-dispatcher"')
    expect(f.driver).toMatchObject({ name: 'docker', bin: 'docker', path: join(path, 'docker') })
    expect(f.driver.version).toMatchObject({ exitCode: 1, timedOut: false })
    expect(f.driver.version?.stderr).toContain(
      'Cannot connect to the Docker daemon at unix:///var/run/docker.sock.',
    )
    expect(f.profileExists).toBe(false)
    expect(f.host.disk?.path).toBe(join(home, '.minikube'))
    expect(f.host.disk?.freeMiB).toBeGreaterThan(0)
  })

  it('runs nothing that is not on PATH, and sees an existing profile in MINIKUBE_HOME', async () => {
    const home = mkdtempSync(join(tmpdir(), 'lab4-mkhome-'))
    mkdirSync(join(home, '.minikube', 'profiles', 'lab4'), { recursive: true })
    writeFileSync(join(home, '.minikube', 'profiles', 'lab4', 'config.json'), '{}')
    const f = await probeFacts(labConfig(), {
      env: { PATH: fakeBin({}), MINIKUBE_HOME: home },
      timeoutMs: 5000,
      host,
    })
    expect(f.minikube).toEqual({})
    expect(f.kubectl).toEqual({})
    expect(f.driver).toEqual({ name: 'docker', bin: 'docker' })
    expect(f.profileExists).toBe(true)
  })

  it('asks the simulator’s programs nothing: with --simulate only PATH counts', async () => {
    const path = fakeBin({ minikube: { version: { stdout: 'v1.34.0\n' } }, kubectl: {}, docker: {} })
    const f = await probeFacts(labConfig(), { env: { PATH: path }, simulated: true, timeoutMs: 5000, host })
    expect(f.simulated).toBe(true)
    expect(f.minikube).toEqual({ path: join(path, 'minikube') })
    expect(f.driver).toEqual({ name: 'docker', bin: 'docker', path: join(path, 'docker') })
  })

  it('gives up on a program that does not answer within the timeout', async () => {
    const path = fakeBin({ minikube: { version: { stdout: 'v1.38.1\n', sleep: 5 } } })
    const f = await probeFacts(labConfig(), { env: { PATH: path }, timeoutMs: 300, host })
    expect(f.minikube.run).toMatchObject({ timedOut: true })
  })

  it('which() finds only executable files', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lab4-which-'))
    writeFileSync(join(dir, 'plain'), '')
    mkdirSync(join(dir, 'adir'))
    expect(which('plain', dir)).toBeUndefined()
    expect(which('adir', dir)).toBeUndefined()
    const bin = fakeBin({ tool: {} })
    expect(which('tool', `${dir}:${bin}`)).toBe(join(bin, 'tool'))
  })
})
