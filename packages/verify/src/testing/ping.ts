// Test helper: what the synthetic network check reads from BusyBox ping output (replies, their TTL, a bad address).
export function pingStats(stdout: string): { received: number; ttls: number[]; badAddress: boolean } {
  const stats = /(\d+) packets transmitted, (\d+) packets received/.exec(stdout)
  return {
    received: Number(stats?.[2] ?? 0),
    ttls: [...stdout.matchAll(/ttl=(\d+)/g)].map((m) => Number(m[1])),
    badAddress: /ping: bad address/.test(stdout),
  }
}
