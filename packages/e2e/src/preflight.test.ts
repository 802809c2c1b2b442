// Preflight as a student meets it: `pnpm lab` on a machine whose docker, minikube and kubectl answer like the
// real ones do (fake programs on PATH printing captured outputs). A bad machine exits 2 with the fix, before
// any run record exists, having run only version and info queries.
import { describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, sandbox, type Outcome } from './harness.ts'
import { callsIn, fakePath, healthy, preflightFixture, type FakeTools } from './testing/fake-tools.ts'

// What preflight may run: version and info queries only, so it cannot change the machine or the cluster.
const READ_ONLY = [
  'docker version --format {{.Server.Version}}',
  'docker info --format {{json .}}',
  'minikube version --short',
  'kubectl version --client -o json',
]
const down = preflightFixture('docker-version-daemon-down.txt')

/** `pnpm lab <args>` on a machine made of `tools`; its own HOME, so no real minikube profile is seen. */
async function labOn(
  tools: FakeTools,
  args: string[] = [],
): Promise<Outcome & { wroteRun: boolean; ran: string[] }> {
  const box = sandbox('preflight')
  const home = mkdtempSync(join(tmpdir(), 'lab4-home-'))
  const path = fakePath(tools)
  const r = await cli('lab', args, box, { env: { PATH: path, HOME: home } })
  return { ...r, wroteRun: existsSync(box.runsDir), ran: callsIn(path) }
}

describe('pnpm lab stops at preflight, exit 2, with the fix and no run record', () => {
  it('when the Docker daemon is down', async () => {
    const h = healthy()
    const r = await labOn({
      ...h,
      docker: {
        version: { stdout: '\n', stderr: down, exit: 1 },
        info: { stdout: '', stderr: down, exit: 1 },
      },
    })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      '✗ the Docker daemon does not answer: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    )
    expect(r.stderr).toMatch(/fix: (`sudo systemctl start docker`|start Docker Desktop)/)
    expect(r.wroteRun).toBe(false)
    expect([...r.ran].sort()).toEqual([...READ_ONLY].sort())
  })

  it('when the user may not use the Docker socket', async () => {
    const denied = preflightFixture('docker-version-permission-denied.txt')
    const r = await labOn({ ...healthy(), docker: { version: { stdout: '\n', stderr: denied, exit: 1 } } })
    expect(r.code).toBe(2)
    expect(r.stderr).toMatch(
      /✗ your user may not use the Docker daemon: permission denied while trying to connect/,
    )
    expect(r.stderr).toMatch(/fix: add yourself to the docker group: `sudo usermod -aG docker \$USER`/)
    expect(r.wroteRun).toBe(false)
  })

  it('when minikube is older than the lab supports, saying which Calico the upgrade brings', async () => {
    const r = await labOn({ ...healthy(), minikube: { version: { stdout: 'v1.29.0\n' } } })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('✗ minikube v1.29.0 is older than v1.30.0, the oldest this lab supports')
    expect(r.stderr).toContain(
      'fix: upgrade minikube: https://minikube.sigs.k8s.io/docs/start/ (v1.38.1 installs Calico v3.31.3)',
    )
    expect(r.wroteRun).toBe(false)
  })

  it('when Docker Desktop gives its VM too little memory for two nodes', async () => {
    const small = {
      ...healthy().docker,
      info: { stdout: preflightFixture('docker-info-desktop-3gb.json.txt') },
    }
    const r = await labOn({ ...healthy(), docker: small })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('✗ Docker Desktop gives its VM 2996 MiB; 2 nodes × 2200 MiB need 4400 MiB')
    expect(r.stderr).toMatch(
      /fix: (Docker Desktop → Settings → Resources → Memory: at least 6 GB|give WSL more memory)/,
    )
    expect(r.wroteRun).toBe(false)
  })

  it('on arm64 the emulation warning comes with the problems, so nothing is hidden', async () => {
    const arm = {
      ...healthy().docker,
      info: { stdout: preflightFixture('docker-info-desktop-arm64.json.txt') },
    }
    const r = await labOn({ ...healthy(), docker: arm, minikube: { version: { stdout: 'v1.29.0\n' } } })
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      '! Docker Desktop runs aarch64: the frontend image ifilyaninitmo/itdt-contained-frontend:master is built for linux/amd64 only, so it runs under emulation',
    )
    expect(r.stderr).toContain('fix: nothing to install; if app.deploy times out, raise timeouts.podReady')
    expect(r.wroteRun).toBe(false)
  })

  it('without minikube, naming how to install it and offering the simulator', async () => {
    const { minikube: _gone, ...rest } = healthy()
    const r = await labOn(rest)
    expect(r.code).toBe(2)
    expect(r.stderr).toContain('✗ minikube is not on PATH')
    expect(r.stderr).toContain('`pnpm lab --simulate`')
    expect(r.wroteRun).toBe(false)
  })
})

describe('pnpm lab preflight checks the machine and changes nothing', () => {
  it('a good machine passes with one line of what it found (its time is bench/preflight.ts’s figure)', async () => {
    const r = await labOn(healthy(), ['preflight'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /^preflight ✔ minikube v1\.38\.1 \(installs Calico v3\.31\.3\) · kubectl v1\.32\.4-dispatcher · docker 28\.2\.2 \(Docker Desktop\) · 4 CPUs · 9\.7 GiB for the VM · [\d.]+ GiB disk free \(\d+\.\ds\)$/m,
    )
    expect(r.wroteRun).toBe(false)
    expect([...r.ran].sort()).toEqual([...READ_ONLY].sort())
  })

  it('Apple silicon with Docker Desktop: a warning with its fix, and exit 0', async () => {
    const arm = {
      ...healthy().docker,
      info: { stdout: preflightFixture('docker-info-desktop-arm64.json.txt') },
    }
    const r = await labOn({ ...healthy(), docker: arm }, ['preflight'])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /^ {2}! Docker Desktop runs aarch64: the frontend image .* runs under emulation/m,
    )
    expect(r.wroteRun).toBe(false)
  })
})
