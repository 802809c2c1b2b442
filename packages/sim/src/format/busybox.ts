// BusyBox (node:14-alpine) ping and nslookup output.

/** What an applet prints to stderr when its arguments make no sense. */
export const appletUsage = (applet: string): { stdout: string; stderr: string; exitCode: number } => ({
  stdout: '',
  stderr: `BusyBox v1.36.1 (2023-07-27 17:12:24 UTC) multi-call binary.\n\nUsage: ${applet} [OPTIONS] HOST\n`,
  exitCode: 1,
})

export type PingReply = { ttl: number; timeMs: number }

export const pingHeader = (target: string, ip: string): string => `PING ${target} (${ip}): 56 data bytes\n`

export const pingReplyLine = (ip: string, seq: number, r: PingReply): string =>
  `64 bytes from ${ip}: seq=${seq} ttl=${r.ttl} time=${r.timeMs.toFixed(3)} ms\n`

/** The summary BusyBox prints on its own or on Ctrl-C (the leading newline ends the `^C` the terminal echoed). */
export function pingStats(target: string, transmitted: number, replies: PingReply[]): string {
  const received = replies.length
  const loss = transmitted === 0 ? 0 : Math.round(((transmitted - received) / transmitted) * 100)
  let out = `\n--- ${target} ping statistics ---\n${transmitted} packets transmitted, ${received} packets received, ${loss}% packet loss\n`
  if (received > 0) {
    const t = replies.map((r) => r.timeMs)
    const avg = t.reduce((a, b) => a + b, 0) / t.length
    out += `round-trip min/avg/max = ${Math.min(...t).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...t).toFixed(3)} ms\n`
  }
  return out
}

export const badAddress = (target: string): string => `ping: bad address '${target}'\n`

/** One reply as BusyBox prints it: `records` are ready-made answer lines, empty for NODATA. */
export type NsBlock =
  | { name: string; rcode: 'NXDOMAIN' | 'SERVFAIL' }
  | { name: string; rcode: 'NOERROR'; authoritative: boolean; records: string[] }

export const aRecord = (name: string, ip: string): string => `Name:\t${name}\nAddress: ${ip}`
export const ptrRecord = (arpa: string, target: string): string => `${arpa}\tname = ${target}`

/**
 * The nslookup of the BusyBox in node:14-alpine: `Server:`/`Address:` once, then one block per reply in
 * arrival order, each ended by an empty line; a NODATA reply prints nothing but that empty line (sanchpet's
 * capture shows one). Any error rcode makes the exit status 1, even when another candidate answered.
 */
export function nslookupOutput(server: string, blocks: NsBlock[]): { stdout: string; exitCode: number } {
  let out = `Server:\t\t${server}\nAddress:\t${server}:53\n\n`
  for (const b of blocks) {
    if (b.rcode !== 'NOERROR') out += `** server can't find ${b.name}: ${b.rcode}\n`
    else
      out += `${b.authoritative ? '' : 'Non-authoritative answer:\n'}${b.records.map((r) => `${r}\n`).join('')}`
    out += '\n'
  }
  return { stdout: out, exitCode: blocks.some((b) => b.rcode !== 'NOERROR') ? 1 : 0 }
}

/** No server answered within BusyBox's 5 s (2 tries). */
export const nslookupTimeout = (): { stdout: string; exitCode: number } => ({
  stdout: ';; connection timed out; no servers could be reached\n\n',
  exitCode: 1,
})
