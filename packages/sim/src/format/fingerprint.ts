// Simulated evidence must never pass as a real cluster's: every hex identifier the simulator prints is
// self-checking (core's record/fingerprint.ts holds both sides of that format) and the node kernel has the
// simulator's flavour. The formats stay those of a real cluster; `pnpm verify` and `pnpm report` find them anywhere.
// The narrow entry: the fakes are bundled on their own and must not pull in the rest of core.
import { SIM_KERNEL_FLAVOUR, selfChecking } from '@lab4/core/fingerprint'
import { MINIKUBE_COMMIT } from '../world/versions.ts'

/** An object UID as the API prints it: the first 20 hex digits kept, the node part (last 12) the hash of them. */
export function simUid(uid: string): string {
  const hex = uid.replace(/-/g, '')
  if (!/^[0-9a-f]{32}$/i.test(hex)) return uid
  const h = selfChecking(hex, 12)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`
}

/** A 64-hex image digest or container id. */
export const simDigest = (hex64: string): string => selfChecking(hex64, 16)

/** A 32-hex machine id. */
export const simMachineId = (hex32: string): string => selfChecking(hex32, 12)

/** minikube's commit: v1.34.0's own first 28 digits (its short hash reads the same), the rest the hash. */
export const SIM_MINIKUBE_COMMIT = selfChecking(MINIKUBE_COMMIT, 12)

/** The node kernel: Ubuntu's version scheme, with a flavour no distribution ships. */
export const SIM_KERNEL = `6.8.0-45-${SIM_KERNEL_FLAVOUR}`

/** Labels as printed: minikube's commit label carries the simulator's commit. */
export function simLabels(labels: Readonly<Record<string, string>>): Record<string, string> {
  const out = { ...labels }
  if (out['minikube.k8s.io/commit']) out['minikube.k8s.io/commit'] = SIM_MINIKUBE_COMMIT
  return out
}
