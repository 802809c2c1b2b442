// Pure parser for BusyBox nslookup. NXDOMAIN lines for search-list candidates are noise when an answer follows.

export type NslookupResult = {
  /** The DNS server that answered (`Server:` line). */
  server: string | undefined
  /** Forward answers: `Name:` followed by `Address:` lines. */
  answers: Array<{ name: string; address: string }>
  /** Reverse answers: `<arpa> name = <fqdn>`. */
  ptr: Array<{ arpa: string; name: string }>
  /** `** server can't find x: NXDOMAIN` and `*** Can't find x: No answer` lines. */
  errors: Array<{ name: string; reason: string }>
}

const SERVER = /^Server:\s+(\S+)/
const NAME = /^Name:\s+(\S+)/
const ADDRESS = /^Address(?:\s+\d+)?:\s+(\S+)/
const PTR = /^(\S+\.in-addr\.arpa)\s+name = (\S+?)\.?$/
const CANT_FIND = /^\*{2,3} (?:server can't find|Can't find) ([^:]+): (.+)$/

export function parseNslookup(text: string): NslookupResult {
  const out: NslookupResult = { server: undefined, answers: [], ptr: [], errors: [] }
  let name: string | undefined
  let inServer = false
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim()
    const server = SERVER.exec(line)
    if (server) {
      out.server = server[1]
      inServer = true
      name = undefined
      continue
    }
    if (line === '') {
      inServer = false
      continue
    }
    const n = NAME.exec(line)
    if (n) {
      name = n[1]
      inServer = false
      continue
    }
    const a = ADDRESS.exec(line)
    if (a) {
      // The Address right under Server: is the resolver itself, not an answer.
      if (!inServer && name !== undefined) out.answers.push({ name, address: a[1] ?? '' })
      continue
    }
    const p = PTR.exec(line)
    if (p) {
      out.ptr.push({ arpa: p[1] ?? '', name: p[2] ?? '' })
      continue
    }
    const e = CANT_FIND.exec(line)
    if (e) out.errors.push({ name: (e[1] ?? '').trim(), reason: (e[2] ?? '').trim() })
  }
  return out
}

/** IPv4 addresses answered for `name` (trailing dots ignored); any answer counts when no name is given. */
export function addressesFor(r: NslookupResult, name?: string): string[] {
  const strip = (s: string) => s.replace(/\.$/, '')
  return r.answers
    .filter((a) => name === undefined || strip(a.name) === strip(name))
    .map((a) => a.address)
    .filter((a) => /^\d{1,3}(\.\d{1,3}){3}$/.test(a))
}
