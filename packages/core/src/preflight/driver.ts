// Does the container engine answer, and if not, why and how to fix it on this platform. Pure: it reads the
// probe's answers, recognising Docker's and Podman's real error texts (fixtures/ holds the captured ones).
import type { DriverFacts, HostFacts, Run } from './facts.ts'

export type Item = { readonly what: string; readonly fix: string }
/** `warn`: printed, and the lab goes on. */
export type Finding = Item & { readonly warn?: boolean }

/** The read-only commands the probe runs for a container driver. */
export const ENGINE_PROBES = {
  docker: {
    version: ['docker', 'version', '--format', '{{.Server.Version}}'],
    info: ['docker', 'info', '--format', '{{json .}}'],
  },
  podman: { info: ['podman', 'info', '--format', 'json'] },
} as const

/** What `docker info` / `podman info` told about the engine. */
export type Engine = {
  readonly version?: string
  readonly product?: string
  /** Where the containers run: inside Docker Desktop's or podman machine's VM, or on this host. */
  readonly vm?: 'docker-desktop' | 'podman-machine'
  readonly osType?: string
  readonly arch?: string
  readonly cpus?: number
  readonly memoryMiB?: number
  readonly rootDir?: string
}

const MIB = 1024 * 1024
const num = (v: unknown): number | undefined => (typeof v === 'number' && v > 0 ? v : undefined)
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined)

export function readEngine(d: DriverFacts, host: HostFacts): Engine {
  let j: Record<string, unknown> = {}
  try {
    if (d.info?.exitCode === 0) j = JSON.parse(d.info.stdout) as Record<string, unknown>
  } catch {
    // not JSON: the engine answered something else; the version line still counts
  }
  if (d.name === 'podman') {
    const h = (j.host ?? {}) as Record<string, unknown>
    const v = (j.version ?? {}) as Record<string, unknown>
    const s = (j.store ?? {}) as Record<string, unknown>
    const mem = num(h.memTotal) ?? num(h.MemTotal)
    const version = str(v.Version)
    return {
      ...(version ? { version } : {}),
      product: 'podman',
      ...(host.platform !== 'linux' || host.wsl ? { vm: 'podman-machine' as const } : {}),
      osType: str(h.os) ?? 'linux',
      ...(str(h.arch) ? { arch: str(h.arch) } : {}),
      ...(num(h.cpus) ? { cpus: num(h.cpus) } : {}),
      ...(mem ? { memoryMiB: Math.floor(mem / MIB) } : {}),
      ...(str(s.graphRoot) ? { rootDir: str(s.graphRoot) } : {}),
    }
  }
  const version = d.version?.exitCode === 0 ? d.version.stdout.trim() || undefined : str(j.ServerVersion)
  const product = str(j.OperatingSystem)
  const mem = num(j.MemTotal)
  return {
    ...(version ? { version } : {}),
    ...(product ? { product } : {}),
    ...(product === 'Docker Desktop' ? { vm: 'docker-desktop' as const } : {}),
    ...(str(j.OSType) ? { osType: str(j.OSType) } : {}),
    ...(str(j.Architecture) ? { arch: str(j.Architecture) } : {}),
    ...(num(j.NCPU) ? { cpus: num(j.NCPU) } : {}),
    ...(mem ? { memoryMiB: Math.floor(mem / MIB) } : {}),
    ...(str(j.DockerRootDir) ? { rootDir: str(j.DockerRootDir) } : {}),
  }
}

// Recognised by the words the engines print (see fixtures/); order matters: the WSL stub exits like a failure.
const WSL2_STUB = /could not be found in this WSL 2 distro/
const WSL1_STUB = /could not be found in this WSL 1 distro/
const PERMISSION = /permission denied while trying to connect to the docker daemon socket/i
const DOWN = /Is the docker daemon running\?|docker daemon is not running|Cannot connect to the Docker daemon/
const WINDOWS_PIPE = /pipe[/\\].*(docker_engine|dockerDesktopLinuxEngine).*cannot find the file specified/i
const PODMAN_DOWN = /Cannot connect to Podman|podman machine start/
const DESKTOP_LINUX_SOCKET = /\.docker\/desktop\/docker\.sock/

const WSL_INTEGRATION =
  'in Docker Desktop on Windows open Settings → Resources → WSL integration, turn it on for this distro, Apply & restart, then open a new terminal (https://docs.docker.com/go/wsl2/)'

/** The line of the engine's answer that says what went wrong (shells may add noise lines of their own). */
function saying(r: Run): string {
  const lines = `${r.stderr}\n${r.stdout}`
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
  const known = [WSL2_STUB, WSL1_STUB, PERMISSION, WINDOWS_PIPE, DOWN, PODMAN_DOWN]
  return lines.find((l) => known.some((re) => re.test(l))) ?? lines.at(-1) ?? `exit ${r.exitCode ?? 'killed'}`
}

function daemonDownFix(host: HostFacts, said: string): string {
  if (host.wsl)
    return `start Docker Desktop on Windows and make sure its WSL integration is on for this distro (Settings → Resources → WSL integration); if you installed Docker Engine inside WSL instead: \`sudo service docker start\``
  if (host.platform === 'darwin')
    return 'start Docker Desktop (`open -a Docker`) and wait until it shows "Engine running", then run this again'
  if (host.platform === 'win32')
    return 'start Docker Desktop from the Start menu and wait until it shows "Engine running", then run this again'
  if (DESKTOP_LINUX_SOCKET.test(said)) return 'start Docker Desktop: `systemctl --user start docker-desktop`'
  return '`sudo systemctl start docker` (and `sudo systemctl enable docker` to start it at every boot)'
}

/** Why the engine cannot be used, with the fix for this platform; undefined when it answered. */
export function engineProblem(d: DriverFacts, host: HostFacts, timeoutMs: number): Finding | undefined {
  if (d.name !== 'docker' && d.name !== 'podman') return undefined
  const bin = d.name
  const run = d.name === 'docker' ? d.version : d.info
  if (!d.path || !run) return undefined // not on PATH: reported with the other missing programs
  const probe = `\`${(d.name === 'docker' ? ENGINE_PROBES.docker.version : ENGINE_PROBES.podman.info).join(' ')}\``
  if (run.timedOut)
    return {
      warn: true,
      what: `${probe} did not answer within ${(timeoutMs / 1000).toFixed(1)} s, so preflight could not check it`,
      fix: `${bin === 'docker' ? 'Docker' : 'podman'} may still be starting: if the lab then fails, wait until it is up (Docker Desktop shows "Engine running"; on Linux see \`systemctl status ${bin}\`) and run it again`,
    }
  if (run.exitCode === 0) return undefined
  const said = saying(run)
  if (WSL2_STUB.test(said))
    return { what: `\`docker\` here is Docker Desktop's placeholder: "${said}"`, fix: WSL_INTEGRATION }
  if (WSL1_STUB.test(said))
    return {
      what: `this distro runs WSL 1, where Docker Desktop does not work: "${said}"`,
      fix: 'convert it to WSL 2 in PowerShell (`wsl --set-version <distro> 2`), then turn on its WSL integration in Docker Desktop',
    }
  if (PERMISSION.test(said))
    return {
      what: `your user may not use the Docker daemon: ${said}`,
      fix:
        host.platform === 'linux'
          ? 'add yourself to the docker group: `sudo usermod -aG docker $USER`, then log out and back in (or run `newgrp docker` in this terminal); do not run the lab with sudo'
          : 'restart Docker Desktop; if it goes on, reset it (Troubleshoot → Reset to factory defaults)',
    }
  if (DOWN.test(said) || WINDOWS_PIPE.test(said))
    return { what: `the Docker daemon does not answer: ${said}`, fix: daemonDownFix(host, said) }
  if (PODMAN_DOWN.test(said))
    return {
      what: `podman cannot reach its machine: ${said}`,
      fix: '`podman machine start` (the first time: `podman machine init` before it)',
    }
  return {
    what: `${probe} failed: ${said}`,
    fix: `make \`${bin} ${bin === 'docker' ? 'version' : 'info'}\` work for your user first; its message says what is wrong`,
  }
}

/** Where "not on PATH" points a user for each program, on this platform. */
export function installFix(bin: string, host: HostFacts): string {
  switch (bin) {
    case 'minikube':
      return 'install minikube: https://minikube.sigs.k8s.io/docs/start/ (Linux: curl -LO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64 && sudo install minikube-linux-amd64 /usr/local/bin/minikube); or look around first with `pnpm lab --simulate`, which needs no minikube'
    case 'kubectl':
      return 'install kubectl: https://kubernetes.io/docs/tasks/tools/ (the lab calls `kubectl` itself, not `minikube kubectl --`)'
    case 'docker':
      return host.wsl
        ? `${WSL_INTEGRATION}; or install Docker Engine inside the distro: https://docs.docker.com/engine/install/`
        : host.platform === 'linux'
          ? 'install Docker Engine: https://docs.docker.com/engine/install/, then `sudo usermod -aG docker $USER` and log in again'
          : 'install Docker Desktop: https://docs.docker.com/get-started/get-docker/ and start it'
    case 'podman':
      return 'install podman: https://podman.io/docs/installation'
    default:
      return `install ${bin}, or choose another cluster.driver in lab.config.yaml`
  }
}
