import { describe, expect, it } from 'vitest'
import { preflight, type PreflightResult } from './preflight.ts'
import { labConfig } from './testing/run.ts'
import { answered, fixture, goodFacts, refused } from './testing/preflight.ts'

const config = labConfig()
const only = (r: PreflightResult) => {
  expect(r.problems).toHaveLength(1)
  return r.problems[0] ?? { what: '', fix: '' }
}
const daemonDown = {
  version: refused(fixture('docker-version-daemon-down.txt')),
  info: refused(fixture('docker-version-daemon-down.txt')),
}

describe('preflight on a machine that can run the lab', () => {
  it('finds nothing and says what it found: engine, minikube with its Calico, kubectl, CPUs, memory, disk', () => {
    const r = preflight(config, goodFacts())
    expect(r.problems).toEqual([])
    expect(r.warnings).toEqual([])
    expect(r.seen).toEqual([
      'minikube v1.38.1 (installs Calico v3.31.3)',
      'kubectl v1.32.4-dispatcher',
      'docker 28.2.2',
      '16 CPUs',
      '15.6 GiB free',
      '78.1 GiB disk free',
    ])
  })

  it('names the Calico of a patch release by the release that set it', () => {
    const r = preflight(config, goodFacts({ minikube: { path: '/m', run: answered('v1.33.1\n') } }))
    expect(r.seen[0]).toBe('minikube v1.33.1 (installs Calico v3.27.3, as v1.33.0 does)')
  })
})

describe('the Docker daemon must answer `docker version`', () => {
  it('down on Linux: the real error, and systemctl start docker', () => {
    const p = only(preflight(config, goodFacts({ driver: daemonDown })))
    expect(p.what).toBe(
      'the Docker daemon does not answer: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
    )
    expect(p.fix).toBe(
      '`sudo systemctl start docker` (and `sudo systemctl enable docker` to start it at every boot)',
    )
  })

  it('down on macOS: start Docker Desktop', () => {
    const p = only(preflight(config, goodFacts({ driver: daemonDown, host: { platform: 'darwin' } })))
    expect(p.fix).toMatch(/^start Docker Desktop \(`open -a Docker`\)/)
  })

  it('down inside WSL: Docker Desktop with WSL integration, or the Engine inside WSL', () => {
    const p = only(preflight(config, goodFacts({ driver: daemonDown, host: { wsl: true } })))
    expect(p.fix).toMatch(/WSL integration is on for this distro/)
    expect(p.fix).toMatch(/`sudo service docker start`/)
  })

  it('Docker Desktop not started on Windows: its named pipe is missing', () => {
    const text = fixture('docker-windows-pipe-not-found.txt')
    const p = only(
      preflight(config, goodFacts({ driver: { version: refused(text) }, host: { platform: 'win32' } })),
    )
    expect(p.what).toMatch(
      /^the Docker daemon does not answer: error during connect: .*dockerDesktopLinuxEngine/,
    )
    expect(p.fix).toMatch(/^start Docker Desktop from the Start menu/)
  })

  it.each([['docker-version-permission-denied.txt'], ['docker-permission-denied-got.txt']])(
    'permission denied (%s): join the docker group, never sudo',
    (file) => {
      const p = only(preflight(config, goodFacts({ driver: { version: refused(fixture(file)) } })))
      expect(p.what).toMatch(
        /^your user may not use the Docker daemon: (Got )?permission denied while trying/,
      )
      expect(p.fix).toMatch(
        /^add yourself to the docker group: `sudo usermod -aG docker \$USER`, then log out and back in/,
      )
      expect(p.fix).toMatch(/do not run the lab with sudo/)
    },
  )

  it('WSL 2 without Docker Desktop integration: the placeholder docker says so, and the fix is the setting', () => {
    const text = fixture('docker-wsl2-no-integration.txt')
    const p = only(preflight(config, goodFacts({ driver: { version: refused(text) }, host: { wsl: true } })))
    expect(p.what).toBe(
      "`docker` here is Docker Desktop's placeholder: \"The command 'docker' could not be found in this WSL 2 distro.\"",
    )
    expect(p.fix).toMatch(/Settings → Resources → WSL integration, turn it on for this distro/)
  })

  it('a WSL 1 distro: convert it to WSL 2 first', () => {
    const p = only(
      preflight(
        config,
        goodFacts({ driver: { version: refused(fixture('docker-wsl1-distro.txt')) }, host: { wsl: true } }),
      ),
    )
    expect(p.fix).toMatch(/`wsl --set-version <distro> 2`/)
  })

  it('a probe that runs out of time is a warning, not a verdict: the lab goes on and the steps find out', () => {
    const slow = { exitCode: null, stdout: '', stderr: '', timedOut: true }
    const r = preflight(config, goodFacts({ driver: { version: slow }, minikube: { path: '/m', run: slow } }))
    expect(r.problems).toEqual([])
    expect(r.warnings.map((w) => w.what)).toEqual([
      '`minikube version --short` did not answer within 1.5 s, so preflight could not check it',
      '`docker version --format {{.Server.Version}}` did not answer within 1.5 s, so preflight could not check it',
    ])
    expect(r.warnings[1]?.fix).toMatch(/may still be starting/)
  })

  it('docker not on PATH names the driver and how to install it for this platform', () => {
    const { problems } = preflight(
      config,
      goodFacts({ driver: { path: undefined, version: undefined, info: undefined } }),
    )
    expect(problems).toEqual([
      {
        what: 'the docker driver needs `docker`, which is not on PATH',
        fix: 'install Docker Engine: https://docs.docker.com/engine/install/, then `sudo usermod -aG docker $USER` and log in again',
      },
    ])
  })

  it('podman on Linux: `podman info` proves it works and gives its version, CPUs and memory', () => {
    const r = preflight(
      labConfig('cluster: { driver: podman }'),
      goodFacts({
        driver: {
          name: 'podman',
          bin: 'podman',
          version: undefined,
          info: answered(fixture('podman-info.json.txt')),
        },
      }),
    )
    expect(r.problems).toEqual([])
    expect(r.seen).toEqual(expect.arrayContaining(['podman 4.0.0', '8 CPUs', '15.6 GiB free']))
  })

  it('podman on macOS whose machine is not running: podman machine start', () => {
    const podman = preflight(
      labConfig('cluster: { driver: podman }'),
      goodFacts({
        host: { platform: 'darwin' },
        driver: {
          name: 'podman',
          bin: 'podman',
          version: undefined,
          info: refused(fixture('podman-machine-down.txt'), 125),
        },
      }),
    )
    expect(only(podman).fix).toBe('`podman machine start` (the first time: `podman machine init` before it)')
  })
})

describe('minikube and kubectl', () => {
  it('an old minikube exits 2 with the upgrade and the Calico the new one installs', () => {
    const p = only(preflight(config, goodFacts({ minikube: { path: '/m', run: answered('v1.29.0\n') } })))
    expect(p.what).toBe(
      'minikube v1.29.0 is older than v1.30.0, the oldest this lab supports (it installs a Calico older than v3.24.5)',
    )
    expect(p.fix).toBe(
      'upgrade minikube: https://minikube.sigs.k8s.io/docs/start/ (v1.38.1 installs Calico v3.31.3)',
    )
  })

  it('without minikube the fix also offers the simulator', () => {
    const p = only(preflight(config, goodFacts({ minikube: {} })))
    expect(p.what).toBe('minikube is not on PATH')
    expect(p.fix).toMatch(/^install minikube: https:\/\/minikube\.sigs\.k8s\.io\/docs\/start\//)
    expect(p.fix).toMatch(/or look around first with `pnpm lab --simulate`, which needs no minikube$/)
  })

  it('kubectl must be on PATH and run, except for `pnpm lab down`', () => {
    expect(only(preflight(config, goodFacts({ kubectl: {} }))).what).toBe('kubectl is not on PATH')
    const broken = goodFacts({
      kubectl: { path: '/k', run: refused('cannot execute binary file: Exec format error', 126) },
    })
    expect(only(preflight(config, broken)).what).toBe(
      'kubectl (/k) does not run: cannot execute binary file: Exec format error',
    )
    expect(preflight(config, goodFacts({ kubectl: {} }), 'down').problems).toEqual([])
  })
})

describe('memory, CPUs and disk for two nodes', () => {
  const desktop3gb = { info: answered(fixture('docker-info-desktop-3gb.json.txt')) }

  it('Docker Desktop with a 3 GB VM (macOS): raise its memory in Settings', () => {
    const p = only(preflight(config, goodFacts({ driver: desktop3gb, host: { platform: 'darwin' } })))
    expect(p.what).toBe('Docker Desktop gives its VM 2996 MiB; 2 nodes × 2200 MiB need 4400 MiB')
    expect(p.fix).toMatch(
      /^Docker Desktop → Settings → Resources → Memory: at least 6 GB, then Apply & restart/,
    )
  })

  it('Docker Desktop on WSL 2: the memory limit lives in .wslconfig', () => {
    const p = only(preflight(config, goodFacts({ driver: desktop3gb, host: { wsl: true } })))
    expect(p.fix).toMatch(/%UserProfile%\\.wslconfig put `memory=6GB` under `\[wsl2\]`, run `wsl --shutdown`/)
  })

  it('Docker Desktop with 10 GB is enough, whatever the host has free', () => {
    const r = preflight(
      config,
      goodFacts({
        driver: { info: answered(fixture('docker-info-desktop-10gb.json.txt')) },
        host: { availableMemoryMiB: 900 },
      }),
    )
    expect(r.problems).toEqual([])
    expect(r.seen).toContain('9.7 GiB for the VM')
  })

  it('Docker Engine on Linux: the host needs the nodes plus 1 GiB free', () => {
    const p = only(preflight(config, goodFacts({ host: { availableMemoryMiB: 3000 } })))
    expect(p.what).toBe('2 nodes × 2200 MiB plus 1 GiB for this machine need 5424 MiB free; 3000 MiB is free')
    expect(p.fix).toMatch(/lower cluster\.memory \(at least 1800\)/)
    const smaller = labConfig('cluster: { memory: 1800 }')
    expect(preflight(smaller, goodFacts({ host: { availableMemoryMiB: 4700 } })).problems).toEqual([])
  })

  it('a profile that exists already only warns about memory: its nodes hold it', () => {
    const r = preflight(config, goodFacts({ host: { availableMemoryMiB: 3000 }, profileExists: true }))
    expect(r.problems).toEqual([])
    expect(r.warnings[0]?.what).toMatch(/3000 MiB is free \(profile lab4 exists already\)$/)
  })

  it('fewer than 2 CPUs, and too little disk, each name the fix', () => {
    const oneCpu = { driver: { info: undefined }, host: { cpus: 1 } }
    expect(only(preflight(config, goodFacts(oneCpu))).what).toBe(
      'this machine has 1 CPU; each minikube node needs 2',
    )
    const full = only(
      preflight(config, goodFacts({ host: { disk: { path: '/var/lib/docker', freeMiB: 3000 } } })),
    )
    expect(full.what).toBe("/var/lib/docker has 2.9 GiB free; the nodes' images need about 7.0 GiB")
    expect(full.fix).toMatch(/`docker system prune`/)
  })

  it('the simulator needs none of the machine’s resources, and its own programs are not asked anything', () => {
    const sim = goodFacts({
      simulated: true,
      host: { availableMemoryMiB: 10, cpus: 1 },
      minikube: { path: '/sim/bin/minikube' },
      kubectl: { path: '/sim/bin/kubectl' },
      driver: { path: '/sim/bin/docker', version: undefined, info: undefined },
    })
    expect(preflight(config, sim)).toEqual({
      problems: [],
      warnings: [],
      seen: ["the simulator's minikube, kubectl and docker"],
    })
  })
})

describe('arm64: the frontend image is amd64-only', () => {
  const arm = { info: answered(fixture('docker-info-desktop-arm64.json.txt')) }

  it('Apple silicon with Docker Desktop: a warning that it runs under emulation, and the lab goes on', () => {
    const r = preflight(config, goodFacts({ driver: arm, host: { platform: 'darwin', arch: 'arm64' } }))
    expect(r.problems).toEqual([])
    expect(r.warnings).toEqual([
      {
        what: 'Docker Desktop runs aarch64: the frontend image ifilyaninitmo/itdt-contained-frontend:master is built for linux/amd64 only, so it runs under emulation and its `npm run build` at start takes several times longer',
        fix: 'nothing to install; if app.deploy times out, raise timeouts.podReady in lab.config.yaml (e.g. to 1800)',
      },
    ])
  })

  it('an arm64 Linux host with no amd64 emulation cannot run the image at all: exit 2 with the binfmt fix', () => {
    const p = only(preflight(config, goodFacts({ driver: { info: undefined }, host: { arch: 'aarch64' } })))
    expect(p.what).toMatch(/^this machine runs aarch64 and cannot run amd64 programs/)
    expect(p.fix).toMatch(/tonistiigi\/binfmt --install amd64/)
    const emulated = preflight(
      config,
      goodFacts({ driver: { info: undefined }, host: { arch: 'aarch64', amd64Emulation: true } }),
    )
    expect(emulated.problems).toEqual([])
    expect(emulated.warnings).toHaveLength(1)
  })

  it('says nothing about a frontend image the config replaced', () => {
    const own = labConfig('app: { image: me/frontend:arm64 }')
    expect(preflight(own, goodFacts({ driver: arm, host: { platform: 'darwin' } })).warnings).toEqual([])
  })
})
