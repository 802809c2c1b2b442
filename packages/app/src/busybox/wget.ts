// Pure reader of BusyBox wget output (the frontend image's wget): the page came back, or why it did not.
// The messages are BusyBox's own (networking/wget.c): `download timed out` when -T runs out (connect or read),
// `can't connect to remote host (IP): <errno text>` when connect() fails, `bad address 'NAME'` when DNS fails.

export type WgetOutcome =
  | 'ok'
  /** -T ran out, or the kernel's connect timeout: packets were dropped (a NetworkPolicy drops them silently). */
  | 'timeout'
  /** Something answered with a reset: nothing listens on the port. */
  | 'refused'
  | 'unreachable'
  | 'bad-address'
  | 'http-error'
  /** wget never ran or printed nothing we know (exec failed). */
  | 'no-output'

export type WgetResult = {
  readonly outcome: WgetOutcome
  /** The line that tells (`wget: download timed out`), or the first line of the page. */
  readonly line: string
  /** Bytes of the page printed to stdout (`-O-`), when it came back. */
  readonly bytes: number
}

const TIMED_OUT = /wget: download timed out/
const CONNECT = /wget: can't connect to remote host \(([^)]*)\): (.+)$/m
const BAD_ADDRESS = /wget: bad address '([^']*)'/
const HTTP_ERROR = /wget: server returned error: (.+)$/m
const OTHER = /^wget: .+$/m

/** `text` is what the exec printed (stdout, then stderr); `exitCode` the exec's, when known. */
export function parseWget(text: string, exitCode?: number | null): WgetResult {
  const at = (re: RegExp) => re.exec(text)?.[0]?.replace(/^.*?(wget: )/, '$1') ?? ''
  if (TIMED_OUT.test(text)) return { outcome: 'timeout', line: 'wget: download timed out', bytes: 0 }
  const connect = CONNECT.exec(text)
  if (connect) {
    const why = connect[2] ?? ''
    const outcome = /timed out/i.test(why) ? 'timeout' : /refused/i.test(why) ? 'refused' : 'unreachable'
    return { outcome, line: at(CONNECT), bytes: 0 }
  }
  if (BAD_ADDRESS.test(text)) return { outcome: 'bad-address', line: at(BAD_ADDRESS), bytes: 0 }
  if (HTTP_ERROR.test(text)) return { outcome: 'http-error', line: at(HTTP_ERROR), bytes: 0 }
  const other = OTHER.exec(text)?.[0]
  if (other || (exitCode !== undefined && exitCode !== null && exitCode !== 0) || text.trim() === '')
    return { outcome: 'no-output', line: other ?? firstLine(text), bytes: 0 }
  return { outcome: 'ok', line: firstLine(text), bytes: Buffer.byteLength(text) }
}

const firstLine = (s: string): string => s.split('\n').find((l) => l.trim() !== '') ?? ''
