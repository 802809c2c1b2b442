// Shared entry for the bundled fakes: wire the process to a handler and turn failures into exit codes.
import { readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { Exit, type Io } from '../cli/io.ts'

export function processIo(): Io {
  // The fakes live in <stateDir>/bin, so they find their world even if LAB_SIM_STATE was dropped from the env.
  const stateDir = process.env.LAB_SIM_STATE ?? dirname(dirname(process.argv[1] ?? '.'))
  return {
    out: (s) => void process.stdout.write(s),
    err: (s) => void process.stderr.write(s),
    stdin: async () => {
      if (process.stdin.isTTY) return ''
      try {
        return readFileSync(0, 'utf8')
      } catch {
        return ''
      }
    },
    lines: () => readLines(process.stdin),
    stdinIsTTY: process.stdin.isTTY === true,
    onInterrupt: (fn) => {
      process.on('SIGINT', fn)
      return () => void process.off('SIGINT', fn)
    },
    stateDir,
    kubeconfig: process.env.KUBECONFIG?.split(':')[0] || join(stateDir, 'kubeconfig'),
  }
}

async function* readLines(stream: NodeJS.ReadableStream): AsyncIterable<string> {
  let buf = ''
  for await (const chunk of stream) {
    buf += String(chunk)
    for (let i = buf.search(/\r\n|\n|\r/); i >= 0; i = buf.search(/\r\n|\n|\r/)) {
      yield buf.slice(0, i)
      buf = buf.slice(i + (buf.startsWith('\r\n', i) ? 2 : 1))
    }
  }
  if (buf) yield buf
}

export function runMain(handler: (io: Io, args: readonly string[]) => Promise<number> | number): void {
  const io = processIo()
  Promise.resolve()
    .then(() => handler(io, process.argv.slice(2)))
    .then(
      (code) => exitAfterFlush(code),
      (err: unknown) => {
        if (err instanceof Exit) {
          io.err(err.message)
          exitAfterFlush(err.code)
        } else {
          io.err(`simulator crashed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
          exitAfterFlush(70)
        }
      },
    )
}

// process.exit can cut piped stdout short; wait for both streams to drain first.
function exitAfterFlush(code: number): void {
  let pending = 2
  const done = () => {
    if (--pending === 0) process.exit(code)
  }
  process.stdout.write('', done)
  process.stderr.write('', done)
}
