// How long preflight takes (target: well under 2 s), on a good machine and a broken one. Prints figures only.
//  1. in process, fake docker/minikube/kubectl as shell scripts printing captured real outputs: our own cost
//  2. in process, the simulator's docker/minikube/kubectl (Node programs, slower to start than the real Go ones)
//  3. `pnpm lab preflight` end to end on the shell fakes: the time preflight reports, and the whole command's
//  4. `pnpm lab` with no minikube, docker or kubectl on PATH: how fast it gives up (exit 2)
import { spawnSync } from 'node:child_process'
import { chmodSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { checkEnvironment, parseConfig, which } from '@lab4/core'
import { setupSimulation } from '@lab4/sim'
import { ROOT } from '../scripts/paths.ts'

const RUNS = 5
const config = parseConfig('{}', 'lab.config.yaml').config
const tsx = join(ROOT, 'node_modules', '.bin', 'tsx')
const fixture = (name: string) =>
  readFileSync(join(ROOT, 'packages', 'core', 'src', 'preflight', 'fixtures', name), 'utf8').replace(
    /^# source:.*\n/,
    '',
  )

/** A PATH holding node, bash and shell-script fakes that answer like a healthy Docker Desktop machine. */
function healthyPath(): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab4-bench-preflight-'))
  symlinkSync(process.execPath, join(dir, 'node'))
  const bash = which('bash')
  if (bash) symlinkSync(bash, join(dir, 'bash'))
  const cat = which('cat') ?? '/bin/cat'
  const answers: Record<string, Record<string, string>> = {
    docker: { version: '28.2.2\n', info: fixture('docker-info-desktop-10gb.json.txt') },
    minikube: { version: 'v1.38.1\n' },
    kubectl: { version: fixture('kubectl-version-client.json.txt') },
  }
  for (const [tool, verbs] of Object.entries(answers)) {
    const cases = Object.entries(verbs).map(([verb, out]) => {
      writeFileSync(join(dir, `.${tool}-${verb}`), out)
      return `  ${verb}) ${cat} '${join(dir, `.${tool}-${verb}`)}' ;;`
    })
    writeFileSync(join(dir, tool), `#!/bin/sh\ncase "$1" in\n${cases.join('\n')}\nesac\n`)
    chmodSync(join(dir, tool), 0o755)
  }
  return dir
}

const stats = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b)
  const at = (i: number) => ((s[i] ?? NaN) / 1000).toFixed(2)
  return `median ${at(Math.floor(s.length / 2))}s (min ${at(0)}s, max ${at(s.length - 1)}s, ${s.length} runs)`
}

async function inProcess(label: string, env: NodeJS.ProcessEnv): Promise<void> {
  const times: number[] = []
  let last = ''
  for (let i = 0; i < RUNS; i++) {
    const { result, ms } = await checkEnvironment(config, { env })
    times.push(ms)
    last = `${result.problems.length} problems, ${result.warnings.length} warnings`
  }
  console.log(`${label}: ${stats(times)}; ${last}`)
}

const home = mkdtempSync(join(tmpdir(), 'lab4-bench-home-'))
const fakes = healthyPath()
await inProcess('preflight, shell fakes of docker/minikube/kubectl', { PATH: fakes, HOME: home })

const sim = await setupSimulation({
  stateDir: mkdtempSync(join(tmpdir(), 'lab4-bench-sim-')),
  seed: 1,
  faults: [],
})
await inProcess("preflight, the simulator's docker/minikube/kubectl", {
  ...process.env,
  ...sim.env,
  HOME: home,
})

const reported: number[] = []
const wall: number[] = []
for (let i = 0; i < RUNS; i++) {
  const t = Date.now()
  const r = spawnSync(tsx, [join(ROOT, 'scripts', 'lab.ts'), 'preflight'], {
    cwd: ROOT,
    env: { ...process.env, PATH: fakes, HOME: home, LAB_RUNS_DIR: mkdtempSync(join(tmpdir(), 'lab4-runs-')) },
    encoding: 'utf8',
  })
  wall.push(Date.now() - t)
  if (r.status !== 0) throw new Error(`pnpm lab preflight exited ${r.status}: ${r.stdout}${r.stderr}`)
  const s = r.stdout.match(/^preflight ✔ .* \((\d+\.\d)s\)$/m)?.[1]
  if (s) reported.push(Number(s) * 1000)
}
console.log(
  `pnpm lab preflight on a good machine: preflight itself ${stats(reported)}; whole command ${stats(wall)}`,
)

const bare = mkdtempSync(join(tmpdir(), 'lab4-nominikube-'))
symlinkSync(process.execPath, join(bare, 'node'))
const fails: number[] = []
for (let i = 0; i < RUNS; i++) {
  const t = Date.now()
  const r = spawnSync(tsx, [join(ROOT, 'scripts', 'lab.ts')], {
    cwd: ROOT,
    env: { ...process.env, PATH: bare, HOME: home, LAB_RUNS_DIR: mkdtempSync(join(tmpdir(), 'lab4-runs-')) },
    encoding: 'utf8',
  })
  fails.push(Date.now() - t)
  if (r.status !== 2) throw new Error(`expected exit 2, got ${r.status}: ${r.stderr}`)
}
console.log(`pnpm lab with no minikube, docker or kubectl on PATH: exit 2, whole command ${stats(fails)}`)
