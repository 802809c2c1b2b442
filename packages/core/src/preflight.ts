// Preflight runs before anything else: it only looks at PATH and the machine, and never starts a process.
import { accessSync, constants, statSync } from 'node:fs'
import { cpus, totalmem } from 'node:os'
import { delimiter, join } from 'node:path'
import type { LabConfig } from './config/schema.ts'

export type Problem = { what: string; fix: string }

const INSTALL: Record<string, string> = {
  minikube:
    'install minikube: https://minikube.sigs.k8s.io/docs/start/ (Linux: curl -LO https://storage.googleapis.com/minikube/releases/latest/minikube-linux-amd64 && sudo install minikube-linux-amd64 /usr/local/bin/minikube)',
  kubectl: 'install kubectl: https://kubernetes.io/docs/tasks/tools/ (or alias it: minikube kubectl --)',
  docker: 'install Docker Engine or Docker Desktop and make sure `docker info` works for your user',
  podman: 'install podman: https://podman.io/docs/installation',
}

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

export type Machine = { cpus: number; memoryMiB: number; path: string }

export const thisMachine = (env: NodeJS.ProcessEnv = process.env): Machine => ({
  cpus: cpus().length,
  memoryMiB: Math.floor(totalmem() / 1024 / 1024),
  path: env.PATH ?? '',
})

/** Pure over the machine facts, so it is unit-tested without touching PATH. */
export function preflight(
  config: LabConfig,
  m: Machine,
  found: (bin: string) => boolean = (b) => which(b, m.path) !== undefined,
): Problem[] {
  const problems: Problem[] = []
  for (const bin of ['minikube', 'kubectl']) {
    if (!found(bin)) problems.push({ what: `${bin} is not on PATH`, fix: INSTALL[bin] ?? `install ${bin}` })
  }
  const driverBin = DRIVER_BINARY[config.cluster.driver]
  if (driverBin && !found(driverBin)) {
    problems.push({
      what: `the ${config.cluster.driver} driver needs \`${driverBin}\`, which is not on PATH`,
      fix: INSTALL[driverBin] ?? `install ${driverBin}, or set cluster.driver in lab.config.yaml`,
    })
  }
  const needCpus = config.cluster.cpus ?? 2
  if (m.cpus < needCpus)
    problems.push({
      what: `minikube needs ${needCpus} CPUs per node; this machine has ${m.cpus}`,
      fix: 'use a machine with more CPUs, or lower cluster.cpus (minimum 2)',
    })
  const perNode = config.cluster.memory ?? 2200
  const need = perNode * config.cluster.nodes + 1024
  if (m.memoryMiB < need) {
    problems.push({
      what: `${config.cluster.nodes} nodes × ${perNode} MiB plus 1 GiB for the host need ${need} MiB; this machine has ${m.memoryMiB} MiB`,
      fix: 'close other programs, raise the Docker Desktop memory limit, or lower cluster.memory',
    })
  }
  return problems
}
