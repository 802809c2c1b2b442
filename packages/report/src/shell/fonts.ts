// Whether the machine has a colour emoji font (fontconfig decides what Chromium draws): else images use the fallback.
import { execFileSync } from 'node:child_process'

let known: boolean | undefined

/** True when fontconfig has a font covering U+1F604 (😄); false without one, or without fc-list. */
export function hasEmojiFont(): boolean {
  if (known !== undefined) return known
  try {
    known =
      execFileSync('fc-list', [':charset=1f604', 'family'], { encoding: 'utf8', timeout: 5000 }).trim() !== ''
  } catch {
    known = false
  }
  return known
}
