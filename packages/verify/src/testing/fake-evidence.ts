// Test support: readers the fake steps share (kubectl JSON, BusyBox ping output).
import { parseItems, podSummary, type StepContext, type V1Node, type V1Pod } from '@lab4/core'

export const cc = (ctx: StepContext, ...args: string[]) =>
  ctx.kubectl(
    'exec',
    '-i',
    '-n',
    'kube-system',
    'calicoctl',
    '--',
    'calicoctl',
    ...args,
    '--allow-version-mismatch',
  )
export const nodesOf = (stdout: string) =>
  parseItems<V1Node>(stdout).map((n) => ({
    name: n.metadata?.name ?? '',
    zone: n.metadata?.labels?.zone ?? '',
  }))
export const podsOf = (stdout: string) => parseItems<V1Pod>(stdout).map(podSummary)
export type Pool = { metadata: { name: string }; spec: { cidr: string } }
export const inCidr = (ip: string, cidr: string) =>
  ip.split('.').slice(0, 3).join('.') === cidr.split('/')[0]?.split('.').slice(0, 3).join('.')

/** BusyBox ping statistics and the TTL of the replies, read from real output. */
export function pingStats(stdout: string): { received: number; ttls: number[]; badAddress: boolean } {
  const stats = /(\d+) packets transmitted, (\d+) packets received/.exec(stdout)
  return {
    received: Number(stats?.[2] ?? 0),
    ttls: [...stdout.matchAll(/ttl=(\d+)/g)].map((m) => Number(m[1])),
    badAddress: /ping: bad address/.test(stdout),
  }
}
