// Preflight decides, before anything starts, whether this machine can run the lab: the driver answers,
// minikube is recent enough, kubectl runs, there is memory, CPU and disk for the nodes. `preflight()` is pure
// over the machine facts; `probeFacts` (preflight/probe.ts) gathers them with read-only, time-boxed commands.
import { DEFAULT_IMAGE, type LabConfig } from './config/schema.ts'
import {
  engineProblem,
  installFix,
  readEngine,
  type Engine,
  type Finding,
  type Item,
} from './preflight/driver.ts'
import type { Facts } from './preflight/facts.ts'
import {
  LATEST_KNOWN,
  SUPPORTED_MINIKUBE,
  calicoOf,
  compareVersions,
  parseMinikubeVersion,
} from './preflight/versions.ts'

export type { Facts, HostFacts, DriverFacts, Tool, Run } from './preflight/facts.ts'
export type { Item as PreflightItem } from './preflight/driver.ts'
export { SUPPORTED_MINIKUBE, calicoOf } from './preflight/versions.ts'

export type PreflightResult = {
  /** Each stops the lab (exit 2) and names its fix. */
  readonly problems: readonly Item[]
  /** Printed, and the lab goes on. */
  readonly warnings: readonly Item[]
  /** What was found, for the one line a good environment prints. */
  readonly seen: readonly string[]
}

/** What the caller is about to do: `down` only needs minikube and its driver. */
export type Purpose = 'run' | 'down'

/** MiB per node when cluster.memory is unset: two CRA builds at once need about this much each. */
export const DEFAULT_NODE_MIB = 2200
/** MiB the host keeps for itself beside the nodes (browser, editor, the lab's own Node process). */
export const HOST_HEADROOM_MIB = 1024
/** About what two nodes pull: kicbase, Kubernetes and Calico images, and the frontend image on each. */
export const NEED_DISK_MIB = 7 * 1024
/** Each probe command gets this long; they run in parallel, so preflight stays well under 2 s. */
export const PROBE_TIMEOUT_MS = 1500

const gib = (mib: number) => `${(mib / 1024).toFixed(1)} GiB`

export function preflight(config: LabConfig, f: Facts, purpose: Purpose = 'run'): PreflightResult {
  const findings: Finding[] = []
  const seen: string[] = []
  const engine = readEngine(f.driver, f.host)
  const add = (x: Finding | undefined) => void (x && findings.push(x))

  add(minikubeFinding(f, seen))
  if (purpose === 'run') add(kubectlFinding(f, seen))
  if (f.driver.bin && !f.driver.path)
    add({
      what: `the ${f.driver.name} driver needs \`${f.driver.bin}\`, which is not on PATH`,
      fix: installFix(f.driver.bin, f.host),
    })
  const down = engineProblem(f.driver, f.host, PROBE_TIMEOUT_MS)
  add(down)
  if (!down && engine.version)
    seen.push(
      `${f.driver.name} ${engine.version}${engine.vm === 'docker-desktop' ? ' (Docker Desktop)' : ''}`,
    )
  if (f.simulated && f.minikube.path && f.kubectl.path)
    seen.push("the simulator's minikube, kubectl and docker")

  if (purpose === 'run' && !f.simulated) {
    // A profile that exists already holds its memory and images, so shortfalls there are only warnings.
    for (const r of [...memory(config, f, engine), ...cpu(config, f, engine), ...disk(f)])
      add(
        f.profileExists
          ? { warn: true, ...r, what: `${r.what} (profile ${config.profile} exists already)` }
          : r,
      )
    add(emulation(config, f, engine))
    seen.push(
      `${engine.cpus ?? f.host.cpus} CPUs`,
      engine.vm && engine.memoryMiB !== undefined
        ? `${gib(engine.memoryMiB)} for the VM`
        : `${gib(f.host.availableMemoryMiB)} free`,
    )
    if (f.host.disk) seen.push(`${gib(f.host.disk.freeMiB)} disk free`)
  }
  const item = ({ what, fix }: Finding): Item => ({ what, fix })
  return {
    problems: findings.filter((x) => !x.warn).map(item),
    warnings: findings.filter((x) => x.warn).map(item),
    seen,
  }
}

/** A probe that ran out of time proves nothing either way: say so, and let the steps find out. */
const unanswered = (argv: string, fix: string): Finding => ({
  warn: true,
  what: `\`${argv}\` did not answer within ${(PROBE_TIMEOUT_MS / 1000).toFixed(1)} s, so preflight could not check it`,
  fix,
})

function minikubeFinding(f: Facts, seen: string[]): Finding | undefined {
  const t = f.minikube
  if (!t.path) return { what: 'minikube is not on PATH', fix: installFix('minikube', f.host) }
  if (!t.run) return undefined // the simulator's own minikube: nothing to ask
  if (t.run.timedOut)
    return unanswered(
      'minikube version --short',
      'if cluster.profile then fails, run `minikube version` to see why',
    )
  const said = `${t.run.stdout}\n${t.run.stderr}`
  const version = t.run.exitCode === 0 ? parseMinikubeVersion(said) : undefined
  if (!version)
    return {
      what: `\`minikube version --short\` (${t.path}) gave no version: ${said.trim().split('\n')[0] || `exit ${t.run.exitCode ?? 'killed'}`}`,
      fix: 'reinstall minikube: https://minikube.sigs.k8s.io/docs/start/',
    }
  const calico = calicoOf(version)
  if (compareVersions(version, SUPPORTED_MINIKUBE) < 0 || !calico)
    return {
      what: `minikube ${version} is older than ${SUPPORTED_MINIKUBE}, the oldest this lab supports (it installs a Calico older than ${calicoOf(SUPPORTED_MINIKUBE)?.calico ?? 'v3.24.5'})`,
      fix: `upgrade minikube: https://minikube.sigs.k8s.io/docs/start/ (${LATEST_KNOWN[0]} installs Calico ${LATEST_KNOWN[1]})`,
    }
  seen.push(
    `minikube ${version} (installs Calico ${calico.calico}${calico.exact ? '' : `, as ${calico.from} does`})`,
  )
  return undefined
}

function kubectlFinding(f: Facts, seen: string[]): Finding | undefined {
  const t = f.kubectl
  if (!t.path) return { what: 'kubectl is not on PATH', fix: installFix('kubectl', f.host) }
  if (!t.run) return undefined
  if (t.run.timedOut)
    return unanswered(
      'kubectl version --client -o json',
      'if a step then fails, run `kubectl version --client` to see why',
    )
  if (t.run.exitCode !== 0)
    return {
      what: `kubectl (${t.path}) does not run: ${t.run.stderr.trim().split('\n')[0] || `exit ${t.run.exitCode ?? 'killed'}`}`,
      fix: 'reinstall kubectl for this platform: https://kubernetes.io/docs/tasks/tools/',
    }
  const version = t.run.stdout.match(/"gitVersion":\s*"([^"]+)"/)?.[1]
  seen.push(version ? `kubectl ${version}` : 'kubectl')
  return undefined
}

function memory(config: LabConfig, f: Facts, e: Engine): Item[] {
  const perNode = config.cluster.memory ?? DEFAULT_NODE_MIB
  const nodes = config.cluster.nodes
  const nodesNeed = perNode * nodes
  if (e.vm && e.memoryMiB !== undefined) {
    if (e.memoryMiB >= nodesNeed) return []
    const gb = Math.ceil(nodesNeed / 1024) + 1
    return [
      {
        what: `${e.vm === 'docker-desktop' ? 'Docker Desktop' : 'the podman machine'} gives its VM ${e.memoryMiB} MiB; ${nodes} nodes × ${perNode} MiB need ${nodesNeed} MiB`,
        fix:
          e.vm === 'podman-machine'
            ? `\`podman machine stop && podman machine set --memory ${gb * 1024} && podman machine start\`, or lower cluster.memory (at least 1800) in lab.config.yaml`
            : f.host.platform === 'win32' || f.host.wsl
              ? `give WSL more memory: in %UserProfile%\\.wslconfig put \`memory=${gb}GB\` under \`[wsl2]\`, run \`wsl --shutdown\` and start Docker Desktop again; or lower cluster.memory (at least 1800)`
              : `Docker Desktop → Settings → Resources → Memory: at least ${gb} GB, then Apply & restart; or lower cluster.memory (at least 1800) in lab.config.yaml`,
      },
    ]
  }
  const need = nodesNeed + HOST_HEADROOM_MIB
  if (f.host.availableMemoryMiB >= need) return []
  return [
    {
      what: `${nodes} nodes × ${perNode} MiB plus 1 GiB for this machine need ${need} MiB free; ${f.host.availableMemoryMiB} MiB is free`,
      fix: 'close other programs, or lower cluster.memory (at least 1800) in lab.config.yaml',
    },
  ]
}

function cpu(config: LabConfig, f: Facts, e: Engine): Item[] {
  const need = config.cluster.cpus ?? 2
  const have = e.cpus ?? f.host.cpus
  if (have >= need) return []
  return [
    {
      what: `${e.vm === 'docker-desktop' ? "Docker Desktop's VM" : 'this machine'} has ${have} CPU${have === 1 ? '' : 's'}; each minikube node needs ${need}`,
      fix:
        e.vm === 'docker-desktop'
          ? `Docker Desktop → Settings → Resources → CPUs: at least ${need}`
          : `use a machine with at least ${need} CPUs (minikube refuses fewer than 2)${need > 2 ? ', or lower cluster.cpus' : ''}`,
    },
  ]
}

function disk(f: Facts): Item[] {
  const d = f.host.disk
  if (!d || d.freeMiB >= NEED_DISK_MIB) return []
  return [
    {
      what: `${d.path} has ${gib(d.freeMiB)} free; the nodes' images need about ${gib(NEED_DISK_MIB)}`,
      fix: 'free space there (`docker system prune` removes stopped containers and unused images; `minikube delete --all` removes old clusters)',
    },
  ]
}

/** arm64 runs the amd64-only frontend image under emulation: slow but fine, or impossible without a handler. */
function emulation(config: LabConfig, f: Facts, e: Engine): Finding | undefined {
  const arch = e.arch ?? f.host.arch
  if (!/^(arm64|aarch64)$/.test(arch) || config.app.image !== DEFAULT_IMAGE) return undefined
  const where =
    e.vm === 'docker-desktop'
      ? 'Docker Desktop'
      : e.vm === 'podman-machine'
        ? 'the podman machine'
        : 'this machine'
  const linuxEngine = !e.vm && (f.driver.name === 'docker' || f.driver.name === 'podman')
  if (linuxEngine && !f.host.amd64Emulation)
    return {
      what: `${where} runs ${arch} and cannot run amd64 programs, but the frontend image ${DEFAULT_IMAGE} is built for linux/amd64 only`,
      fix: 'register amd64 emulation once: `docker run --privileged --rm tonistiigi/binfmt --install amd64` (or install qemu-user-static)',
    }
  return {
    warn: true,
    what: `${where} runs ${arch}: the frontend image ${DEFAULT_IMAGE} is built for linux/amd64 only, so it runs under emulation and its \`npm run build\` at start takes several times longer`,
    fix: 'nothing to install; if app.deploy times out, raise timeouts.podReady in lab.config.yaml (e.g. to 1800)',
  }
}
