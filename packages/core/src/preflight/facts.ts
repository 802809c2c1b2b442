// The machine facts preflight decides on. The probe gathers them; tests build them by hand.
import type { LabConfig } from '../config/schema.ts'

/** What one probe command answered (a trimmed-down Result). */
export type Run = {
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string
  readonly timedOut: boolean
}

/** A program the lab needs: where PATH has it (absent = not found) and what its version command said. */
export type Tool = { readonly path?: string; readonly run?: Run }

export type DriverFacts = {
  readonly name: LabConfig['cluster']['driver']
  /** The program the driver needs (`docker`, `podman`, `virsh`…); absent when none is checked. */
  readonly bin?: string
  readonly path?: string
  /** docker: `docker version --format {{.Server.Version}}`; absent for other drivers. */
  readonly version?: Run
  /** docker: `docker info --format {{json .}}`; podman: `podman info --format json`. */
  readonly info?: Run
}

export type HostFacts = {
  readonly platform: NodeJS.Platform
  /** Linux running inside WSL. */
  readonly wsl: boolean
  /** uname -m style: x86_64, arm64, aarch64. */
  readonly arch: string
  readonly cpus: number
  /** Memory the kernel can hand out now (MemAvailable), in MiB. */
  readonly availableMemoryMiB: number
  /** Free space where the node images will live. */
  readonly disk?: { readonly path: string; readonly freeMiB: number }
  /** Linux: a binfmt handler runs x86_64 binaries (qemu-user or Rosetta). */
  readonly amd64Emulation: boolean
}

export type Facts = {
  /** `--simulate`: the tools are the simulator's, and the machine's resources do not matter. */
  readonly simulated: boolean
  readonly host: HostFacts
  /** minikube already has this profile, so its nodes hold (or held) their memory and images. */
  readonly profileExists: boolean
  readonly minikube: Tool
  readonly kubectl: Tool
  readonly driver: DriverFacts
}
