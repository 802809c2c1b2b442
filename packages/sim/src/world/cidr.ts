// The simulator keeps its own CIDR and selector model on purpose: an independent oracle for the real parsers.
// IPv4 arithmetic for pools and blocks.

export const ipToInt = (ip: string): number => ip.split('.').reduce((n, o) => n * 256 + Number(o), 0)
export const intToIp = (n: number): string =>
  [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')

export type Cidr = { base: number; prefix: number; size: number }

export function parseCidr(cidr: string): Cidr | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/.exec(cidr.trim())
  if (!m) return undefined
  const octets = m.slice(1, 5).map(Number)
  const prefix = Number(m[5])
  if (octets.some((o) => o > 255) || prefix > 32) return undefined
  return { base: ipToInt(octets.join('.')), prefix, size: 2 ** (32 - prefix) }
}

/** True when the CIDR has no host bits set (Calico's "strictly masked"). */
export const isMasked = (c: Cidr): boolean => c.base % c.size === 0

export const masked = (c: Cidr): Cidr => ({ ...c, base: c.base - (c.base % c.size) })

export const contains = (c: Cidr, ip: string): boolean => {
  const n = ipToInt(ip)
  return n >= c.base && n < c.base + c.size
}

export const overlaps = (a: Cidr, b: Cidr): boolean => a.base < b.base + b.size && b.base < a.base + a.size

export const cidrString = (c: Cidr): string => `${intToIp(c.base)}/${c.prefix}`

export const isIPv4 = (s: string): boolean =>
  /^\d{1,3}(\.\d{1,3}){3}$/.test(s) && s.split('.').every((o) => Number(o) <= 255)
