// BusyBox (node:14-alpine) ping and nslookup output.

export type PingReply = { ttl: number; timeMs: number }

/** `replies` empty = nothing answered (ClusterIP, unknown address). */
export function pingOutput(
  target: string,
  ip: string,
  count: number,
  replies: PingReply[],
): { stdout: string; exitCode: number } {
  const lines = [`PING ${target} (${ip}): 56 data bytes`]
  replies.forEach((r, seq) =>
    lines.push(`64 bytes from ${ip}: seq=${seq} ttl=${r.ttl} time=${r.timeMs.toFixed(3)} ms`),
  )
  lines.push('', `--- ${target} ping statistics ---`)
  const received = replies.length
  lines.push(
    `${count} packets transmitted, ${received} packets received, ${Math.round(((count - received) / count) * 100)}% packet loss`,
  )
  if (received > 0) {
    const t = replies.map((r) => r.timeMs)
    const avg = t.reduce((a, b) => a + b, 0) / t.length
    lines.push(
      `round-trip min/avg/max = ${Math.min(...t).toFixed(3)}/${avg.toFixed(3)}/${Math.max(...t).toFixed(3)} ms`,
    )
  }
  return { stdout: `${lines.join('\n')}\n`, exitCode: received > 0 ? 0 : 1 }
}

export const badAddress = (target: string): string => `ping: bad address '${target}'\n`

const header = (server: string) => `Server:\t\t${server}\nAddress:\t${server}:53\n\n`

export type NslookupResult =
  { kind: 'ip'; ip: string; authoritative: boolean } | { kind: 'nxdomain' } | { kind: 'timeout' }

export function nslookupOutput(
  name: string,
  server: string,
  r: NslookupResult,
): { stdout: string; exitCode: number } {
  if (r.kind === 'timeout')
    return { stdout: ';; connection timed out; no servers could be reached\n\n', exitCode: 1 }
  if (r.kind === 'nxdomain') {
    return {
      stdout: `${header(server)}** server can't find ${name}: NXDOMAIN\n\n** server can't find ${name}: NXDOMAIN\n\n`,
      exitCode: 1,
    }
  }
  const nonAuth = r.authoritative ? '' : 'Non-authoritative answer:\n'
  // BusyBox asks for A and AAAA; the AAAA query has no answer for an IPv4-only cluster.
  return {
    stdout: `${header(server)}${nonAuth}Name:\t${name}\nAddress: ${r.ip}\n\n*** Can't find ${name}: No answer\n\n`,
    exitCode: 0,
  }
}
