// The fake `docker`: enough for a preflight (`docker version`, `docker info`) to see a working engine.
import { fail, type Io } from './io.ts'
import { DOCKER_VERSION } from '../world/versions.ts'

export function docker(io: Io, args: readonly string[]): number {
  const [verb = '', ...rest] = args
  const fi = rest.findIndex((a) => a === '--format' || a === '-f' || a.startsWith('--format='))
  const format = fi < 0 ? undefined : rest[fi]?.startsWith('--format=') ? rest[fi]?.slice(9) : rest[fi + 1]
  if (verb === 'version') {
    if (format?.includes('.Server.Version')) io.out(`${DOCKER_VERSION}\n`)
    else if (format?.includes('.Client.Version')) io.out(`${DOCKER_VERSION}\n`)
    else if (format?.includes('json'))
      io.out(
        `${JSON.stringify({ Client: { Version: DOCKER_VERSION, ApiVersion: '1.47', Os: 'linux', Arch: 'amd64' }, Server: { Version: DOCKER_VERSION, ApiVersion: '1.47', Os: 'linux', Arch: 'amd64' } })}\n`,
      )
    else
      io.out(
        `Client: Docker Engine - Community\n Version:           ${DOCKER_VERSION}\n API version:       1.47\n OS/Arch:           linux/amd64\n\nServer: Docker Engine - Community\n Engine:\n  Version:          ${DOCKER_VERSION}\n  API version:      1.47 (minimum version 1.24)\n  OS/Arch:          linux/amd64\n`,
      )
    return 0
  }
  if (verb === 'info') {
    if (format?.includes('json'))
      io.out(
        `${JSON.stringify({ ServerVersion: DOCKER_VERSION, OperatingSystem: 'Ubuntu 22.04.4 LTS', NCPU: 4, MemTotal: 8_200_000_000, Driver: 'overlay2', CgroupDriver: 'systemd' })}\n`,
      )
    else if (format?.includes('.ServerVersion')) io.out(`${DOCKER_VERSION}\n`)
    else
      io.out(
        `Client: Docker Engine - Community\n Version:    ${DOCKER_VERSION}\n\nServer:\n Server Version: ${DOCKER_VERSION}\n Storage Driver: overlay2\n Cgroup Driver: systemd\n Operating System: Ubuntu 22.04.4 LTS\n CPUs: 4\n Total Memory: 7.637GiB\n`,
      )
    return 0
  }
  if (verb === 'ps') {
    io.out('CONTAINER ID   IMAGE     COMMAND   CREATED   STATUS    PORTS     NAMES\n')
    return 0
  }
  return fail(`docker: '${verb}' is not a docker command.\nSee 'docker --help'`)
}
