// A typed command line as data: aliases resolved (`k`, `minikube kubectl --`, `kubectl calico`, the calicoctl pod),
// `--context` dropped, `kubectl exec POD -- cmd` split into the pod and the inner command.

export type Tool = 'kubectl' | 'minikube' | 'calicoctl' | 'ping' | 'nslookup' | 'shell' | 'other'

export type Cmd = {
  /** The command as typed (after the prompt). */
  readonly text: string
  readonly tool: Tool
  /** Arguments after the tool, aliases and `--context` removed. */
  readonly args: readonly string[]
  /** Words that are not flags or flag values. */
  readonly positionals: readonly string[]
  /** `--flag value`, `--flag=value` and `-f value` (known value flags only). */
  readonly values: ReadonlyMap<string, string>
  readonly bools: ReadonlySet<string>
  /** `kubectl exec POD -- inner`: the pod (without `pod/`) and the inner command. */
  readonly pod?: string
  readonly inner?: Cmd
  /** `… < file.yaml` */
  readonly stdinFile?: string
  /** The part after `|`, e.g. `grep IP`. */
  readonly pipe?: string
  /** `--allow-version-mismatch` anywhere on the line. */
  readonly allowVersionMismatch: boolean
}

const VALUE_FLAGS = new Set([
  '-n',
  '--namespace',
  '-o',
  '--output',
  '-l',
  '--selector',
  '-L',
  '--label-columns',
  '-f',
  '--filename',
  '-c',
  '--container',
  '-p',
  '--profile',
  '--nodes',
  '--cni',
  '--driver',
  '--vm-driver',
  '--network-plugin',
  '--kubernetes-version',
  '--type',
  '--port',
  '--name',
  '--target-port',
  '--cpus',
  '--memory',
  '--context',
  '--kubeconfig',
  '--image',
  '-W',
  '-w',
])

/** Split like a POSIX shell would for the simple lines students paste: quotes, `<` and `|`. */
export function words(text: string): string[] {
  const out: string[] = []
  let cur = ''
  let quote: string | undefined
  let has = false
  for (const ch of text) {
    if (quote) {
      if (ch === quote) quote = undefined
      else cur += ch
      continue
    }
    if (ch === '"' || ch === "'") {
      quote = ch
      has = true
      continue
    }
    if (/\s/.test(ch)) {
      if (has || cur) out.push(cur)
      cur = ''
      has = false
      continue
    }
    if (ch === '<' || ch === '|') {
      if (has || cur) out.push(cur)
      out.push(ch)
      cur = ''
      has = false
      continue
    }
    cur += ch
    has = true
  }
  if (has || cur) out.push(cur)
  return out
}

const isCalicoctl = (w: string): boolean =>
  /(^|[/\\])calicoctl([-.][\w.-]+)?$/.test(w) || w === 'kubectl-calico'

export function parseCmd(text: string): Cmd {
  const clean = text.replace(/\s+#\s.*$/, '').trim()
  let w = words(clean)
  let pipe: string | undefined
  const bar = w.indexOf('|')
  if (bar >= 0) {
    pipe = w.slice(bar + 1).join(' ')
    w = w.slice(0, bar)
  }
  let stdinFile: string | undefined
  const lt = w.indexOf('<')
  if (lt >= 0) {
    stdinFile = w[lt + 1]
    w = [...w.slice(0, lt), ...w.slice(lt + 2)]
  }
  while (w[0] === 'sudo' || /^[A-Z_]+=/.test(w[0] ?? '')) w = w.slice(1)
  const allowVersionMismatch = w.includes('--allow-version-mismatch')
  let tool: Tool
  const head = w[0] ?? ''
  let args = w.slice(1)
  if (head === 'k' || head === 'kubectl' || head === 'kubectl.exe') tool = 'kubectl'
  else if (head === 'minikube' && args[0] === 'kubectl') {
    tool = 'kubectl'
    args = args.slice(args[1] === '--' ? 2 : 1)
  } else if (head === 'minikube') tool = 'minikube'
  else if (isCalicoctl(head)) tool = 'calicoctl'
  else if (head === 'ping') tool = 'ping'
  else if (head === 'nslookup') tool = 'nslookup'
  else if (/^(sh|bash|ash)$/.test(head)) tool = 'shell'
  else tool = 'other'
  args = dropContext(args)
  if (tool === 'kubectl' && args[0] === 'calico') return build(clean, 'calicoctl', args.slice(1), extras())
  if (tool === 'kubectl' && args[0] === 'exec') {
    const dash = args.indexOf('--')
    const before = dash >= 0 ? args.slice(1, dash) : args.slice(1)
    const { positionals } = split(before)
    const pod = positionals[0]?.replace(/^pods?\//, '')
    // Without `--` (deprecated syntax) the inner command starts after the pod name.
    const innerWords = dash >= 0 ? args.slice(dash + 1) : positionals.slice(1).length ? afterPod(before) : []
    if (innerWords.length && isCalicoctl(innerWords[0] ?? ''))
      return build(clean, 'calicoctl', innerWords.slice(1), extras())
    const inner = innerWords.length ? parseCmd(innerWords.join(' ')) : undefined
    return build(clean, tool, args, { ...extras(), ...(pod ? { pod } : {}), ...(inner ? { inner } : {}) })
  }
  return build(clean, tool, args, extras())

  function extras() {
    return {
      ...(stdinFile ? { stdinFile } : {}),
      ...(pipe ? { pipe } : {}),
      allowVersionMismatch,
    }
  }
}

function afterPod(before: readonly string[]): string[] {
  // `exec -ti pods/x sh`: skip flags (and their values) up to the pod, take the rest.
  let i = 0
  let seenPod = false
  for (; i < before.length; i += 1) {
    const a = before[i] ?? ''
    if (a.startsWith('-')) {
      if (VALUE_FLAGS.has(a)) i += 1
      continue
    }
    if (seenPod) break
    seenPod = true
  }
  return before.slice(i)
}

function dropContext(args: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? ''
    if (a === '--context' || a === '--kubeconfig') i += 1
    else if (!a.startsWith('--context=') && !a.startsWith('--kubeconfig=')) out.push(a)
  }
  return out
}

function split(args: readonly string[]) {
  const positionals: string[] = []
  const values = new Map<string, string>()
  const bools = new Set<string>()
  for (let i = 0; i < args.length; i += 1) {
    const a = args[i] ?? ''
    if (a === '--') {
      positionals.push(...args.slice(i + 1))
      break
    }
    if (a.startsWith('--') && a.includes('=')) {
      const at = a.indexOf('=')
      values.set(a.slice(0, at), a.slice(at + 1))
    } else if (/^-o\S+/.test(a) && !a.startsWith('--')) {
      values.set('-o', a.slice(2)) // `-owide`
    } else if (VALUE_FLAGS.has(a) && i + 1 < args.length) {
      values.set(a, args[i + 1] ?? '')
      i += 1
    } else if (a.startsWith('-') && a.length > 1) bools.add(a)
    else positionals.push(a)
  }
  return { positionals, values, bools }
}

function build(
  text: string,
  tool: Tool,
  args: readonly string[],
  extra: Partial<Cmd> & { allowVersionMismatch: boolean },
): Cmd {
  const { positionals, values, bools } = split(args)
  return { text, tool, args, positionals, values, bools, ...extra }
}

/** The value of the first of `names` that is set. */
export const flag = (c: Cmd, ...names: string[]): string | undefined =>
  names.map((n) => c.values.get(n)).find((v) => v !== undefined)

export const hasFlag = (c: Cmd, ...names: string[]): boolean =>
  names.some((n) => c.bools.has(n) || c.values.has(n))

/** The kubectl/calicoctl verb and resource: `get pods`, `delete ippools`. */
export const verb = (c: Cmd): string => c.positionals[0] ?? ''
export const resource = (c: Cmd): string => (c.positionals[1] ?? '').toLowerCase()

/** `pods`, `po`, `pod/x` → 'pods'; `ippools.crd.projectcalico.org` → 'ippools'. */
export function resourceKind(r: string): string {
  const base = r.split('/')[0]?.split('.')[0] ?? ''
  const aliases: Record<string, string> = {
    po: 'pods',
    pod: 'pods',
    pods: 'pods',
    no: 'nodes',
    node: 'nodes',
    nodes: 'nodes',
    svc: 'services',
    service: 'services',
    services: 'services',
    deploy: 'deployments',
    deployment: 'deployments',
    deployments: 'deployments',
    rs: 'replicasets',
    replicaset: 'replicasets',
    replicasets: 'replicasets',
    ippool: 'ippools',
    ippools: 'ippools',
    ds: 'daemonsets',
    daemonset: 'daemonsets',
    daemonsets: 'daemonsets',
  }
  return aliases[base] ?? base
}
