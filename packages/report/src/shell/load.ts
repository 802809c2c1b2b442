// Reads a run record directory: the journal (validated by core), the run's config and its artifacts.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { LabError, parseConfig, readRun, type LabConfig, type RunRecord } from '@lab4/core'

export type LoadedRun = { run: RunRecord; config: LabConfig; texts: Map<string, string> }

const TEXT_TYPES = /^(application\/(yaml|json)|text\/)/

export function loadRun(dir: string): LoadedRun {
  const run = readRun(dir)
  const configFile = join(run.dir, 'config.json')
  if (!existsSync(configFile)) {
    throw new LabError(`The run record ${run.dir} has no config.json`, {
      hint: 'Re-run `pnpm lab`; every run stores the config it ran with.',
    })
  }
  const { config } = parseConfig(readFileSync(configFile, 'utf8'), configFile)
  const texts = new Map<string, string>()
  for (const e of run.entries) {
    if (e.type !== 'artifact' || !TEXT_TYPES.test(e.mediaType)) continue
    texts.set(e.path, readFileSync(artifactPath(run.dir, e.path), 'utf8'))
  }
  return { run, config, texts }
}

/** An artifact's file, refusing paths that leave the run directory. */
export function artifactPath(runDir: string, rel: string): string {
  const p = resolve(runDir, rel)
  if (!p.startsWith(resolve(runDir) + sep))
    throw new LabError(`Artifact path ${rel} leaves the run directory`, {
      hint: 'The run record is damaged; re-run the lab.',
    })
  if (!existsSync(p))
    throw new LabError(`Artifact ${rel} is listed in the journal but missing in ${runDir}`, {
      hint: 'Copy the whole run directory, including artifacts/, or re-run the lab.',
    })
  return p
}
