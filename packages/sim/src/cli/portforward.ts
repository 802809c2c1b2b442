// `kubectl port-forward`: a real listener on 127.0.0.1 (and ::1 when possible) serving the pinned pod's page.
import { createHash } from 'node:crypto'
import { existsSync, readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { dirname, join } from 'node:path'
import { bakeBundle, indexHtml } from '../format/page.ts'
import { PAGE_BUNDLE } from '../page/constants.ts'
import { flag, type Parsed } from './flags.ts'
import { fail, type Io } from './io.ts'
import { withCluster, type Target } from './session.ts'
import { reconcileWorld } from '../world/controllers.ts'
import { dropAfter } from '../world/faults.ts'
import { isAlive, isRunning, mostActive, nodeStopped, podsOf, reached } from '../world/pods.ts'
import { readWorld } from '../world/store.ts'

export async function portForward(io: Io, t: Target, p: Parsed, ns: string): Promise<number> {
  const [ref = '', ...specs] = p.positionals.slice(1)
  if (!ref || specs.length === 0)
    return fail('error: TYPE/NAME and list of ports are required for port-forward')
  const [kind, name = ''] = ref.includes('/') ? ref.split('/', 2) : ['pod', ref]
  const address = flag(p, 'address') ?? 'localhost'
  const pinned = await withCluster(io, t, (c, w, now) => {
    let pods
    let translate = (port: number): number | undefined => port
    if (kind === 'service' || kind === 'services' || kind === 'svc') {
      const svc = c.services.find((s) => s.meta.name === name && s.meta.namespace === ns)
      if (!svc) return { error: `Error from server (NotFound): services "${name}" not found` }
      if (!svc.selector)
        return {
          error: `error: cannot attach to *v1.Service: invalid service '${name}': Service is defined without a selector`,
        }
      pods = mostActive(podsOf(c, ns, svc.selector).filter(isAlive), now)
      translate = (port) => {
        const sp = svc.ports.find((x) => x.port === port)
        return sp ? (typeof sp.targetPort === 'number' ? sp.targetPort : port) : undefined
      }
      if (pods.length === 0)
        return { error: `error: unable to forward port because pod is not running. Current status=Pending` }
    } else if (kind === 'pod' || kind === 'pods' || kind === 'po') {
      pods = c.pods.filter((x) => x.meta.name === name && x.meta.namespace === ns)
      if (pods.length === 0) return { error: `Error from server (NotFound): pods "${name}" not found` }
    } else return { error: `error: cannot attach to ${kind}: selector for ${kind} not implemented` }
    const pod = pods[0]
    if (!pod) return { error: 'error: no pod found' }
    if (!isRunning(pod, now))
      return { error: `error: unable to forward port because pod is not running. Current status=Pending` }
    const host = c.nodes.find((n) => n.name === pod.nodeName)
    if (host?.stoppedAt !== undefined)
      return {
        error: `error: error upgrading connection: error dialing backend: dial tcp ${host.ip}:10250: connect: no route to host`,
      }
    const ports = specs.map((s) => {
      const [local = '', remote = local] = s.includes(':') ? s.split(':', 2) : [s, s]
      const target = translate(Number(remote))
      return { local: local === '' ? 0 : Number(local), remote: Number(remote), target }
    })
    const bad = ports.find((x) => x.target === undefined)
    if (bad) return { error: `error: Service ${name} does not have a service port ${bad.remote}` }
    const env = pod.spec.containers[0]?.env ?? {}
    return { pod: pod.meta.name, uid: pod.meta.uid, ip: pod.ip ?? '', env, ports, drop: dropAfter(w.faults) }
  })
  if ('error' in pinned) return fail(pinned.error ?? '')
  const servers: Server[] = []
  let requests = 0
  const die = (lines: string[]) => {
    io.err(lines.map((l) => `${klogPrefix()}${l}\n`).join(''))
    for (const s of servers) s.close()
    process.exit(1)
  }
  // The pod's server: gone (deleted, node down), still inside `npm run build` (nothing listens yet), or serving.
  const podState = (): 'gone' | 'building' | 'serving' => {
    const w = readWorld(io.stateDir)
    if (!w) return 'gone'
    const now = Date.now()
    const c = reconcileWorld(w, now).clusters[t.profile]
    const pod = c?.pods.find((x) => x.meta.uid === pinned.uid)
    if (!pod || !isAlive(pod) || c?.status !== 'Running' || nodeStopped(c, pod.nodeName)) return 'gone'
    return reached(pod.readyAt, now) ? 'serving' : 'building'
  }
  const page = frontendBuild(pinned.env, pinned.pod, pinned.ip)
  const sandbox = createHash('sha256').update(pinned.uid).digest('hex')
  for (const port of pinned.ports) {
    const handler = createServer((req, res) => {
      const state = podState()
      if (state !== 'serving') {
        res.destroy()
        const netns = `/var/run/netns/cni-${pinned.uid}`
        die([
          state === 'gone'
            ? `portforward.go:413] an error occurred forwarding ${port.local} -> ${port.target}: error forwarding port ${port.target} to pod ${sandbox}, uid : network namespace for sandbox "${sandbox}" is closed`
            : `portforward.go:413] an error occurred forwarding ${port.local} -> ${port.target}: error forwarding port ${port.target} to pod ${sandbox}, uid : failed to execute portforward in network namespace "${netns}": failed to connect to localhost:${port.target} inside namespace "${sandbox}", IPv4: dial tcp4 127.0.0.1:${port.target}: connect: connection refused IPv6 dial tcp6: address localhost: no suitable address found `,
          'portforward.go:233] lost connection to pod',
        ])
        return
      }
      requests++
      if (req.url === '/favicon.ico') {
        res.writeHead(204).end()
      } else if (req.url === page.path) {
        res
          .writeHead(200, {
            'content-type': 'application/javascript; charset=UTF-8',
            'cache-control': 'max-age=31536000',
          })
          .end(page.js)
      } else {
        // express.static, then the app's `/*` fallback: every other path is index.html.
        res
          .writeHead(200, { 'content-type': 'text/html; charset=UTF-8', 'cache-control': 'no-cache' })
          .end(indexHtml(page.path))
      }
      if (pinned.drop !== undefined && requests >= pinned.drop) {
        res.on('finish', () =>
          die([
            `portforward.go:413] an error occurred forwarding ${port.local} -> ${port.target}: error forwarding port ${port.target} to pod ${pinned.uid.replace(/-/g, '')}, uid : failed to execute portforward in network namespace: read: connection reset by peer`,
            'portforward.go:233] lost connection to pod',
          ]),
        )
      }
    })
    handler.on('connection', () => io.out(`Handling connection for ${port.local}\n`))
    const v4 = await listen(handler, port.local, address === '0.0.0.0' ? '0.0.0.0' : '127.0.0.1')
    if (typeof v4 === 'string') {
      return fail(
        `Unable to listen on port ${port.local}: Listeners failed to create with the following errors: [unable to create listener: Error listen tcp4 127.0.0.1:${port.local}: bind: ${v4}]\nerror: unable to listen on any of the requested ports: [{${port.local} ${port.target}}]`,
      )
    }
    port.local = v4
    servers.push(handler)
    io.out(`Forwarding from ${address === '0.0.0.0' ? '0.0.0.0' : '127.0.0.1'}:${v4} -> ${port.target}\n`)
    if (address === 'localhost') {
      const six = createServer((req, res) => handler.emit('request', req, res))
      six.on('connection', () => io.out(`Handling connection for ${port.local}\n`))
      if (typeof (await listen(six, v4, '::1')) === 'number') {
        servers.push(six)
        io.out(`Forwarding from [::1]:${v4} -> ${port.target}\n`)
      }
    }
  }
  return new Promise<number>((resolve) => {
    const stop = () => {
      for (const s of servers) s.close()
      resolve(0)
    }
    process.once('SIGTERM', stop)
    process.once('SIGINT', stop)
  })
}

/** What `npm run build` left in this pod's build/: the shared React bundle with the pod's env baked in. */
export function frontendBuild(
  env: Record<string, string>,
  podName: string,
  podIp: string,
): { path: string; js: string } {
  const file = join(dirname(process.argv[1] ?? '.'), PAGE_BUNDLE)
  if (!existsSync(file))
    return fail(
      `the simulator's page bundle ${file} is missing: run the lab with --simulate again so setup rebuilds the fakes`,
    )
  // node.js in the image sets these two from os.hostname() and ip.address() just before the build.
  const js = bakeBundle(readFileSync(file, 'utf8'), {
    ...env,
    REACT_APP_CONTAINER_NAME: podName,
    REACT_APP_CONTAINER_IP: podIp,
  })
  return { path: `/static/js/main.${createHash('sha256').update(js).digest('hex').slice(0, 8)}.js`, js }
}

function listen(server: Server, port: number, host: string): Promise<number | string> {
  return new Promise((resolve) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      resolve(e.code === 'EADDRINUSE' ? 'address already in use' : e.message),
    )
    server.listen(port, host, () => resolve((server.address() as AddressInfo).port))
  })
}

/** klog's `E0412 13:45:28.732780   12345 ` prefix. */
function klogPrefix(): string {
  const d = new Date()
  const p = (n: number, w = 2) => String(n).padStart(w, '0')
  return `E${p(d.getMonth() + 1)}${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(d.getMilliseconds() * 1000, 6)} ${String(process.pid).padStart(7)} `
}
