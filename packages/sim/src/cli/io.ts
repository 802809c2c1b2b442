// What a fake command gets from its process, so handlers stay testable: output sinks, stdin, where the world lives.
export type Io = {
  out(s: string): void
  err(s: string): void
  /** Read all of stdin; only called by commands that take `-f -`. */
  stdin(): Promise<string>
  /** stdin a line at a time as it arrives (an interactive shell reads it this way). */
  lines(): AsyncIterable<string>
  /** stdin is a terminal: `kubectl exec -t` gets a TTY only then. */
  stdinIsTTY: boolean
  /** Ctrl-C (SIGINT) runs `fn` instead of ending the process, until the returned function is called. */
  onInterrupt(fn: () => void): () => void
  stateDir: string
  kubeconfig: string
}

export class Exit extends Error {
  readonly code: number
  constructor(code: number, message: string) {
    super(message)
    this.code = code
  }
}

/** Fail the way kubectl does: message on stderr, exit 1. */
export const fail = (message: string, code = 1): never => {
  throw new Exit(code, message.endsWith('\n') ? message : `${message}\n`)
}

export const pause = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** `120s`, `2m`, `1m30s`, `0` (forever) → ms. */
export function parseDuration(s: string | undefined, fallback: number): number {
  if (s === undefined) return fallback
  if (/^\d+$/.test(s)) return Number(s) * 1000
  let total = 0
  const re = /(\d+(?:\.\d+)?)(ms|h|m|s)/g
  let m: RegExpExecArray | null
  let matched = ''
  while ((m = re.exec(s))) {
    matched += m[0]
    const n = Number(m[1])
    total += m[2] === 'h' ? n * 3_600_000 : m[2] === 'm' ? n * 60_000 : m[2] === 's' ? n * 1000 : n
  }
  if (matched !== s)
    fail(`error: invalid argument "${s}" for "--timeout" flag: time: invalid duration "${s}"`)
  return total
}
