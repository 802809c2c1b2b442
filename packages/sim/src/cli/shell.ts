// BusyBox ash in a frontend pod: `kubectl exec -it POD -- sh` (prompt, Ctrl-C) or `-i` fed from a pipe (no prompt).
import { busybox, SHELLS } from './busybox.ts'
import { Interrupt } from './interrupt.ts'
import { isPlan, streamPing } from './ping.ts'
import { withCluster, type Target } from './session.ts'
import type { Io } from './io.ts'
import { isRunning } from '../world/pods.ts'

export type ShellSession = {
  target: Target
  podUid: string
  podName: string
  cwd: string
  /** A terminal is attached (`-t` with a terminal on stdin): ash is interactive and prints its prompt. */
  tty: boolean
  /** Where commands come from: stdin (`-i`), a `-c` script, or nothing (ash reads EOF and exits). */
  input: AsyncIterable<string> | string[]
}

/** Real commands of the image the simulator does not model: say so rather than pretend they are missing. */
const UNMODELLED = new Set([
  'ls',
  'wget',
  'ip',
  'ifconfig',
  'env',
  'ps',
  'top',
  'grep',
  'node',
  'npm',
  'vi',
  'netstat',
])

/** What the session ended with: ash's exit status, or 137 when the container went away under it. */
export async function runShell(io: Io, s: ShellSession): Promise<number> {
  const err = s.tty ? io.out : io.err // a TTY has one stream for both
  const prompt = s.tty ? `${s.cwd} # ` : ''
  let status = 0
  let running: Interrupt | undefined
  // At the prompt ash answers Ctrl-C with a fresh prompt; during a command the command gets it.
  const off = s.tty
    ? io.onInterrupt(() => (running ? running.fire() : io.out(`\n${prompt}`)))
    : () => undefined
  try {
    io.out(prompt)
    for await (const line of s.input) {
      for (const command of splitCommands(line)) {
        const words = tokenize(command, status, s.podName)
        if ('error' in words) {
          err(`sh: ${words.error}\n`)
          status = 2
          continue
        }
        const [cmd = '', ...args] = words
        if (cmd === '') continue
        if (cmd === 'exit')
          return args[0] !== undefined && /^\d+$/.test(args[0]) ? Number(args[0]) % 256 : status
        const builtin = builtins(cmd, args, s.cwd)
        if (builtin) {
          io.out(builtin.stdout)
          status = builtin.status
          continue
        }
        if (SHELLS.has(cmd) || UNMODELLED.has(cmd)) {
          err(`sh: ${cmd}: the simulator does not model this command of the image\n`)
          status = 127
          continue
        }
        const step = await withCluster(io, s.target, (c, w, now) => {
          const pod = c.pods.find((p) => p.meta.uid === s.podUid)
          if (!pod || !isRunning(pod, now)) return 'gone' as const
          return busybox(c, w.seed, w.faults, pod, [cmd, ...args], now)
        })
        if (step === 'gone') return 137
        if (isPlan(step)) {
          running = new Interrupt()
          status = await streamPing(step, io.out, running)
          running = undefined
        } else if (step.exitCode === 126) {
          err(`sh: ${cmd}: not found\n`)
          status = 127
        } else {
          io.out(step.stdout)
          err(step.stderr)
          status = step.exitCode
        }
      }
      io.out(prompt)
    }
    return status
  } finally {
    off()
  }
}

function builtins(cmd: string, args: string[], cwd: string): { stdout: string; status: number } | undefined {
  if (cmd === 'echo') return { stdout: `${args.join(' ')}\n`, status: 0 }
  if (cmd === 'pwd') return { stdout: `${cwd}\n`, status: 0 }
  if (cmd === 'true' || cmd === 'cd' || cmd === 'clear') return { stdout: '', status: 0 }
  if (cmd === 'false') return { stdout: '', status: 1 }
  return undefined
}

/** `a; b` runs both; `;` inside quotes is text. */
function splitCommands(line: string): string[] {
  const out: string[] = []
  let cur = ''
  let quote = ''
  for (const ch of line) {
    if (quote) quote = ch === quote ? '' : quote
    else if (ch === '"' || ch === "'") quote = ch
    else if (ch === ';') {
      out.push(cur)
      cur = ''
      continue
    }
    cur += ch
  }
  return [...out, cur]
}

/** Words of one simple command, with quotes removed and `$?`/`$HOSTNAME` expanded. */
function tokenize(command: string, status: number, hostname: string): string[] | { error: string } {
  const words: string[] = []
  let cur: string | undefined
  let quote = ''
  const vars: Record<string, string> = { '?': String(status), HOSTNAME: hostname, HOME: '/root' }
  for (let i = 0; i < command.length; i++) {
    const ch = command[i] ?? ''
    if (quote === "'") {
      if (ch === "'") quote = ''
      else cur = (cur ?? '') + ch
      continue
    }
    if (ch === '$' && (quote === '"' || quote === '')) {
      const m = /^\$(\?|[A-Za-z_]\w*)/.exec(command.slice(i))
      if (m) {
        cur = (cur ?? '') + (vars[m[1] ?? ''] ?? '')
        i += (m[0] ?? '').length - 1
        continue
      }
    }
    if (quote === '"') {
      if (ch === '"') quote = ''
      else cur = (cur ?? '') + ch
      continue
    }
    if (ch === '"' || ch === "'") {
      quote = ch
      cur = cur ?? ''
    } else if (/\s/.test(ch)) {
      if (cur !== undefined) words.push(cur)
      cur = undefined
    } else if ('|&<>`('.includes(ch) || (ch === '$' && command[i + 1] === '(')) {
      return {
        error: `'${ch}': pipes, redirections, background jobs and substitutions are not modelled by the simulator`,
      }
    } else cur = (cur ?? '') + ch
  }
  if (quote) return { error: 'syntax error: unterminated quoted string' }
  if (cur !== undefined) words.push(cur)
  return words
}
