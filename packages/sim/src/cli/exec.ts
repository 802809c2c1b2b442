// `kubectl exec [-i] [-t] [-n ns] POD -- cmd…`: calicoctl in the calicoctl pod, BusyBox in the app pods.
import { flag, type Parsed } from './flags.ts'
import { calicoctl } from './calicoctl.ts'
import { busybox } from './busybox.ts'
import { fail, type Io } from './io.ts'
import { withCluster, type Target } from './session.ts'
import { hasFault } from '../world/faults.ts'
import { isRunning } from '../world/pods.ts'
import { otherPatch } from '../world/versions.ts'

export async function kubectlExec(io: Io, t: Target, p: Parsed, ns: string): Promise<number> {
  const ref = p.positionals[1]
  const argv = p.rest ?? p.positionals.slice(2)
  if (!ref) return fail('error: pod, type/name or --filename must be specified')
  if (argv.length === 0) return fail('error: you must specify at least one command for the container')
  const name = ref.replace(/^(pod|pods|po)\//, '')
  const wantsStdin = argv.includes('-f') && argv.includes('-')
  const stdin = wantsStdin ? await io.stdin() : ''
  const run = await withCluster(io, t, (c, w, now) => {
    const pod = c.pods.find((x) => x.meta.name === name && x.meta.namespace === ns)
    if (!pod) return { error: `Error from server (NotFound): pods "${name}" not found` }
    const host = c.nodes.find((n) => n.name === pod.nodeName)
    // The API server proxies exec to the pod's kubelet; a stopped node has none listening.
    if (host?.stoppedAt !== undefined)
      return {
        error: `Error from server: error dialing backend: dial tcp ${host.ip}:10250: connect: no route to host`,
      }
    const container = flag(p, 'container') ?? pod.spec.containers[0]?.name ?? ''
    if (!isRunning(pod, now))
      return { error: `error: unable to upgrade connection: container not found ("${container}")` }
    const image = pod.spec.containers[0]?.image ?? ''
    if (image.includes('calico/ctl')) {
      const [bin = '', ...args] = argv
      if (bin !== 'calicoctl' && bin !== '/usr/bin/calicoctl') {
        return {
          stdout: '',
          stderr: `error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec: OCI runtime exec failed: exec failed: unable to start container process: exec: "${bin}": stat ${bin}: no such file or directory: unknown\n`,
          exitCode: 126,
          raw: true,
        }
      }
      const tag = image.split(':').pop() ?? c.calicoVersion
      const client = hasFault(w.faults, 'calicoctl-version-mismatch') ? otherPatch(tag) : tag
      return calicoctl(c, w.seed, client, args, stdin, now)
    }
    if (pod.meta.namespace === 'kube-system') {
      return {
        stdout: '',
        stderr: `error: Internal error occurred: error executing command in container: failed to exec in container: OCI runtime exec failed: exec failed: unable to start container process: exec: "${argv[0]}": executable file not found in $PATH: unknown\n`,
        exitCode: 126,
        raw: true,
      }
    }
    return busybox(c, w.seed, w.faults, pod, argv, now)
  })
  if ('error' in run) return fail(run.error ?? '')
  if (argv[0]?.endsWith('ping') && run.exitCode === 0) await pauseFor(argv)
  io.out(run.stdout)
  io.err(run.stderr)
  if (run.exitCode !== 0 && !('raw' in run)) io.err(`command terminated with exit code ${run.exitCode}\n`)
  return run.exitCode
}

/** ping sends one packet a second; the sim compresses that to 50 ms so a lab run stays fast. */
const pauseFor = (argv: string[]) =>
  new Promise((r) => setTimeout(r, 50 * Math.max(0, Number(argv[argv.indexOf('-c') + 1] ?? 1) - 1)))
