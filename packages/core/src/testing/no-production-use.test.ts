import { describe, expect, it } from 'vitest'
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const REPO = join(import.meta.dirname, '..', '..', '..', '..')

// Test files, test helpers (testing/ folders) and fixture generators may use test helpers; nothing else may.
const allowed = (path: string) => /\.test\.ts$/.test(path) || /(^|\/)(testing|fixtures)\//.test(path)

// `@lab4/core/testing`, `./testing/…`, `../testing.ts`: any package's test kit, by subpath or by path.
const TEST_HELPER = /(from |import\()'(@lab4\/[a-z-]+\/testing|(\.\.?\/)+([^']*\/)?testing(\/[^']*|\.ts))'/

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    if (d.name === 'node_modules' || d.name.startsWith('.')) return []
    const path = join(dir, d.name)
    return d.isDirectory() ? sources(path) : /\.(ts|mts|mjs)$/.test(d.name) ? [path] : []
  })
}

describe('@lab4/core/testing', () => {
  it('nor any package’s testing/ helpers, is imported by a production file of a package, script or bench', () => {
    const roots = ['packages', 'scripts', 'bench'].map((r) => join(REPO, r))
    const files = roots.flatMap((r) => {
      try {
        return sources(r)
      } catch {
        return []
      }
    })
    expect(files.length).toBeGreaterThan(50)
    const offenders = files
      .map((f) => relative(REPO, f))
      .filter((f) => !allowed(f) && TEST_HELPER.test(readFileSync(join(REPO, f), 'utf8')))
    expect(offenders).toEqual([])
  })
})
