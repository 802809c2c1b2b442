// Test helpers: fixture runs and real-output samples (the `# source:` first line is stripped).
import { readFileSync } from 'node:fs'
import { loadRun, type LoadedRun } from '../shell/load.ts'

export const fixtureDir = (name: 'run-good' | 'run-fail'): string =>
  new URL(`../fixtures/${name}`, import.meta.url).pathname

export const fixtureRun = (name: 'run-good' | 'run-fail'): LoadedRun => loadRun(fixtureDir(name))

/** A file copied unchanged from /work/shared/real-outputs, minus its `# source:` line. */
export function realOutput(file: string): string {
  const text = readFileSync(new URL(`../fixtures/real/${file}`, import.meta.url), 'utf8')
  if (!text.startsWith('# source:')) throw new Error(`${file} lost its # source: line`)
  return text.slice(text.indexOf('\n') + 1)
}
