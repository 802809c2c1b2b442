// The student's deliverables under manifests/: rewritten only when the rendered text changed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'

/** Write `<root>/<rel>` when its content differs; returns whether it wrote. */
export function writeIfChanged(root: string, rel: string, text: string): boolean {
  const file = join(root, rel)
  if (existsSync(file) && readFileSync(file, 'utf8') === text) return false
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, text)
  return true
}
