import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:net'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { stringify } from 'yaml'
import {
  assertMinikubeContext,
  kubeconfigFiles,
  loadKubeconfig,
  mergeKubeconfigs,
  profileAddress,
} from './kube.ts'
import { fakeRunner, type FakeExpectation } from './runner/fake-runner.ts'
import { profileList } from './testing/minikube.ts'

// The shape `minikube start` writes (cluster_info / context_info extensions, client cert under the profile dir).
const extension = (name: string) => [
  {
    extension: {
      'last-update': 'Thu, 20 Nov 2025 10:00:00 UTC',
      provider: 'minikube.sigs.k8s.io',
      version: 'v1.34.0',
    },
    name,
  },
]
type Entry = { name: string; [k: string]: unknown }
type Doc = { clusters?: Entry[]; contexts?: Entry[]; users?: Entry[]; 'current-context'?: string }

function minikubeEntries(
  profile: string,
  server: string,
  home = '/home/student/.minikube',
): Required<Omit<Doc, 'current-context'>> {
  return {
    clusters: [
      {
        cluster: { 'certificate-authority': `${home}/ca.crt`, extensions: extension('cluster_info'), server },
        name: profile,
      },
    ],
    contexts: [
      {
        context: {
          cluster: profile,
          extensions: extension('context_info'),
          namespace: 'default',
          user: profile,
        },
        name: profile,
      },
    ],
    users: [
      {
        name: profile,
        user: {
          'client-certificate': `${home}/profiles/${profile}/client.crt`,
          'client-key': `${home}/profiles/${profile}/client.key`,
        },
      },
    ],
  }
}

/** A cluster someone else runs, with a context that happens to be named like the lab's profile. */
function foreignEntries(profile: string, server: string): Required<Omit<Doc, 'current-context'>> {
  return {
    clusters: [{ cluster: { server, 'insecure-skip-tls-verify': true }, name: 'corp' }],
    contexts: [{ context: { cluster: 'corp', user: 'me' }, name: profile }],
    users: [{ name: 'me', user: { token: 'kZ9fQ2xW7mL4pR8tY1vB3nC6' } }],
  }
}

const doc = (d: Doc) => stringify({ apiVersion: 'v1', kind: 'Config', preferences: {}, ...d })

let dir: string
let listener: Server
let connections: number
let port: number

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'lab4-kubeconfig-'))
  connections = 0
  listener = createServer((s) => {
    connections += 1
    s.destroy()
  })
  await new Promise<void>((ok) => listener.listen(0, '127.0.0.1', ok))
  port = (listener.address() as { port: number }).port
})
afterEach(() => new Promise<void>((ok) => listener.close(() => ok())))

const file = (name: string, d: Doc) => {
  const p = join(dir, name)
  writeFileSync(p, doc(d))
  return p
}
const envWith = (...files: string[]) => ({ KUBECONFIG: files.join(delimiter), HOME: dir })
const listed = (ip = '192.168.49.2', status = 'OK') =>
  profileList([{ name: 'lab4', status }]).replace('"IP":"192.168.49.2"', `"IP":"${ip}"`)
const minikubeSays = (stdout: string): FakeExpectation => ({
  argv: ['minikube', 'profile', 'list', '-o', 'json'],
  respond: { stdout },
})

describe('loading the kubeconfig as kubectl merges it', () => {
  it('reads every KUBECONFIG file in order: a lab4 context defined only in the second file is found', () => {
    const first = file('a.yaml', {
      ...foreignEntries('work', 'https://10.0.0.1:6443'),
      'current-context': 'work',
    })
    const second = file('b.yaml', {
      ...minikubeEntries('lab4', 'https://192.168.49.2:8443'),
      'current-context': 'lab4',
    })
    const kc = loadKubeconfig(envWith(first, second))
    expect(kc.files).toEqual([first, second])
    expect(kc.contexts.get('lab4')).toMatchObject({ cluster: 'lab4', user: 'lab4', file: second })
    expect(kc.clusters.get('lab4')?.server).toBe('https://192.168.49.2:8443')
    expect(kc.current).toBe('work') // the first file to set current-context wins
  })

  it('keeps the first definition of a name, as kubectl does, and skips a listed file that does not exist', () => {
    const first = file('a.yaml', foreignEntries('lab4', `https://127.0.0.1:${port}`))
    const second = file('b.yaml', minikubeEntries('lab4', 'https://192.168.49.2:8443'))
    const kc = loadKubeconfig(envWith(join(dir, 'missing.yaml'), first, second))
    expect(kc.files).toEqual([first, second])
    expect(kc.contexts.get('lab4')).toMatchObject({ cluster: 'corp', file: first })
  })

  it('falls back to ~/.kube/config and ignores empty KUBECONFIG entries', () => {
    expect(kubeconfigFiles({ HOME: '/home/a' })).toEqual(['/home/a/.kube/config'])
    expect(kubeconfigFiles({ KUBECONFIG: `${delimiter}/x${delimiter}${delimiter}/y`, HOME: '/h' })).toEqual([
      '/x',
      '/y',
    ])
  })

  it('resolves relative certificate paths against the file they are written in, as kubectl does', () => {
    const kc = mergeKubeconfigs([
      {
        file: '/home/s/.kube/config',
        text: doc({
          users: [
            { name: 'lab4', user: { 'client-certificate': 'p/client.crt', 'client-key': 'p/client.key' } },
          ],
        }),
      },
    ])
    expect(kc.users.get('lab4')?.certFile).toBe('/home/s/.kube/p/client.crt')
  })

  it('names the file that is not YAML', () => {
    const bad = join(dir, 'bad.yaml')
    writeFileSync(bad, 'clusters: [\n')
    expect(() => loadKubeconfig(envWith(bad))).toThrow(/bad\.yaml is not valid YAML/)
  })
})

describe('minikube profile list -o json', () => {
  it('gives the control-plane address and whether the profile runs', () => {
    expect(profileAddress(listed(), 'lab4')).toEqual({
      ip: '192.168.49.2',
      port: 8443,
      driver: 'docker',
      running: true,
      forwarded: [],
    })
    expect(profileAddress(listed('192.168.49.2', 'Stopped'), 'lab4')?.running).toBe(false)
    expect(profileAddress(listed(), 'other')).toBeUndefined()
    expect(profileAddress('not json', 'lab4')).toBeUndefined()
  })
})

describe('the context guard', () => {
  it('accepts the context minikube wrote, at the address minikube reports', async () => {
    const env = envWith(file('config', minikubeEntries('lab4', 'https://192.168.49.2:8443')))
    const runner = fakeRunner([minikubeSays(listed())])
    await expect(assertMinikubeContext('lab4', env, { runner, requireContext: true })).resolves.toMatchObject(
      {
        kind: 'ok',
        server: 'https://192.168.49.2:8443',
      },
    )
    runner.assertDone()
  })

  it('refuses a foreign context named lab4 without minikube marker, naming each difference; the server hears nothing', async () => {
    const env = envWith(file('config', foreignEntries('lab4', `https://127.0.0.1:${port}`)))
    const runner = fakeRunner([
      minikubeSays(listed()),
      { argv: ['docker', 'port', 'lab4', '8443/tcp'], respond: { stdout: '127.0.0.1:32772\n' } },
    ])
    const err = await assertMinikubeContext('lab4', env, { runner }).catch((e: Error) => e)
    expect(err).toBeInstanceOf(Error)
    const text = (err as Error).message
    expect(text).toMatch(/context "lab4" has no minikube marker \(extension context_info/)
    expect(text).toMatch(/cluster "corp" has no minikube marker/)
    expect(text).toMatch(/uses user "me"/)
    expect(text).toMatch(/carries a token/)
    expect(text).toContain(
      `points at https://127.0.0.1:${port}, but minikube reports https://192.168.49.2:8443`,
    )
    expect(connections).toBe(0)
  })

  it('refuses a context that carries the markers but whose server is not the profile address', async () => {
    const env = envWith(file('config', minikubeEntries('lab4', `https://127.0.0.1:${port}`)))
    const runner = fakeRunner([
      minikubeSays(listed()),
      { argv: ['docker', 'port', 'lab4', '8443/tcp'], respond: { stdout: '127.0.0.1:32772\n[::]:32772\n' } },
    ])
    await expect(assertMinikubeContext('lab4', env, { runner, requireContext: true })).rejects.toThrow(
      `cluster "lab4" points at https://127.0.0.1:${port}, but minikube reports https://192.168.49.2:8443 (forwarded from 127.0.0.1:32772)`,
    )
    expect(connections).toBe(0)
  })

  it('refuses a marked context pointing at another host, and asks no driver about it', async () => {
    const env = envWith(file('config', minikubeEntries('lab4', 'https://10.20.30.40:8443')))
    const runner = fakeRunner([minikubeSays(listed())])
    await expect(assertMinikubeContext('lab4', env, { runner })).rejects.toThrow(
      /points at https:\/\/10\.20\.30\.40:8443/,
    )
    runner.assertDone()
  })

  it('accepts a loopback server when the docker driver forwards that port to the apiserver (macOS, Windows)', async () => {
    const env = envWith(file('config', minikubeEntries('lab4', `https://127.0.0.1:${port}`)))
    const runner = fakeRunner([
      minikubeSays(listed()),
      { argv: ['docker', 'port', 'lab4', '8443/tcp'], respond: { stdout: `127.0.0.1:${port}\n` } },
    ])
    await expect(assertMinikubeContext('lab4', env, { runner })).resolves.toMatchObject({ kind: 'ok' })
    expect(connections).toBe(0)
  })

  it('falls back to `minikube ip` when the profile list does not name the profile', async () => {
    const env = envWith(file('config', minikubeEntries('lab4', 'https://192.168.58.2:8443')))
    const runner = fakeRunner([
      minikubeSays('{"invalid":[],"valid":[]}'),
      { argv: ['minikube', 'ip', '-p', 'lab4'], respond: { stdout: '192.168.58.2\n' } },
    ])
    await expect(assertMinikubeContext('lab4', env, { runner })).resolves.toMatchObject({ kind: 'ok' })
  })

  it('in lab mode lets a marked context through when minikube knows no profile yet (minikube start rewrites it)', async () => {
    const env = envWith(file('config', minikubeEntries('lab4', 'https://192.168.49.2:8443')))
    const answers = (): FakeExpectation[] => [
      minikubeSays('{"invalid":[],"valid":[]}'),
      {
        argv: ['minikube', 'ip', '-p', 'lab4'],
        respond: { exitCode: 85, stdout: '🤷  Profile "lab4" not found.' },
      },
    ]
    await expect(
      assertMinikubeContext('lab4', env, { runner: fakeRunner(answers()) }),
    ).resolves.toMatchObject({
      kind: 'ok',
      deferred: expect.stringContaining('minikube knows no profile "lab4"'),
    })
    // Live verify reads the cluster at once: an unconfirmed server is refused there.
    await expect(
      assertMinikubeContext('lab4', env, { runner: fakeRunner(answers()), requireContext: true }),
    ).rejects.toThrow(/minikube knows no profile "lab4" yet/)
  })

  it('lets pnpm lab start when there is no context yet, but stops live verify at once (no command, under 2 s)', async () => {
    const env = envWith(file('config', foreignEntries('work', 'https://10.0.0.1:6443')))
    const runner = fakeRunner([])
    await expect(assertMinikubeContext('lab4', env, { runner })).resolves.toMatchObject({ kind: 'missing' })
    const started = Date.now()
    await expect(assertMinikubeContext('lab4', env, { runner, requireContext: true })).rejects.toThrow(
      /kubeconfig has no context "lab4" \(read .*config; contexts there: work\)/,
    )
    expect(Date.now() - started).toBeLessThan(2000)
    expect(runner.calls).toHaveLength(0)
  })
})
