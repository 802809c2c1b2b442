// Test helper: a verbatim real-output fixture without its `# source:` line.
import { readFileSync } from 'node:fs'

export function fixture(name: string): string {
  const text = readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')
  if (!text.startsWith('# source:')) throw new Error(`fixture ${name} lost its "# source:" line`)
  return text.slice(text.indexOf('\n') + 1)
}
