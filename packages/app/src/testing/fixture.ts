// Test helper: read a fixture copied from /work/shared/real-outputs, dropping its `# source:` line.
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export function fixture(name: string): string {
  const text = readFileSync(fileURLToPath(new URL(`../fixtures/${name}`, import.meta.url)), 'utf8')
  return text.startsWith('# source:') ? text.slice(text.indexOf('\n') + 1) : text
}

/** Unwrap a value a test expects to exist; fails the test with a clear message when it does not. */
export function defined<T>(x: T | undefined | null, what = 'value'): T {
  if (x === undefined || x === null) throw new Error(`expected ${what} to be defined`)
  return x
}
