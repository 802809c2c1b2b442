// Whether the machine has a colour emoji font (fontconfig decides what Chromium draws): else images use the fallback.
import { execFileSync } from 'node:child_process'

/** minikube's emoji a font must cover: DejaVu Sans has a few emoticons (😄) but none of the others, so it does not count. */
const MINIKUBE_EMOJI = [
  '1f604',
  '2728',
  '1f4cc',
  '1f44d',
  '1f69c',
  '1f525',
  '1f433',
  '1f517',
  '1f50e',
  '1f31f',
  '1f3c4',
]

let known: boolean | undefined

/** True when fontconfig has one font covering all of minikube's emoji; false without one, or without fc-list. */
export function hasEmojiFont(): boolean {
  if (known !== undefined) return known
  try {
    const pattern = `:charset=${MINIKUBE_EMOJI.join(' ')}`
    known = execFileSync('fc-list', [pattern, 'family'], { encoding: 'utf8', timeout: 5000 }).trim() !== ''
  } catch {
    known = false
  }
  return known
}
