// Test helper: drive the REAL bundled fakes as child processes, one world per test, fakes built once.
import { execFile, spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { delimiter, join } from 'node:path'
import { bundleFakes, initState } from '../setup.ts'
import { parseFaults } from '../world/faults.ts'

export type Ran = { stdout: string; stderr: string; code: number }
export type Sim = {
  stateDir: string
  env: NodeJS.ProcessEnv
  run(argv: string[], stdin?: string): Promise<Ran>
  k(...args: string[]): Promise<Ran>
  cc(...args: string[]): Promise<Ran>
}

export async function buildFakes(): Promise<string> {
  const binDir = join(mkdtempSync(join(tmpdir(), 'lab4-sim-bin-')), 'bin')
  await bundleFakes(binDir)
  return binDir
}

export function newSim(binDir: string, faults: string[] = [], seed = 1): Sim {
  const stateDir = mkdtempSync(join(tmpdir(), 'lab4-sim-'))
  initState(stateDir, seed, parseFaults(faults))
  const env = {
    ...process.env,
    PATH: `${binDir}${delimiter}${process.env.PATH ?? ''}`,
    KUBECONFIG: join(stateDir, 'kubeconfig'),
    LAB_SIM_STATE: stateDir,
  }
  const run = (argv: string[], stdin?: string) =>
    new Promise<Ran>((resolve) => {
      const child = execFile(argv[0] ?? '', argv.slice(1), { env, timeout: 60_000 }, (err, stdout, stderr) =>
        resolve({ stdout, stderr, code: err ? (typeof err.code === 'number' ? err.code : 1) : 0 }),
      )
      child.stdin?.end(stdin ?? '')
    })
  const k = (...args: string[]) => run(['kubectl', '--context', 'lab4', ...args])
  const cc = (...args: string[]) =>
    run(
      [
        'kubectl',
        '--context',
        'lab4',
        'exec',
        '-i',
        '-n',
        'kube-system',
        'calicoctl',
        '--',
        'calicoctl',
        ...args.filter((a) => !a.startsWith('<stdin>')),
      ],
      args.find((a) => a.startsWith('<stdin>'))?.slice(7),
    )
  return { stateDir, env, run, k, cc }
}

export const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8').replace(/^# source:.*\n/, '')
export const manifest = (name: string): string =>
  readFileSync(new URL(`../fixtures/manifests/${name}`, import.meta.url), 'utf8')

export async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 20_000,
): Promise<T> {
  const end = Date.now() + timeoutMs
  for (;;) {
    const v = await probe()
    if (v !== undefined) return v
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`)
    await new Promise((r) => setTimeout(r, 150))
  }
}

type Obj = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any
export const items = (r: Ran): Obj[] => (JSON.parse(r.stdout) as { items: Obj[] }).items

/** The lab's path up to Ready zone pools: start, label, calicoctl pod, swap the default pool, restart system pods. */
export async function bringUp(sim: Sim, o: { pools?: boolean } = {}): Promise<void> {
  await sim.run(['minikube', 'start', '-p', 'lab4', '--nodes', '2', '--cni', 'calico', '--driver', 'docker'])
  await sim.k('wait', '--for=condition=Ready', 'nodes', '--all', '--timeout=20s')
  await sim.k('label', 'node', 'lab4', 'zone=east', '--overwrite')
  await sim.k('label', 'node', 'lab4-m02', 'zone=west', '--overwrite')
  await sim.run(['kubectl', '--context', 'lab4', 'apply', '-f', '-'], manifest('calicoctl.yaml'))
  await sim.k('-n', 'kube-system', 'wait', '--for=condition=Ready', 'pod/calicoctl', '--timeout=20s')
  if (o.pools === false) return
  await sim.cc('delete', 'ippool', 'default-ipv4-ippool')
  await sim.cc('create', '-f', '-', `<stdin>${manifest('pools.yaml')}`)
  await sim.k(
    '-n',
    'kube-system',
    'rollout',
    'restart',
    'deployment/coredns',
    'deployment/calico-kube-controllers',
  )
  await sim.k('-n', 'kube-system', 'rollout', 'status', 'deployment/coredns', '--timeout=20s')
}

export async function deployApp(sim: Sim): Promise<Ran> {
  await sim.run(['kubectl', '--context', 'lab4', 'apply', '-f', '-'], manifest('frontend.yaml'))
  return sim.k('rollout', 'status', 'deployment/frontend', '--timeout=20s')
}

/** Start a long-running fake and resolve once a line matches. */
export function startLong(sim: Sim, argv: string[], ready: RegExp) {
  const child = spawn(argv[0] ?? '', argv.slice(1), { env: sim.env })
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()))
  child.stderr.on('data', (b: Buffer) => (stderr += b.toString()))
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)))
  const matched = new Promise<RegExpMatchArray>((resolve, reject) => {
    const check = () => {
      const m = ready.exec(stdout)
      if (m) resolve(m)
    }
    child.stdout.on('data', check)
    void exited.then(() => reject(new Error(`exited before ${ready}: ${stderr}`)))
  })
  return { child, matched, exited, out: () => stdout, err: () => stderr }
}
