// Probe, then decide: what `pnpm lab` calls before anything else. Fails with exit 2 and every fix at once.
import { ExitCode, LabError } from '../errors.ts'
import type { LabConfig } from '../config/schema.ts'
import { PROBE_TIMEOUT_MS, preflight, type PreflightResult, type Purpose } from '../preflight.ts'
import { formatPreflightFailure } from './format.ts'
import { probeFacts, type ProbeOptions } from './probe.ts'

export type EnvironmentCheck = { readonly result: PreflightResult; readonly ms: number }

export async function checkEnvironment(
  config: LabConfig,
  o: Omit<ProbeOptions, 'timeoutMs'> & { purpose?: Purpose },
): Promise<EnvironmentCheck> {
  const started = Date.now()
  const facts = await probeFacts(config, { ...o, timeoutMs: PROBE_TIMEOUT_MS })
  return { result: preflight(config, facts, o.purpose), ms: Date.now() - started }
}

/** The LabError a failed preflight raises; without minikube it also points at the simulator. */
export function preflightError(r: PreflightResult): LabError {
  const noMinikube = r.problems.some((p) => p.what === 'minikube is not on PATH')
  return new LabError(formatPreflightFailure(r), {
    exitCode: ExitCode.usage,
    ...(noMinikube
      ? { hint: 'no minikube yet? `pnpm lab --simulate` runs the whole lab on a simulated cluster' }
      : {}),
  })
}
