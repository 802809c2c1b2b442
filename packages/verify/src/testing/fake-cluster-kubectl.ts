// Test support: the fake world's node and DaemonSet answers (minikube node stop|start, nodes, kube-system pods,
// DaemonSets, apply/delete of a DaemonSet) in the shapes kubectl and minikube print.
import type { Command, Result } from '@lab4/core'
import type { FakeNode, FakeWorld } from './fake-world.ts'

const list = (kind: string, items: unknown[]) =>
  JSON.stringify({ apiVersion: 'v1', kind: `${kind}List`, items })
const ok = (stdout = ''): Partial<Result> => ({ exitCode: 0, stdout })

const readyCondition = (status: string) => ({ type: 'Ready', status })

export const nodeJson = (n: FakeNode, i: number) => ({
  metadata: {
    name: n.name,
    labels: { zone: n.zone, ...(i === 0 ? { 'node-role.kubernetes.io/control-plane': '' } : {}) },
  },
  status: { conditions: [readyCondition(n.stopped ? 'Unknown' : 'True')] },
})

/** One pod per DaemonSet and node; the node controller marks those on a stopped node not Ready. */
function daemonPods(w: FakeWorld, namespace: string, app?: string) {
  return w.daemonsets
    .filter((d) => d.startsWith(`${namespace}/`))
    .map((d) => d.split('/')[1] ?? '')
    .filter((name) => !app || name === app)
    .flatMap((name) =>
      w.nodes.map((n, i) => ({
        metadata: {
          name: `${name}-${i}`,
          namespace,
          labels: name === 'kindnet' ? { app: name } : { 'k8s-app': name },
        },
        spec: { nodeName: n.name, containers: [{ name }] },
        status: {
          phase: 'Running',
          conditions: [readyCondition(n.stopped ? 'False' : 'True')],
          containerStatuses: [{ name, ready: true, restartCount: 0, state: { running: {} } }],
        },
      })),
    )
}

/** The answer for node and DaemonSet commands, or undefined for fake-kubectl.ts to handle. */
export function answerCluster(w: FakeWorld, c: Command): Partial<Result> | undefined {
  const cmd = c.argv.join(' ')
  const node = /^minikube node (stop|start) (\S+) -p (\S+)$/.exec(cmd)
  if (node) {
    const n = w.nodes.find((x) => x.name === `${node[3]}-${node[2]}`)
    if (node[3] !== w.profile || !n)
      return {
        exitCode: 85,
        stderr: `❌  Exiting due to GUEST_NODE_RETRIEVE: Could not find node ${node[2]}\n`,
      }
    n.stopped = node[1] === 'stop'
    return ok(
      n.stopped ? `🛑  Successfully stopped node ${n.name}\n` : `😄  Successfully started node ${n.name}!\n`,
    )
  }
  const args = c.argv.slice(3).join(' ')
  switch (true) {
    case args === 'get nodes -o json':
      return ok(list('Node', w.nodes.map(nodeJson)))
    case args === 'get pods -A -o json':
    case args === '-n kube-system get pods -o json':
      return ok(list('Pod', daemonPods(w, 'kube-system')))
    case args === '-n kube-system get pods -l app=kindnet -o json':
      return ok(list('Pod', daemonPods(w, 'kube-system', 'kindnet')))
    case args === 'get daemonsets -A -o json':
      return ok(
        list(
          'DaemonSet',
          w.daemonsets.map((d) => ({ metadata: { namespace: d.split('/')[0], name: d.split('/')[1] } })),
        ),
      )
    case args === 'apply -f -' && /^kind: DaemonSet$/m.test(c.stdin ?? ''): {
      const name = /^ {2}name: (\S+)$/m.exec(c.stdin ?? '')?.[1] ?? ''
      const ns = /^ {2}namespace: (\S+)$/m.exec(c.stdin ?? '')?.[1] ?? 'default'
      if (w.daemonsets.includes(`${ns}/${name}`)) return ok(`daemonset.apps/${name} unchanged\n`)
      w.daemonsets.push(`${ns}/${name}`)
      return ok(`daemonset.apps/${name} created\n`)
    }
    case /^-n \S+ delete daemonset \S+$/.test(args): {
      const [, ns, , , name] = args.split(' ')
      if (!w.daemonsets.includes(`${ns}/${name}`))
        return { exitCode: 1, stderr: `Error from server (NotFound): daemonsets.apps "${name}" not found\n` }
      w.daemonsets = w.daemonsets.filter((d) => d !== `${ns}/${name}`)
      return ok(`daemonset.apps "${name}" deleted\n`)
    }
    default:
      return undefined
  }
}
