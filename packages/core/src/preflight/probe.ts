// The thin shell under preflight: look up programs on PATH, ask each for its version in parallel with a
// timeout, read memory, CPUs and disk. Every command is read-only, so preflight changes nothing.
import { accessSync, constants, existsSync, statSync, statfsSync } from 'node:fs'
import { availableParallelism, freemem, homedir, machine, release } from 'node:os'
import { basename, delimiter, dirname, join } from 'node:path'
import type { Runner } from '../command.ts'
import type { LabConfig } from '../config/schema.ts'
import { zxRunner } from '../runner/zx-runner.ts'
import { ENGINE_PROBES, readEngine } from './driver.ts'
import type { DriverFacts, Facts, HostFacts, Run, Tool } from './facts.ts'

export const MINIKUBE_VERSION_ARGV = ['minikube', 'version', '--short'] as const
export const KUBECTL_VERSION_ARGV = ['kubectl', 'version', '--client', '-o', 'json'] as const

/** The program each VM driver needs on PATH (container drivers are probed further). */
const DRIVER_BINARY: Partial<Record<LabConfig['cluster']['driver'], string>> = {
  docker: 'docker',
  podman: 'podman',
  kvm2: 'virsh',
  qemu2: 'qemu-system-x86_64',
  virtualbox: 'VBoxManage',
}

export function which(bin: string, path = process.env.PATH ?? ''): string | undefined {
  const exts = process.platform === 'win32' ? ['.exe', '.cmd', ''] : ['']
  for (const dir of path.split(delimiter)) {
    if (!dir) continue
    for (const ext of exts) {
      const full = join(dir, bin + ext)
      try {
        if (!statSync(full).isFile()) continue
        accessSync(full, constants.X_OK)
        return full
      } catch {
        // not here
      }
    }
  }
  return undefined
}

export type ProbeOptions = {
  readonly env: NodeJS.ProcessEnv
  readonly simulated?: boolean
  readonly runner?: Runner
  readonly timeoutMs: number
  /** The machine, overridable so tests never depend on the one they run on. */
  readonly host?: Partial<HostFacts>
}

export async function probeFacts(config: LabConfig, o: ProbeOptions): Promise<Facts> {
  const path = o.env.PATH ?? ''
  const runner = o.runner ?? zxRunner({ env: o.env })
  // The simulator's programs are ours: asking them proves nothing about this machine, so only PATH counts.
  const ask = async (found: string | undefined, argv: readonly string[]): Promise<Run | undefined> => {
    if (!found || o.simulated) return undefined
    // The runner kills a slow program at the timeout, but on a loaded machine its exit can lag: stop waiting then.
    let timer: NodeJS.Timeout | undefined
    const late = new Promise<Run>((resolve) => {
      timer = setTimeout(
        () => resolve({ exitCode: null, stdout: '', stderr: '', timedOut: true }),
        o.timeoutMs + 100,
      )
    })
    const ran = runner({ argv, timeoutMs: o.timeoutMs }).then((r): Run => ({
      exitCode: r.exitCode,
      stdout: r.stdout,
      stderr: r.stderr,
      timedOut: Boolean(r.timedOut),
    }))
    try {
      return await Promise.race([ran, late])
    } finally {
      clearTimeout(timer)
    }
  }
  const driverName = config.cluster.driver
  const bin = DRIVER_BINARY[driverName]
  const paths = {
    minikube: which('minikube', path),
    kubectl: which('kubectl', path),
    driver: bin && which(bin, path),
  }
  const [minikube, kubectl, version, info] = await Promise.all([
    ask(paths.minikube, MINIKUBE_VERSION_ARGV),
    ask(paths.kubectl, KUBECTL_VERSION_ARGV),
    driverName === 'docker' ? ask(paths.driver, ENGINE_PROBES.docker.version) : undefined,
    driverName === 'docker'
      ? ask(paths.driver, ENGINE_PROBES.docker.info)
      : driverName === 'podman'
        ? ask(paths.driver, ENGINE_PROBES.podman.info)
        : undefined,
  ])
  const tool = (p: string | undefined, run: Run | undefined): Tool => ({
    ...(p ? { path: p } : {}),
    ...(run ? { run } : {}),
  })
  const driver: DriverFacts = {
    name: driverName,
    ...(bin ? { bin } : {}),
    ...(paths.driver ? { path: paths.driver } : {}),
    ...(version ? { version } : {}),
    ...(info ? { info } : {}),
  }
  const home = minikubeHome(o.env)
  const given: HostFacts = { ...thisHost(o.env), ...o.host }
  const engine = readEngine(driver, given)
  // Images land in the engine's root dir when it runs on this host, else in the VM's disk under home.
  const diskAt = [!engine.vm ? engine.rootDir : undefined, home, o.env.HOME ?? homedir()]
  return {
    simulated: o.simulated ?? false,
    host: o.host && 'disk' in o.host ? given : { ...given, ...freeSpace(diskAt) },
    profileExists: existsSync(join(home, 'profiles', config.profile, 'config.json')),
    minikube: tool(paths.minikube, minikube),
    kubectl: tool(paths.kubectl, kubectl),
    driver,
  }
}

function thisHost(env: NodeJS.ProcessEnv): HostFacts {
  const platform = process.platform
  return {
    platform,
    wsl: platform === 'linux' && (Boolean(env.WSL_DISTRO_NAME) || /microsoft/i.test(release())),
    arch: machine(),
    cpus: availableParallelism(),
    availableMemoryMiB: Math.floor(freemem() / 1024 / 1024),
    amd64Emulation:
      platform !== 'linux' ||
      ['qemu-x86_64', 'rosetta'].some((h) => existsSync(join('/proc/sys/fs/binfmt_misc', h))),
  }
}

/** minikube's own rule: MINIKUBE_HOME is the .minikube folder itself, or the folder that holds it. */
function minikubeHome(env: NodeJS.ProcessEnv): string {
  const h = env.MINIKUBE_HOME
  if (!h) return join(env.HOME ?? homedir(), '.minikube')
  return basename(h) === '.minikube' ? h : join(h, '.minikube')
}

/** Free space on the first candidate that exists, or on its nearest existing parent. */
function freeSpace(candidates: ReadonlyArray<string | undefined>): { disk?: HostFacts['disk'] } {
  for (const c of candidates) {
    if (!c) continue
    let p = c
    while (!existsSync(p) && dirname(p) !== p) p = dirname(p)
    if (!existsSync(p)) continue
    try {
      const s = statfsSync(p)
      return { disk: { path: c, freeMiB: Math.floor((s.bavail * s.bsize) / 1024 / 1024) } }
    } catch {
      // not a file system we can ask (unusual mounts): try the next place
    }
  }
  return {}
}
