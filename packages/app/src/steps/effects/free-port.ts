// Local port probing with node:net: is the wanted port free, and if not, which one is.
import { createServer } from 'node:net'

const LOCALHOST = '127.0.0.1'

/** Try to listen on the port; free means nobody else holds it right now. */
export function isPortFree(port: number, host = LOCALHOST): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = createServer()
    srv.once('error', () => resolve(false))
    srv.listen({ port, host, exclusive: true }, () => srv.close(() => resolve(true)))
  })
}

/** A port the OS considers free now (listen on 0, read it, release it). */
export function freePort(host = LOCALHOST): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer()
    srv.once('error', reject)
    srv.listen({ port: 0, host }, () => {
      const addr = srv.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      srv.close(() => resolve(port))
    })
  })
}

export type LocalPortChoice = { wanted: number; used: number; reason: string | undefined }

/** The wanted port when it is free, else a free one with the reason. */
export async function chooseLocalPort(wanted: number): Promise<LocalPortChoice> {
  if (await isPortFree(wanted)) return { wanted, used: wanted, reason: undefined }
  return {
    wanted,
    used: await freePort(),
    reason: `127.0.0.1:${wanted} is already in use by another program`,
  }
}
