import { execFileSync } from 'node:child_process'
import { describe, expect, it } from 'vitest'
import { hasEmojiFont } from './fonts.ts'

describe('hasEmojiFont', () => {
  it("agrees with fontconfig about a font covering minikube's emoji (DejaVu's few emoticons do not count)", () => {
    const families = execFileSync('fc-list', [':charset=1f69c 1f433', 'family'], { encoding: 'utf8' }).trim()
    expect(hasEmojiFont()).toBe(families !== '')
    // DejaVu Sans covers 😄 alone, which is why one code point is not enough to decide.
    const dejavuOnly = execFileSync('fc-list', [':charset=1f604', 'family'], { encoding: 'utf8' })
    if (families === '' && dejavuOnly.includes('DejaVu')) expect(hasEmojiFont()).toBe(false)
  })
})
