// A PATH of fake docker/minikube/kubectl for preflight tests: each answers by its first argument with a real
// output from fixtures/preflight, and the folder also holds the node and bash the CLI itself needs.
import { chmodSync, existsSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fixtureReader } from '@lab4/core/testing'
import { which } from '@lab4/core'

export const preflightFixture = fixtureReader(join(import.meta.dirname, '..', 'fixtures', 'preflight'))

export type Answer = { readonly stdout?: string; readonly stderr?: string; readonly exit?: number }
export type FakeTools = Readonly<Record<string, Readonly<Record<string, Answer>>>>

// The fakes see only their own folder on PATH, so they call the few programs they need by full path.
const CAT = which('cat') ?? '/bin/cat'

const CALLS = '.calls'

/** The commands the fakes in `dir` were called with, in order. */
export const callsIn = (dir: string): string[] =>
  existsSync(join(dir, CALLS)) ? readFileSync(join(dir, CALLS), 'utf8').trim().split('\n') : []

export function fakePath(tools: FakeTools): string {
  const dir = mkdtempSync(join(tmpdir(), 'lab4-fake-tools-'))
  symlinkSync(process.execPath, join(dir, 'node'))
  const bash = which('bash')
  if (bash) symlinkSync(bash, join(dir, 'bash')) // zx runs every command through bash
  for (const [tool, verbs] of Object.entries(tools)) {
    const cases = Object.entries(verbs).map(([verb, a]) => {
      const base = join(dir, `.${tool}-${verb}`)
      writeFileSync(`${base}.out`, a.stdout ?? '')
      writeFileSync(`${base}.err`, a.stderr ?? '')
      return `  ${verb}) ${CAT} '${base}.out'; ${CAT} '${base}.err' >&2; exit ${a.exit ?? 0} ;;`
    })
    // Every call is logged, so a test can list what preflight ran.
    const log = `echo "${tool} $*" >> '${join(dir, CALLS)}'`
    writeFileSync(
      join(dir, tool),
      `#!/bin/sh\n${log}\ncase "$1" in\n${cases.join('\n')}\n  *) exit 64 ;;\nesac\n`,
    )
    chmodSync(join(dir, tool), 0o755)
  }
  return dir
}

/** A machine that passes preflight: Docker Desktop with 10 GB, minikube v1.38.1, a working kubectl. */
export const healthy = (): Record<string, Record<string, Answer>> => ({
  docker: {
    version: { stdout: '28.2.2\n' },
    info: { stdout: preflightFixture('docker-info-desktop-10gb.json.txt') },
  },
  minikube: { version: { stdout: 'v1.38.1\n' } },
  kubectl: { version: { stdout: preflightFixture('kubectl-version-client.json.txt') } },
})
