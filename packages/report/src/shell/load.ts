// Reads what a report is built from: the lab record (a directory of runs, composed by core) or one pinned run,
// the config of its newest run, and the text artifacts the model quotes.
import { existsSync, readFileSync } from 'node:fs'
import { join, resolve, sep } from 'node:path'
import { LabError, parseConfig, readLabRecord, type LabConfig, type LabRecord } from '@lab4/core'
import { STEP_ORDER } from '../model/record.ts'

export type LoadedRun = { run: LabRecord; config: LabConfig; texts: Map<string, string> }

const TEXT_TYPES = /^(application\/(yaml|json)|text\/)/

/** `dir`: a run directory (that run alone) or a directory of runs such as report/runs (the lab record). */
export function loadRun(dir: string): LoadedRun {
  const run = readLabRecord(dir, { order: STEP_ORDER })
  const configFile = join(run.configDir, 'config.json')
  if (!existsSync(configFile)) {
    throw new LabError(`The run record ${run.configDir} has no config.json`, {
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
