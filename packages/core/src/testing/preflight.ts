// Machine facts for preflight tests, built from the real engine outputs in preflight/fixtures/ (never from this machine).
import { join } from 'node:path'
import { fixtureReader } from './fixtures.ts'
import type { DriverFacts, Facts, HostFacts, Run } from '../preflight/facts.ts'

export const fixture = fixtureReader(join(import.meta.dirname, '..', 'preflight', 'fixtures'))

export const answered = (stdout: string): Run => ({ exitCode: 0, stdout, stderr: '', timedOut: false })
/** A failed probe as the Docker CLI fails: a blank stdout line and the error on stderr. */
export const refused = (stderr: string, exitCode = 1): Run => ({
  exitCode,
  stdout: '\n',
  stderr,
  timedOut: false,
})

export const linuxHost: HostFacts = {
  platform: 'linux',
  wsl: false,
  arch: 'x86_64',
  cpus: 8,
  availableMemoryMiB: 16_000,
  disk: { path: '/var/lib/docker', freeMiB: 80_000 },
  amd64Emulation: false,
}

/** A machine that can run the lab: Docker Engine on Linux, minikube v1.38.1, a working kubectl. */
export function goodFacts(
  over: { host?: Partial<HostFacts>; driver?: Partial<DriverFacts> } & Partial<
    Omit<Facts, 'host' | 'driver'>
  > = {},
): Facts {
  const { host, driver, ...rest } = over
  return {
    simulated: false,
    profileExists: false,
    minikube: { path: '/usr/local/bin/minikube', run: answered('v1.38.1\n') },
    kubectl: { path: '/usr/bin/kubectl', run: answered(fixture('kubectl-version-client.json.txt')) },
    ...rest,
    host: { ...linuxHost, ...host },
    driver: {
      name: 'docker',
      bin: 'docker',
      path: '/usr/bin/docker',
      version: answered('28.2.2\n'),
      info: answered(fixture('docker-info-linux.json.txt')),
      ...driver,
    },
  }
}
