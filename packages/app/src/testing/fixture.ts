// Test helper: read a fixture copied from /work/shared/real-outputs (src/fixtures), dropping its `# source:` line.
import { join } from 'node:path'
import { fixtureReader } from '@lab4/core/testing'

export const fixture = fixtureReader(join(import.meta.dirname, '..', 'fixtures'))

/** Unwrap a value a test expects to exist; fails the test with a clear message when it does not. */
export function defined<T>(x: T | undefined | null, what = 'value'): T {
  if (x === undefined || x === null) throw new Error(`expected ${what} to be defined`)
  return x
}
