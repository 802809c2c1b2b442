// Pure: read kubectl port-forward's `Forwarding from 127.0.0.1:3000 -> 3000` lines.

export type Forwarding = { address: string; localPort: number; remotePort: number }

const LINE = /Forwarding from (\[[0-9a-fA-F:]+\]|[\d.]+):(\d+) -> (\d+)/g

/** Every listener kubectl reported, IPv4 first as printed. */
export function parseForwarding(text: string): Forwarding[] {
  return [...text.matchAll(LINE)].map((m) => ({
    address: m[1] ?? '',
    localPort: Number(m[2]),
    remotePort: Number(m[3]),
  }))
}

/** The local port to browse: the IPv4 listener if there is one (kubectl binds 127.0.0.1 and ::1). */
export function forwardedPort(text: string): number | undefined {
  const all = parseForwarding(text)
  return (all.find((f) => !f.address.startsWith('[')) ?? all[0])?.localPort
}
