// BusyBox applets inside the frontend pods (node:14-alpine): ping, wget, nslookup, hostname, cat of the files DNS reads.
import { nslookup, CLUSTER_DNS, searchList } from './nslookup.ts'
import { planPing, type PingPlan } from './ping.ts'
import { wget, type WgetRun } from './wget.ts'
import type { Cluster, Faults, Pod } from '../world/types.ts'
import type { Run } from './calicoctl.ts'

/** Shells the image has (`bash` is not one: Alpine). */
export const SHELLS = new Set(['sh', '/bin/sh', 'ash', '/bin/ash'])

/** The image's WORKDIR, where `sh` starts and which its prompt shows. */
export const workdir = (pod: Pod): string =>
  pod.spec.containers[0]?.image.includes('itdt-contained-frontend') ? '/frontend' : '/'

/** An applet's result, or a ping to stream once the world is saved. */
export function busybox(
  c: Cluster,
  seed: number,
  faults: Faults,
  pod: Pod,
  argv: string[],
  now: number,
): Run | WgetRun | PingPlan {
  const [cmd = '', ...args] = argv
  const applet = cmd.split('/').pop() ?? cmd
  if (applet === 'hostname') return { stdout: `${pod.meta.name}\n`, stderr: '', exitCode: 0 }
  if (applet === 'nslookup') return nslookup(c, faults, pod, args, now)
  if (applet === 'ping') return planPing(c, seed, faults, pod, args, now)
  if (applet === 'wget') return wget(c, faults, pod, args, now)
  if (applet === 'cat') return cat(pod, args)
  return {
    stdout: '',
    stderr: `OCI runtime exec failed: exec failed: unable to start container process: exec: "${cmd}": executable file not found in $PATH: unknown\n`,
    exitCode: 126,
  }
}

/** The two files the kubelet writes into every pod, which students read when DNS surprises them. */
function cat(pod: Pod, files: string[]): Run {
  let stdout = ''
  let stderr = ''
  for (const f of files) {
    if (f === '/etc/resolv.conf')
      stdout += `nameserver ${CLUSTER_DNS}\nsearch ${searchList(pod.meta.namespace).join(' ')}\noptions ndots:5\n`
    else if (f === '/etc/hosts')
      stdout += `# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n${pod.ip ?? ''}\t${pod.meta.name}\n`
    else stderr += `cat: can't open '${f}': No such file or directory\n`
  }
  return { stdout, stderr, exitCode: stderr ? 1 : 0 }
}
