// Secrets never reach the journal: tokens, keys, certificates, passwords and the user's home path.
const PEM = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g
const BEARER = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{8,}/gi
const JWT = /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g
const KEY_VALUE =
  /((?:client-key-data|client-certificate-data|certificate-authority-data|token|password|passwd|secret|api[-_]?key)["']?\s*[:=]\s*["']?)([^\s"',}]+)/gi
const TOKEN_FLAG = /(--(?:token|password)(?:=|\s+))(\S+)/g

export type RedactOptions = { home?: string | undefined }

export function redact(text: string, opts: RedactOptions = {}): string {
  let out = text
    .replace(PEM, (_m, kind: string) => `-----BEGIN ${kind}-----\n[REDACTED]\n-----END ${kind}-----`)
    .replace(JWT, '[REDACTED-JWT]')
    .replace(BEARER, (_m, scheme: string) => `${scheme} [REDACTED]`)
    .replace(KEY_VALUE, (_m, k: string) => `${k}[REDACTED]`)
    .replace(TOKEN_FLAG, (_m, k: string) => `${k}[REDACTED]`)
  if (opts.home && opts.home.length > 1) out = out.split(opts.home).join('~')
  return out
}
