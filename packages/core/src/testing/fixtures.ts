// Real outputs copied from shared/real-outputs: each file keeps its `# source:` line, which readers drop.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The text of a copied real output without its `# source:` line. */
export function readFixture(dir: string, name: string): string {
  const file = join(dir, name)
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch {
    throw new Error(
      `fixture ${file} is missing: copy it from /work/shared/real-outputs with its # source: line`,
    )
  }
  return text.startsWith('# source:') ? text.slice(text.indexOf('\n') + 1) : text
}

/** A reader bound to one package's fixtures folder: `const fixture = fixtureReader(join(import.meta.dirname, 'fixtures'))`. */
export const fixtureReader =
  (dir: string) =>
  (name: string): string =>
    readFixture(dir, name)

/** The real outputs the kit itself is built from (testing/fixtures). */
export const kitFixture = fixtureReader(join(import.meta.dirname, 'fixtures'))
