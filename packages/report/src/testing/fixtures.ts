// Test helpers: the report's fixture runs, and real outputs through the shared kit's reader.
import { fileURLToPath } from 'node:url'
import { fixtureReader } from '@lab4/core/testing'
import { loadRun, type LoadedRun } from '../shell/load.ts'

/** run-good / run-fail: hand-made runs (make-fixtures.ts); run-sim: a simulator run recorded with today's checks. */
export type FixtureName = 'run-good' | 'run-fail' | 'run-sim'

export const fixtureDir = (name: FixtureName): string =>
  fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url))

export const fixtureRun = (name: FixtureName): LoadedRun => loadRun(fixtureDir(name))

/** A file copied unchanged from /work/shared/real-outputs, minus its `# source:` line. */
export const realOutput = fixtureReader(fileURLToPath(new URL('../fixtures/real/', import.meta.url)))
