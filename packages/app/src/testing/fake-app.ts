// Test helper: a local HTTP server that behaves like one frontend pod: an HTML shell whose script renders the values later.
import { createServer, type Server } from 'node:http'

export type FakePod = { name: string; ip: string; username?: string; company?: string }

export async function startFakePod(
  pod: FakePod,
  renderDelayMs = 300,
): Promise<{ port: number; requests: () => number; close: () => Promise<void> }> {
  let requests = 0
  const lines = [
    'Hi there!',
    `Container was started by user: ${pod.username ?? 'student'}`,
    `Container was started by company: ${pod.company ?? 'ITMO University'}`,
    `Container name is: ${pod.name}`,
    `Container was started with IP: ${pod.ip}`,
  ]
  const html = `<!doctype html><html><head><title>React App</title></head><body><noscript>You need to enable JavaScript to run this app.</noscript><div id="root"></div>
<script>setTimeout(() => { document.getElementById('root').innerHTML = ${JSON.stringify(lines.map((l) => `<p>${l}</p>`).join(''))} }, ${renderDelayMs})</script></body></html>`
  const server: Server = createServer((req, res) => {
    requests += 1
    if (req.url === '/favicon.ico') {
      res.writeHead(404)
      res.end()
      return
    }
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(html)
  })
  const port = await new Promise<number>((r) =>
    server.listen(0, '127.0.0.1', () => r((server.address() as { port: number }).port)),
  )
  return {
    port,
    requests: () => requests,
    close: () =>
      new Promise((r) => {
        server.close(() => r())
        server.closeAllConnections()
      }),
  }
}
