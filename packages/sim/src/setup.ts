// Put the fakes on PATH: bundle them once per setup into <stateDir>/bin and create (or keep) the world.
import { chmodSync, existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { delimiter, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { emptyKubeConfig, writeKubeConfig } from './cli/kubeconfig.ts'
import { ENV_GLOBAL, ENV_KEYS, PAGE_BUNDLE } from './page/constants.ts'
import { parseFaults } from './world/faults.ts'
import { emptyWorld, readWorld, writeWorld } from './world/store.ts'
import type { Timing } from './world/timing.ts'

export const FAKES = ['kubectl', 'minikube', 'docker'] as const

export type SimulationOptions = {
  stateDir: string
  /** Fixes names, IPs, block choices and delays. @default 1 */
  seed?: number
  /** Fault names (`portforward-drop=3` takes a count). Replaces the faults of an existing world. @default [] */
  faults?: readonly string[]
  /** Pull, build and download durations and the speed-up (world/timing.ts); kept by an existing world unless given. */
  timing?: Partial<Timing>
}

export type Simulation = {
  /** PATH (fakes first), KUBECONFIG and LAB_SIM_STATE for every process of the run. */
  env: Record<string, string>
  binDir: string
  stateDir: string
}

export async function setupSimulation(o: SimulationOptions): Promise<Simulation> {
  const faults = parseFaults(o.faults ?? [])
  const stateDir = o.stateDir
  const binDir = join(stateDir, 'bin')
  mkdirSync(binDir, { recursive: true })
  initState(stateDir, o.seed ?? 1, faults, o.timing)
  await bundleFakes(binDir)
  return {
    env: {
      PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
      KUBECONFIG: join(stateDir, 'kubeconfig'),
      LAB_SIM_STATE: stateDir,
      MINIKUBE_HOME: join(stateDir, '.minikube'),
    },
    binDir,
    stateDir,
  }
}

/** Create the world (or keep the existing one, with these faults) and an empty kubeconfig. */
export function initState(
  stateDir: string,
  seed: number,
  faults: ReturnType<typeof parseFaults>,
  timing?: Partial<Timing>,
): void {
  mkdirSync(stateDir, { recursive: true })
  // An existing world is kept: a second `pnpm lab --simulate` finds the cluster the first one left.
  const existing = readWorld(stateDir)
  writeWorld(
    stateDir,
    existing ? { ...existing, faults, ...(timing ? { timing } : {}) } : emptyWorld(seed, faults, timing),
  )
  const kubeconfig = join(stateDir, 'kubeconfig')
  if (!existsSync(kubeconfig)) writeKubeConfig(kubeconfig, emptyKubeConfig())
}

export async function bundleFakes(binDir: string): Promise<void> {
  mkdirSync(binDir, { recursive: true })
  // The directory may sit inside a "type": "module" package; the bundles are CommonJS.
  writeFileSync(join(binDir, 'package.json'), '{ "type": "commonjs" }\n')
  await Promise.all([
    ...FAKES.map(async (name) => {
      const outfile = join(binDir, name)
      await build({
        entryPoints: [fileURLToPath(new URL(`./bin/${name}.ts`, import.meta.url))],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        banner: { js: '#!/usr/bin/env node' },
        logLevel: 'silent',
      })
      chmodSync(outfile, 0o755)
    }),
    bundlePage(join(binDir, PAGE_BUNDLE)),
  ])
}

/** React + the app for the browser, with each process.env.REACT_APP_* read from the pod's baked-in values. */
async function bundlePage(outfile: string): Promise<void> {
  await build({
    entryPoints: [fileURLToPath(new URL('./page/client.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'es2020',
    minify: true,
    define: {
      'process.env.NODE_ENV': '"production"',
      ...Object.fromEntries(ENV_KEYS.map((k) => [`process.env.${k}`, `${ENV_GLOBAL}.${k}`])),
    },
    logLevel: 'silent',
  })
}

/** Forget the simulated world (clusters, kubeconfig, fakes). */
export function resetSimulation(stateDir: string): void {
  rmSync(stateDir, { recursive: true, force: true })
}
