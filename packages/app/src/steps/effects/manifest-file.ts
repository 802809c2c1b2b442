// The student's deliverable: manifests/<file> in the repo, rewritten only when its content changed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** Write `<root>/manifests/<file>` when it differs; returns whether it wrote. */
export function writeManifest(root: string, file: string, yaml: string): boolean {
  const dir = join(root, 'manifests')
  const path = join(dir, file)
  if (existsSync(path) && readFileSync(path, 'utf8') === yaml) return false
  mkdirSync(dir, { recursive: true })
  writeFileSync(path, yaml)
  return true
}
