// Test support: kubectl and calicoctl answers over the fake world, in the real output formats
// (kubectl JSON lists, BusyBox ping, calicoctl messages), and a core Runner that records every call.
import type { Command, Result, Runner } from '@lab4/core'
import { answerCluster } from './fake-cluster-kubectl.ts'
import { overlaps, reconcile, type FakePod, type FakeWorld } from './fake-world.ts'

const list = (kind: string, items: unknown[]) =>
  JSON.stringify({ apiVersion: 'v1', kind: `${kind}List`, items })
const ok = (stdout = ''): Partial<Result> => ({ exitCode: 0, stdout })
const notFound = (what: string): Partial<Result> => ({
  exitCode: 1,
  stderr: `Error from server (NotFound): ${what} not found\n`,
})

function ping(w: FakeWorld, from: string, name: string): Partial<Result> {
  const dashed = /^(\d+-\d+-\d+-\d+)\./.exec(name)?.[1]
  const target = w.pods.find((p) => p.ip.replace(/\./g, '-') === dashed)
  if (w.coredns === 0 || !target) return { exitCode: 1, stderr: `ping: bad address '${name}'\n` }
  const ttl = target.name === from ? 64 : target.node === w.pods.find((p) => p.name === from)?.node ? 63 : 62
  const lines = [`PING ${name} (${target.ip}): 56 data bytes`]
  for (let i = 0; i < 3; i += 1)
    lines.push(`64 bytes from ${target.ip}: seq=${i} ttl=${ttl} time=0.${200 + i} ms`)
  lines.push(
    '',
    `--- ${name} ping statistics ---`,
    '3 packets transmitted, 3 packets received, 0% packet loss',
    'round-trip min/avg/max = 0.200/0.201/0.202 ms',
    '',
  )
  return ok(lines.join('\n'))
}

function calicoctl(w: FakeWorld, args: string[], stdin: string | undefined): Partial<Result> {
  if (!w.calicoctl) return notFound('pods "calicoctl"')
  const words = args.filter((a) => a !== '--allow-version-mismatch')
  const verb = words.join(' ')
  if (verb === 'get ippool -o json') {
    return ok(
      JSON.stringify({
        kind: 'IPPoolList',
        apiVersion: 'projectcalico.org/v3',
        items: w.pools.map((p) => ({
          metadata: { name: p.name },
          spec: { cidr: p.cidr, nodeSelector: p.selector },
        })),
      }),
    )
  }
  if (verb === 'create -f -') {
    for (const doc of (stdin ?? '').split(/^---$/m)) {
      const name = /name: (\S+)/.exec(doc)?.[1]
      const cidr = /cidr: (\S+)/.exec(doc)?.[1]
      const selector = /nodeSelector: (.+)/
        .exec(doc)?.[1]
        ?.trim()
        .replace(/^'(.*)'$/, '$1')
      if (!name || !cidr || !selector)
        return { exitCode: 1, stderr: 'Failed to create any resources: bad manifest\n' }
      const clash = w.pools.find((p) => overlaps(p.cidr, cidr))
      if (clash)
        return {
          exitCode: 1,
          stderr: `Failed to create any 'IPPool' resources: error with field IPPool.Spec.CIDR = '${cidr}' (IPPool(${name}) CIDR overlaps with IPPool(${clash.name}) CIDR ${clash.cidr})\n`,
        }
      w.pools.push({ name, cidr, selector })
    }
    return ok('Successfully created 1 resource(s)\n')
  }
  const del = /^delete ippool (\S+)$/.exec(verb)
  if (del) {
    const before = w.pools.length
    w.pools = w.pools.filter((p) => p.name !== del[1])
    return w.pools.length < before
      ? ok('Successfully deleted 1 resource(s)\n')
      : { exitCode: 1, stderr: `resource does not exist: IPPool(${del[1]})\n` }
  }
  return { exitCode: 1, stderr: `fake calicoctl: unsupported ${verb}\n` }
}

export function answer(w: FakeWorld, c: Command): Partial<Result> {
  const [bin, ...rest] = c.argv
  if (bin === 'minikube')
    return answerCluster(w, c) ?? { exitCode: 1, stderr: 'fake world: unsupported minikube\n' }
  if (bin !== 'kubectl' || rest[0] !== '--context' || rest[1] !== w.profile)
    return { exitCode: 127, stderr: `fake world: unsupported ${c.argv.join(' ')}\n` }
  const cluster = answerCluster(w, c)
  if (cluster) return cluster
  const args = rest.slice(2)
  const dd = args.indexOf('--')
  if (args[0] === 'exec' && args[4] === 'calicoctl' && dd >= 0)
    return calicoctl(w, args.slice(dd + 2), c.stdin)
  if (args[2] === 'exec' && dd >= 0 && args[dd + 1] === 'ping')
    return ping(w, args[3] ?? '', args.at(-1) ?? '')
  const cmd = args.join(' ')
  const pod = (p: FakePod) => ({
    metadata: { name: p.name, labels: { app: 'frontend' } },
    spec: { nodeName: p.node },
    status: { phase: 'Running', podIP: p.ip },
  })
  const label = /^label node (\S+) zone=(\S+) --overwrite$/.exec(cmd)
  const scale = /^-n (default|kube-system) scale deployment\/(frontend|coredns) --replicas=(\d+)$/.exec(cmd)
  const delPod = /^-n default delete pod (\S+) --wait=true$/.exec(cmd)
  switch (true) {
    case Boolean(label): {
      const n = w.nodes.find((x) => x.name === label?.[1])
      if (!n) return notFound(`nodes "${label?.[1]}"`)
      n.zone = label?.[2] ?? ''
      return ok(`node/${n.name} labeled\n`)
    }
    case cmd === '-n default get deployment frontend -o json':
      return ok(
        JSON.stringify({
          kind: 'Deployment',
          metadata: { name: 'frontend' },
          spec: { replicas: w.replicas },
          status: { readyReplicas: w.replicas || undefined },
        }),
      )
    case cmd === '-n default get service frontend -o json':
      return w.service
        ? ok(
            JSON.stringify({
              kind: 'Service',
              metadata: { name: 'frontend' },
              spec: { selector: { app: 'frontend' }, clusterIP: '10.96.0.10' },
            }),
          )
        : notFound('services "frontend"')
    case cmd === '-n default get pods -l app=frontend -o json':
      return ok(list('Pod', w.pods.map(pod)))
    case cmd === '-n default delete service frontend --wait=true':
      if (!w.service) return notFound('services "frontend"')
      w.service = false
      return ok('service "frontend" deleted\n')
    case Boolean(delPod): {
      if (!w.pods.some((p) => p.name === delPod?.[1])) return notFound(`pods "${delPod?.[1]}"`)
      w.pods = w.pods.filter((p) => p.name !== delPod?.[1])
      reconcile(w)
      return ok(`pod "${delPod?.[1]}" deleted\n`)
    }
    case Boolean(scale):
      if (scale?.[2] === 'coredns') w.coredns = Number(scale[3])
      else {
        w.replicas = Number(scale?.[3])
        reconcile(w)
      }
      return ok(`deployment.apps/${scale?.[2]} scaled\n`)
    case cmd === '-n kube-system get pod calicoctl -o json':
      return w.calicoctl
        ? ok(JSON.stringify({ kind: 'Pod', metadata: { name: 'calicoctl' }, status: { phase: 'Running' } }))
        : notFound('pods "calicoctl"')
    case cmd === '-n kube-system delete pod calicoctl --wait=true':
      if (!w.calicoctl) return notFound('pods "calicoctl"')
      w.calicoctl = false
      return ok('pod "calicoctl" deleted\n')
    case cmd === 'apply -f -' && /name: calicoctl/.test(c.stdin ?? ''):
      w.calicoctl = true
      return ok('pod/calicoctl created\n')
    case cmd === 'apply -f -':
      w.service = true
      w.replicas = 2
      reconcile(w)
      return ok('deployment.apps/frontend configured\nservice/frontend created\n')
    case cmd === '-n default rollout restart deployment/frontend':
      w.pods = []
      reconcile(w)
      return ok('deployment.apps/frontend restarted\n')
    case /^-n (default|kube-system) rollout status deployment\/\S+ --timeout=\d+s$/.test(cmd):
      return ok('deployment successfully rolled out\n')
    case cmd === '-n kube-system get deployment coredns -o json':
      return ok(
        JSON.stringify({ kind: 'Deployment', metadata: { name: 'coredns' }, spec: { replicas: w.coredns } }),
      )
    case cmd === '-n kube-system get pods -l k8s-app=kube-dns -o json':
      return ok(
        list(
          'Pod',
          Array.from({ length: w.coredns }, (_, i) => ({
            metadata: { name: `coredns-${i}` },
            status: { phase: 'Running' },
          })),
        ),
      )
    default:
      return { exitCode: 1, stderr: `fake world: unsupported kubectl ${cmd}\n` }
  }
}

/** A core Runner over the world: every call is recorded in `w.calls`. */
export function worldRunner(w: FakeWorld): Runner {
  return async (c) => {
    w.calls.push(c.argv.join(' '))
    const r = answer(w, c)
    return {
      exitCode: r.exitCode ?? 0,
      stdout: r.stdout ?? '',
      stderr: r.stderr ?? '',
      startedAt: new Date(0).toISOString(),
      durationMs: 1,
    }
  }
}
