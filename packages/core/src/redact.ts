// Secrets never reach the record: tokens, keys, certificates, passwords and the user's home path.
// Every rule keeps the text's shape (a JSON string stays a JSON string, a YAML mapping stays a mapping), so a
// check reads a redacted output exactly as it read the original.
const MARK = '[REDACTED]'

// A PEM block, its lines separated by real newlines or by JSON's `\n` escapes.
const PEM = /-----BEGIN ([A-Z0-9 ]+)-----(\\r\\n|\\n|\r?\n)?[\s\S]*?-----END \1-----/g
// base64 of "-----BEGIN": a PEM block embedded in a kubeconfig or a Secret without its key name.
const PEM_B64 = /LS0tLS1CRUdJTi[A-Za-z0-9+/]{16,}={0,2}/g
const BEARER = /\b(Bearer|bearer|BEARER|Basic)\s+(?!\[REDACTED)[A-Za-z0-9._~+/=-]{8,}/g
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g
// A secret-named key (a whole word: `automountServiceAccountToken` and `secretName` are not secrets), its
// separator, then a double-quoted, single-quoted or bare value.
const KEY_VALUE =
  /(?<![A-Za-z0-9])((?:[A-Za-z0-9]+_)*(?:client-key-data|client-certificate-data|certificate-authority-data|token|password|passwd|secret|api[-_]?key)["']?\s*[:=][ \t]*)(?:"((?:[^"\\\n]|\\.)*)"|'([^'\n]*)'|([^\s"',}\]]+))/gi
const TOKEN_FLAG = /(--(?:token|password)(?:=|\s+))(?!\[REDACTED)(\S+)/g
// Bare values that are structure or flags, never a secret: leaving them keeps JSON and YAML parseable.
const NOT_A_SECRET = /^(?:[{[|>~].*|true|false|null)$/i
const NUMBER = /^-?\d+(?:\.\d+)?$/

export type RedactOptions = { home?: string | undefined }

export function redact(text: string, opts: RedactOptions = {}): string {
  let out = text
    .replace(PEM, (_m, kind: string, nl: string | undefined) => {
      // The block's own line break (real or JSON-escaped), or none for a block on one line: never a raw
      // newline inside what may be a JSON string.
      const sep = nl ?? ''
      return `-----BEGIN ${kind}-----${sep}${MARK}${sep}-----END ${kind}-----`
    })
    .replace(JWT, '[REDACTED-JWT]')
    .replace(PEM_B64, MARK)
    .replace(BEARER, (_m, scheme: string) => `${scheme} ${MARK}`)
    .replace(
      KEY_VALUE,
      (m, key: string, dq: string | undefined, sq: string | undefined, bare: string | undefined) => {
        if (dq !== undefined) return dq === '' ? m : `${key}"${MARK}"`
        if (sq !== undefined) return sq === '' ? m : `${key}'${MARK}'`
        if (bare === undefined || NOT_A_SECRET.test(bare)) return m
        // A numeric secret becomes a quoted string, which JSON and YAML both still parse.
        return NUMBER.test(bare) ? `${key}"${MARK}"` : `${key}${MARK}`
      },
    )
    .replace(TOKEN_FLAG, (_m, k: string) => `${k}${MARK}`)
  if (opts.home && opts.home.length > 1) out = out.split(opts.home).join('~')
  return out
}

/** Every string inside a JSON-like value redacted; keys, numbers and the structure stay as they are. */
export function redactValue<T>(value: T, opts: RedactOptions = {}): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return redact(v, opts)
    if (Array.isArray(v)) return v.map(walk)
    if (v && typeof v === 'object' && !Buffer.isBuffer(v))
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]))
    return v
  }
  return walk(value) as T
}
