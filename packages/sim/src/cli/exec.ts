// `kubectl exec [-i] [-t] [-n ns] POD -- cmd…`: calicoctl in the calicoctl pod, BusyBox (and its sh) in the app pods.
import { bool, flag, type Parsed } from './flags.ts'
import { calicoctl, type Run } from './calicoctl.ts'
import { busybox, SHELLS, workdir } from './busybox.ts'
import { Interrupt } from './interrupt.ts'
import { fail, pause, type Io } from './io.ts'
import { isPlan, streamPing, type PingPlan } from './ping.ts'
import { runShell } from './shell.ts'
import { withCluster, type Target } from './session.ts'
import { hasFault } from '../world/faults.ts'
import { isRunning } from '../world/pods.ts'
import { KUBECTL_VERSION, otherPatch } from '../world/versions.ts'

export const NO_TTY = 'Unable to use a TTY - input is not a terminal or the right kind of file\n'

/**
 * `kubectl exec POD CMD` without `--`: kubectl up to v1.30 warned and ran CMD; v1.31 (kubernetes PR #125437)
 * refuses it as a usage error.
 */
export function legacyExecSyntax(kubectlVersion: string): { warning: string } | { error: string } {
  const [major = 1, minor = 0] = kubectlVersion.replace(/^v/, '').split('.').map(Number)
  if (major > 1 || minor >= 31)
    return {
      error:
        "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples",
    }
  return {
    warning:
      'kubectl exec [POD] [COMMAND] is DEPRECATED and will be removed in a future version. Use kubectl exec [POD] -- [COMMAND] instead.\n',
  }
}

type Outcome =
  | { error: string }
  | (Run & { raw?: true; delayMs?: number })
  | PingPlan
  | { shell: { podUid: string; podName: string; cwd: string } }

export async function kubectlExec(io: Io, t: Target, p: Parsed, ns: string): Promise<number> {
  const ref = p.positionals[1]
  if (!ref) return fail('error: pod, type/name or --filename must be specified')
  let argv = p.rest ?? []
  if (p.rest === undefined && p.positionals.length > 2) {
    const legacy = legacyExecSyntax(KUBECTL_VERSION)
    if ('error' in legacy) return fail(legacy.error)
    io.err(legacy.warning)
    argv = p.positionals.slice(2)
  }
  if (argv.length === 0) return fail('error: you must specify at least one command for the container')
  const name = ref.replace(/^(pod|pods|po)\//, '')
  const stdinOn = bool(p, 'stdin')
  // kubectl drops the TTY, with this line, when stdin is not a terminal; without -i it drops it silently.
  const tty = bool(p, 'tty') && stdinOn && io.stdinIsTTY
  if (bool(p, 'tty') && stdinOn && !io.stdinIsTTY) io.err(NO_TTY)
  const wantsStdin = argv.includes('-f') && argv.includes('-')
  const stdin = wantsStdin ? await io.stdin() : ''
  const run = await withCluster(io, t, (c, w, now): Outcome => {
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
    if (SHELLS.has(argv[0] ?? ''))
      return { shell: { podUid: pod.meta.uid, podName: pod.meta.name, cwd: workdir(pod) } }
    return busybox(c, w.seed, w.faults, pod, argv, now)
  })
  if ('error' in run) return fail(run.error)
  let code: number
  if ('shell' in run) {
    const script = argv[1] === '-c' ? [argv[2] ?? ''] : undefined
    const input = script ?? (stdinOn ? io.lines() : [])
    code = await runShell(io, { target: t, ...run.shell, tty: tty && !script, input })
  } else if (isPlan(run)) {
    // With a TTY, Ctrl-C reaches the remote ping, which prints its statistics; without one it ends kubectl.
    const stop = new Interrupt()
    const off = tty ? io.onInterrupt(() => stop.fire()) : () => undefined
    code = await streamPing(run, io.out, stop)
    off()
  } else {
    // wget waits out its -T (a NetworkPolicy drops packets silently) before it says so.
    if (run.delayMs) await pause(run.delayMs)
    io.out(run.stdout)
    io.err(run.stderr)
    if (run.raw) return run.exitCode
    code = run.exitCode
  }
  if (code !== 0) io.err(`command terminated with exit code ${code}\n`)
  return code
}
