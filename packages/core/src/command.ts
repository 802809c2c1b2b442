// Commands are data: an argv array plus optional stdin, never a shell string.
export type Command = {
  readonly argv: readonly string[]
  /** Written to the child's stdin, e.g. a manifest for `kubectl apply -f -`. */
  readonly stdin?: string
  readonly env?: Readonly<Record<string, string>>
  readonly timeoutMs?: number
  readonly signal?: AbortSignal
  /** Stable evidence key (e.g. `cluster.nodes.json`) that checks look the output up by. */
  readonly key?: string
}

export type Result = {
  readonly exitCode: number | null
  readonly stdout: string
  readonly stderr: string
  readonly startedAt: string
  readonly durationMs: number
  /** Set when the process was ended by a signal (timeout, abort, Ctrl-C). */
  readonly signal?: string
  readonly timedOut?: boolean
}

export type Runner = (command: Command) => Promise<Result>

export const cmd = (...argv: string[]): Command => ({ argv })

/** Render argv for humans: quote only what a POSIX shell would split. Display only, never executed. */
export function formatArgv(argv: readonly string[]): string {
  return argv.map(quoteForDisplay).join(' ')
}

function quoteForDisplay(arg: string): string {
  if (arg === '') return "''"
  if (/^[\w@%+=:,./-]+$/.test(arg)) return arg
  return `'${arg.replace(/'/g, `'\\''`)}'`
}

const KUBECTL_WRITES = new Set([
  'apply',
  'create',
  'delete',
  'label',
  'annotate',
  'scale',
  'patch',
  'replace',
  'edit',
  'set',
  'taint',
  'drain',
  'cordon',
  'uncordon',
])
const CALICOCTL_WRITES = new Set(['create', 'apply', 'replace', 'delete', 'patch', 'label'])

/** Does this argv change cluster state? Judged from the argv alone so a step cannot under-report its writes. */
export function isWriteCommand(argv: readonly string[]): boolean {
  const [bin, ...rest] = argv
  const name = bin ? (bin.split('/').pop() ?? bin) : ''
  const words = positional(rest)
  if (name === 'minikube') return ['start', 'delete', 'stop', 'node'].includes(words[0] ?? '')
  if (name === 'kubectl') {
    const dashdash = rest.indexOf('--')
    if (rest.includes('exec') && dashdash >= 0) return isWriteCommand(rest.slice(dashdash + 1))
    const verb = words[0] ?? ''
    if (verb === 'rollout') return words[1] === 'restart' || words[1] === 'undo'
    return KUBECTL_WRITES.has(verb)
  }
  if (name === 'calicoctl') {
    const verb = words[0] ?? ''
    if (verb === 'ipam') return ['release', 'split', 'configure'].includes(words[1] ?? '')
    return CALICOCTL_WRITES.has(verb)
  }
  return false
}

// Flags whose value is a separate argv element; their values are not verbs.
const FLAGS_WITH_VALUE = new Set([
  '--context',
  '-n',
  '--namespace',
  '--kubeconfig',
  '-p',
  '--profile',
  '-o',
  '--output',
  '-l',
  '--selector',
  '-f',
  '--filename',
  '-c',
  '--container',
  '--timeout',
])

function positional(args: readonly string[]): string[] {
  const out: string[] = []
  for (let i = 0; i < args.length; i++) {
    const a = args[i] ?? ''
    if (a === '--') break
    if (FLAGS_WITH_VALUE.has(a)) i++
    else if (!a.startsWith('-')) out.push(a)
  }
  return out
}

export const firstLine = (text: string): string =>
  text
    .split('\n')
    .find((l) => l.trim() !== '')
    ?.trim() ?? ''
