// The one IPv4 CIDR module: unsigned 32-bit arithmetic that pools, blocks, pod IPs and config rules are judged with.

export class CidrError extends Error {
  readonly value: string
  readonly reason: string
  constructor(value: string, reason: string) {
    super(`${JSON.stringify(value)}: ${reason}`)
    this.name = 'CidrError'
    this.value = value
    this.reason = reason
  }
}

export type Cidr = {
  /** The text as written, trimmed. */
  readonly text: string
  /** The address as written (may have host bits set). */
  readonly address: number
  readonly prefix: number
  /** The address with the host bits cleared. */
  readonly network: number
  /** True when the written address is not the network address (`10.244.102.1/24`). */
  readonly hasHostBits: boolean
}

const OCTET = /^(0|[1-9]\d{0,2})$/

/** `10.244.1.5` → 183763205. Rejects IPv6, leading zeros and out-of-range octets. */
export function ipToInt(ip: string): number {
  const text = ip.trim()
  if (text.includes(':'))
    throw new CidrError(ip, 'IPv6 is not supported; use an IPv4 address such as 10.244.1.5')
  const parts = text.split('.')
  if (parts.length !== 4 || !parts.every((p) => OCTET.test(p) && Number(p) <= 255)) {
    throw new CidrError(
      ip,
      'not an IPv4 address; write four numbers 0-255 separated by dots, e.g. 10.244.1.5',
    )
  }
  return parts.reduce((n, p) => n * 256 + Number(p), 0)
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')
}

/** The netmask of a prefix length as an unsigned integer (`/0` → 0, `/32` → 0xffffffff). */
export const maskOf = (prefix: number): number => (prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0)

/** Parse `a.b.c.d/n`. Host bits are reported (`hasHostBits`), not rejected: validation decides what to say. */
export function parseCidr(value: string): Cidr {
  const text = value.trim()
  if (text.includes(':'))
    throw new CidrError(value, 'IPv6 is not supported; this lab uses IPv4 pools such as 10.244.1.0/24')
  const slash = text.indexOf('/')
  if (slash < 0)
    throw new CidrError(value, 'missing the prefix length; write it as a network such as 10.244.1.0/24')
  const ipText = text.slice(0, slash)
  const prefixText = text.slice(slash + 1)
  if (!/^(\d|[12]\d|3[0-2])$/.test(prefixText))
    throw new CidrError(value, 'the prefix length must be a number from 0 to 32')
  let address: number
  try {
    address = ipToInt(ipText)
  } catch {
    throw new CidrError(
      value,
      `${JSON.stringify(ipText)} is not an IPv4 address; write a network such as 10.244.1.0/24`,
    )
  }
  const prefix = Number(prefixText)
  const network = (address & maskOf(prefix)) >>> 0
  return { text, address, prefix, network, hasHostBits: network !== address }
}

/** The masked form: `10.244.102.1/24` → `10.244.102.0/24`. */
export const networkCidr = (c: Cidr): string => `${intToIp(c.network)}/${c.prefix}`

/** The last address of the network (broadcast for a /24). */
export const lastAddress = (c: Cidr): number => (c.network + cidrSize(c) - 1) >>> 0

/** Number of addresses: 2^(32 - prefix). */
export const cidrSize = (c: Cidr): number => 2 ** (32 - c.prefix)

export function contains(c: Cidr, ip: string | number): boolean {
  const n = typeof ip === 'number' ? ip : ipToInt(ip)
  return n >= c.network && n <= lastAddress(c)
}

/** Whether `inner` lies entirely inside `outer` (a /26 block inside a /24 pool). */
export const within = (inner: Cidr, outer: Cidr): boolean =>
  contains(outer, inner.network) && contains(outer, lastAddress(inner))

export const overlaps = (a: Cidr, b: Cidr): boolean =>
  a.network <= lastAddress(b) && b.network <= lastAddress(a)

/** Parse without throwing: undefined for anything that is not an IPv4 CIDR. */
export function tryParseCidr(value: string | undefined): Cidr | undefined {
  if (value === undefined) return undefined
  try {
    return parseCidr(value)
  } catch {
    return undefined
  }
}

/** Whether `ip` lies in `cidr`, both as text; false (never a throw) when either is not IPv4. */
export function ipInCidr(ip: string, cidr: string): boolean {
  const c = tryParseCidr(cidr)
  if (!c) return false
  try {
    return contains(c, ip)
  } catch {
    return false
  }
}
