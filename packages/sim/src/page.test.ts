// The frontend page as a real browser gets it through port-forward: an empty shell that React fills in after a delay.
import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BROWSER_ARGS, resolveBrowser } from '@lab4/core'
import { bakeBundle, indexHtml } from './format/page.ts'
import { MISSING, PAGE_BUNDLE } from './page/constants.ts'
import { bringUp, buildFakes, deployApp, items, newSim, startLong, type Sim } from './testing/index.ts'

let bin: string
let sim: Sim
let forward: ReturnType<typeof startLong>
let url: string

beforeAll(async () => {
  bin = await buildFakes()
  sim = newSim(bin)
  await bringUp(sim)
  await deployApp(sim)
  forward = startLong(
    sim,
    ['kubectl', '--context', 'lab4', 'port-forward', 'service/frontend', ':3000'],
    /Forwarding from 127\.0\.0\.1:(\d+) -> 3000/,
  )
  url = `http://127.0.0.1:${(await forward.matched)[1]}/`
}, 120_000)
afterAll(() => void forward?.child.kill('SIGTERM'))

/** The DOM headless Chromium ends up with: at `load`, or after `virtualMs` of (fast-forwarded) page time. */
function dumpDom(page: string, virtualMs?: number): Promise<string> {
  const args = [
    ...BROWSER_ARGS,
    ...(virtualMs ? [`--virtual-time-budget=${virtualMs}`] : []),
    '--dump-dom',
    page,
  ]
  return new Promise((resolve, reject) =>
    execFile(resolveBrowser().path, args, { timeout: 60_000 }, (err, stdout, stderr) =>
      err ? reject(new Error(`${err.message}\n${stderr}`)) : resolve(stdout),
    ),
  )
}

/** The text lines React rendered into `<div class="App">`, one per child div. */
const appLines = (dom: string): string[] =>
  [...(/<div class="App">(.*?)<\/div><\/div>/s.exec(dom)?.[1] ?? '').matchAll(/<div>([^<]*)/g)].map(
    (m) => m[1] ?? '',
  )

describe('the React page', () => {
  it('is an empty CRA shell until React runs: reading the document once it has loaded finds no values', async () => {
    // 100 ms of page time is less than the app's render delay, whatever the load on this machine.
    const dom = await dumpDom(url, 100)
    expect(dom).toContain('<div id="root"></div>')
    expect(dom).not.toContain('Container')
  })

  it('renders the app’s lines with the pinned pod’s values once React has run', async () => {
    const lines = appLines(await dumpDom(url, 5000))
    const pods = items(await sim.k('get', 'pods', '-l', 'app=frontend', '-o', 'json'))
    const pod = pods.find((p) => lines.includes(`Container name is: ${p.metadata.name}`))
    expect(pod, `no pod's name in ${JSON.stringify(lines)}`).toBeDefined()
    expect(lines).toEqual([
      'Hi there!',
      'Container was started by user: student',
      'Container was started by company: ITMO University',
      `Container name is: ${pod?.metadata.name}`,
      `Container was started with IP: ${pod?.status.podIP}`,
    ])
  })

  it('shows the app’s placeholder for a variable the build did not get', async () => {
    const js = bakeBundle(readFileSync(join(bin, PAGE_BUNDLE), 'utf8'), {
      REACT_APP_USERNAME: 'ivanov',
      REACT_APP_CONTAINER_NAME: 'frontend-abc',
      REACT_APP_CONTAINER_IP: '10.244.1.5',
    })
    const server = createServer((req, res) =>
      req.url === '/main.js'
        ? res.writeHead(200, { 'content-type': 'application/javascript' }).end(js)
        : res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' }).end(indexHtml('/main.js')),
    )
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
    try {
      const lines = appLines(
        await dumpDom(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`, 5000),
      )
      expect(lines.slice(1, 3)).toEqual([
        'Container was started by user: ivanov',
        `Container was started by company: ${MISSING}`,
      ])
    } finally {
      server.close()
    }
  })
})
