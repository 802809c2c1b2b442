// Randomness is a hash of (seed, what is being decided), so a value never depends on how often the lab polled.

/** A float in [0, 1) fixed by the seed and the keys. */
export function rand(seed: number, ...keys: Array<string | number>): number {
  let h = 0x811c9dc5 ^ seed
  for (const ch of keys.join('|')) {
    h ^= ch.charCodeAt(0)
    h = Math.imul(h, 0x01000193)
  }
  // One mulberry32 round spreads the FNV bits over the whole word.
  let t = (h + 0x6d2b79f5) | 0
  t = Math.imul(t ^ (t >>> 15), t | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

export const randInt = (seed: number, min: number, max: number, ...keys: Array<string | number>): number =>
  min + Math.floor(rand(seed, ...keys) * (max - min + 1))

/** Kubernetes' SafeEncodeString alphabet: no vowels, no look-alike digits. */
const SAFE = 'bcdfghjklmnpqrstvwxz2456789'

export function safeString(seed: number, length: number, ...keys: Array<string | number>): string {
  let s = ''
  for (let i = 0; i < length; i++) s += SAFE[Math.floor(rand(seed, ...keys, i) * SAFE.length)]
  return s
}

/** A stable hash of any JSON value, in the same alphabet (pod-template-hash look). */
export function templateHash(value: unknown, length = 10): string {
  const text = JSON.stringify(value)
  let h = 0
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0
  return safeString(h, length, 'template')
}

export function uid(seed: number, ...keys: Array<string | number>): string {
  const hex = (i: number, n: number) =>
    Array.from({ length: n }, (_, j) => Math.floor(rand(seed, 'uid', ...keys, i, j) * 16).toString(16)).join(
      '',
    )
  return `${hex(0, 8)}-${hex(1, 4)}-4${hex(2, 3)}-a${hex(3, 3)}-${hex(4, 12)}`
}

/** A delay in [min, max] ms, fixed for this thing. */
export const delay = (seed: number, min: number, max: number, ...keys: Array<string | number>): number =>
  Math.round(min + rand(seed, 'delay', ...keys) * (max - min))
