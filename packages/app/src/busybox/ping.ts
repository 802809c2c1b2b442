// Pure parser for BusyBox ping output (the node:14-alpine image). Copes with shell prompts and ^C lines.

export type PingReply = { from: string; seq: number; ttl: number; timeMs: number }

export type PingResult = {
  /** The name or IP ping was given. */
  target: string
  /** The IP the name resolved to, from the `PING name (ip)` header. */
  resolvedIp: string | undefined
  replies: PingReply[]
  transmitted: number | undefined
  received: number | undefined
  lossPct: number | undefined
  rtt: { min: number; avg: number; max: number } | undefined
  /** `bad-address`: the name did not resolve; `permission-denied`: no raw-socket right. */
  error: 'bad-address' | 'permission-denied' | undefined
}

const HEADER = /PING (\S+) \((\d{1,3}(?:\.\d{1,3}){3})\): \d+ data bytes/
const REPLY = /(\d+) bytes from (\d{1,3}(?:\.\d{1,3}){3}): seq=(\d+) ttl=(\d+) time=([\d.]+) ms/
const SUMMARY =
  /(\d+) packets transmitted, (\d+) packets received,(?: \+?\d+ duplicates,)? (\d+)% packet loss/
const RTT = /round-trip min\/avg\/max = ([\d.]+)\/([\d.]+)\/([\d.]+) ms/
const BAD_ADDRESS = /ping: bad address '([^']*)'/
const DENIED = /ping: permission denied/

const empty = (target: string): PingResult => ({
  target,
  resolvedIp: undefined,
  replies: [],
  transmitted: undefined,
  received: undefined,
  lossPct: undefined,
  rtt: undefined,
  error: undefined,
})

/** Every ping session in a transcript, in order (a transcript may hold several prompts and pings). */
export function parsePings(text: string): PingResult[] {
  const sessions: PingResult[] = []
  let cur: PingResult | undefined
  for (const line of text.split(/\r?\n/)) {
    const header = HEADER.exec(line)
    if (header) {
      cur = { ...empty(header[1] ?? ''), resolvedIp: header[2] }
      sessions.push(cur)
      continue
    }
    const bad = BAD_ADDRESS.exec(line)
    if (bad) {
      cur = undefined
      sessions.push({ ...empty(bad[1] ?? ''), error: 'bad-address' })
      continue
    }
    if (!cur) continue
    const reply = REPLY.exec(line)
    if (reply) {
      cur.replies.push({
        from: reply[2] ?? '',
        seq: Number(reply[3]),
        ttl: Number(reply[4]),
        timeMs: Number(reply[5]),
      })
      continue
    }
    const sum = SUMMARY.exec(line)
    if (sum) {
      cur.transmitted = Number(sum[1])
      cur.received = Number(sum[2])
      cur.lossPct = Number(sum[3])
      continue
    }
    const rtt = RTT.exec(line)
    if (rtt) {
      cur.rtt = { min: Number(rtt[1]), avg: Number(rtt[2]), max: Number(rtt[3]) }
      continue
    }
    if (DENIED.test(line)) cur.error = 'permission-denied'
  }
  return sessions
}

/** The one ping session of a `kubectl exec … -- ping` output (stdout and stderr joined); undefined if there is none. */
export function parsePing(text: string): PingResult | undefined {
  return parsePings(text)[0]
}

/** All sent packets answered; judged from the summary, or from the replies when the summary was cut off. */
export const pingSucceeded = (r: PingResult): boolean =>
  r.error === undefined &&
  (r.transmitted !== undefined ? r.transmitted > 0 && r.received === r.transmitted : r.replies.length > 0)

/** The ttl of every reply, in order: 64 answered from the same host, 62 crossed nodes (two routed hops). */
export const pingTtls = (r: PingResult): number[] => r.replies.map((x) => x.ttl)

/** The distinct IPs that answered. */
export const replyingIps = (r: PingResult): string[] => [...new Set(r.replies.map((x) => x.from))]
