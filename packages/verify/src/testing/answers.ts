// Test helper: what the test steps' reads print for one state of the lab, built with the shared kube-JSON kit,
// and a runner that answers from that table and records every call. A table, not a world: nothing changes.
import { formatArgv, poolName, type Command, type Runner } from '@lab4/core'
import {
  deployment,
  ipPoolList,
  kubectlJson,
  labConfig,
  labNodes,
  list,
  pod,
  service,
  LAB_ZONES,
} from '@lab4/core/testing'
import { reads } from './steps.ts'
import { fixture } from './record.ts'

export type Answer = { stdout?: string; stderr?: string; exitCode?: number }

export type Lab = {
  /** Zone label per node name (a node left out has none). @default east, west */
  zones?: Record<string, string | undefined>
  /** Whether the Service exists. @default true */
  service?: boolean
  /** App pods running and ready, one per node. @default 2 */
  replicas?: number
  /** The exit code of `minikube status -p lab4 -o json` (only live verify asks). */
  minikube?: number
}

const PODS = [
  { name: 'frontend-5c96f4b7b6-9xk2m', node: 'lab4', ip: '10.244.1.2' },
  { name: 'frontend-5c96f4b7b6-q7w4z', node: 'lab4-m02', ip: '10.244.2.2' },
]

/** sanchpet's ping of the pod on the other node (ttl 62), copied from a real report. */
const otherNodePing = () =>
  fixture('sanchpet__ping-endpoint-fqdn.txt')
    .split(/^\/frontend # /m)
    .filter(Boolean)[1] ?? ''

/** The answer to each read of the test steps, keyed by argv, for the lab in this state. */
export function labAnswers(lab: Lab = {}): Map<string, Answer> {
  const r = reads(labConfig())
  const replicas = lab.replicas ?? 2
  const running = PODS.slice(0, replicas)
  const config = labConfig()
  const answers = new Map<string, Answer>([
    [formatArgv(r.nodes), { stdout: list(labNodes(lab.zones ?? LAB_ZONES)) }],
    [
      formatArgv(r.pools),
      {
        stdout: ipPoolList(
          config.pools.map((p) => ({ name: poolName(p), cidr: p.cidr, nodeSelector: `zone == "${p.zone}"` })),
        ),
      },
    ],
    [
      formatArgv(r.pods),
      {
        stdout: list(
          running.map((p) =>
            pod({ ...p, app: 'frontend', replicaSet: 'frontend-5c96f4b7b6', image: config.app.image }),
          ),
        ),
      },
    ],
    [formatArgv(r.deployment), { stdout: kubectlJson(deployment({ replicas, ready: replicas })) }],
    [
      formatArgv(r.service),
      lab.service === false
        ? { exitCode: 1, stderr: 'Error from server (NotFound): services "frontend" not found\n' }
        : { stdout: kubectlJson(service()) },
    ],
  ])
  const [a, b] = running
  if (a && b) answers.set(formatArgv(r.ping(a.name, b.ip)), { stdout: otherNodePing() })
  if (lab.minikube !== undefined)
    answers.set(formatArgv(['minikube', 'status', '-p', 'lab4', '-o', 'json']), { exitCode: lab.minikube })
  return answers
}

export type Answering = Runner & { readonly calls: string[] }

/** A runner over a table of answers: every call is recorded (argv joined by spaces); an unknown one throws. */
export function answering(answers: ReadonlyMap<string, Answer>): Answering {
  const calls: string[] = []
  const run = async (c: Command) => {
    calls.push(c.argv.join(' '))
    const a = answers.get(formatArgv(c.argv))
    if (!a) throw new Error(`no scripted answer for \`${formatArgv(c.argv)}\``)
    return {
      exitCode: a.exitCode ?? 0,
      stdout: a.stdout ?? '',
      stderr: a.stderr ?? '',
      startedAt: new Date(0).toISOString(),
      durationMs: 1,
    }
  }
  return Object.assign(run, { calls })
}
