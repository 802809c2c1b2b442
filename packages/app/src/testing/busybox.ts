// Test helper: BusyBox ping and nslookup output as `kubectl exec <pod> -- …` prints it in the node:14-alpine image.

/** `ping -c 3 <name>`: `received` of 3 replies with one ttl; no rtt line when nothing answered. */
export function busyboxPing(name: string, ip: string, o: { ttl?: number; received?: number } = {}): string {
  const received = o.received ?? 3
  const replies = Array.from(
    { length: received },
    (_, i) => `64 bytes from ${ip}: seq=${i} ttl=${o.ttl ?? 62} time=0.${i + 2}41 ms\n`,
  ).join('')
  return (
    `PING ${name} (${ip}): 56 data bytes\n${replies}\n--- ${name} ping statistics ---\n` +
    `3 packets transmitted, ${received} packets received, ${Math.round(((3 - received) / 3) * 100)}% packet loss\n` +
    (received ? 'round-trip min/avg/max = 0.241/0.341/0.441 ms\n' : '')
  )
}

/** `nslookup <name>` answered by the cluster DNS Service. */
export const busyboxNslookup = (name: string, ip: string): string =>
  `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n\nName:\t${name}\nAddress: ${ip}\n\n`
