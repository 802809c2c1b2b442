// Load, validate and hash lab.config.yaml. Every error names the YAML path, the bad value and a fix.
import { readFileSync, existsSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { parseDocument } from 'yaml'
import { type LabConfig, LabConfigSchema } from './schema.ts'
import { LabError } from '../errors.ts'

export type Finding = { path: string; value: unknown; message: string; fix: string }

/** A cross-field rule a package adds (pool overlap, one pool per node, …); all run before any command. */
export type ConfigRule = { id: string; check: (config: LabConfig) => Finding[] }

export class ConfigError extends LabError {
  readonly findings: readonly Finding[]
  constructor(file: string, findings: readonly Finding[]) {
    super(
      `${file}: ${findings.length} problem${findings.length === 1 ? '' : 's'}\n${findings.map(formatFinding).join('\n')}`,
      {
        exitCode: 2,
      },
    )
    this.name = 'ConfigError'
    this.findings = findings
  }
}

export const formatFinding = (f: Finding): string =>
  `  ✗ ${f.path}: ${f.message} (value: ${JSON.stringify(f.value)})\n    fix: ${f.fix}`

export function parseConfig(text: string, file: string): { config: LabConfig; raw: unknown } {
  const doc = parseDocument(text, { uniqueKeys: true })
  if (doc.errors.length > 0) {
    const e = doc.errors[0]
    throw new LabError(`${file}: YAML syntax error: ${e?.message.split('\n')[0]}`, {
      hint: 'Fix the YAML syntax (indentation, quotes).',
      exitCode: 2,
    })
  }
  const raw: unknown = doc.toJS() ?? {}
  const parsed = LabConfigSchema.safeParse(raw)
  if (!parsed.success) {
    throw new ConfigError(
      file,
      parsed.error.issues.map((i) => {
        const unknownKeys = i.code === 'unrecognized_keys' ? (i as { keys: string[] }).keys : []
        const path = [...i.path, ...unknownKeys.slice(0, 1)]
        return {
          path: yamlPath(path),
          value: unknownKeys.length ? unknownKeys.join(', ') : valueAt(raw, i.path),
          message: unknownKeys.length
            ? `unknown key${unknownKeys.length > 1 ? 's' : ''} ${unknownKeys.join(', ')}`
            : i.message,
          fix: unknownKeys.length
            ? 'remove it, or check the spelling against docs/config.md'
            : fixFor(i.path, i.message),
        }
      }),
    )
  }
  return { config: parsed.data, raw }
}

/** Read the config file; a missing default file means "all defaults". */
export function loadConfig(
  file: string,
  opts: { required?: boolean } = {},
): { config: LabConfig; hash: string; text: string } {
  if (!existsSync(file)) {
    if (opts.required)
      throw new LabError(`Config file ${file} does not exist`, {
        hint: 'Create it from lab.config.example.yaml, or omit --config to use the defaults.',
        exitCode: 2,
      })
    const { config } = parseConfig('{}', file)
    return { config, hash: hashConfig(config), text: '' }
  }
  const text = readFileSync(file, 'utf8')
  const { config } = parseConfig(text, file)
  return { config, hash: hashConfig(config), text }
}

/** Every finding of every rule; the caller names the file when it prints them. */
export function runRules(config: LabConfig, rules: readonly ConfigRule[]): Finding[] {
  return rules.flatMap((r) => r.check(config))
}

/** Throw one ConfigError listing every finding of every rule. */
export function assertRules(file: string, config: LabConfig, rules: readonly ConfigRule[]): void {
  const findings = runRules(config, rules)
  if (findings.length > 0) throw new ConfigError(file, findings)
}

export function hashConfig(config: LabConfig): string {
  return createHash('sha256').update(stableJson(config)).digest('hex').slice(0, 16)
}

export function stableJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(stableJson).join(',')}]`
  if (v && typeof v === 'object') {
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${stableJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`
  }
  return JSON.stringify(v)
}

export function yamlPath(path: readonly PropertyKey[]): string {
  return (
    path.reduce<string>(
      (acc, p) => (typeof p === 'number' ? `${acc}[${p}]` : acc ? `${acc}.${String(p)}` : String(p)),
      '',
    ) || '(root)'
  )
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  let cur: unknown = raw
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<PropertyKey, unknown>)[p]
  }
  return cur
}

function fixFor(path: readonly PropertyKey[], message: string): string {
  const key = String(path.at(-1) ?? '')
  if (key === 'replicas') return 'set app.replicas to 2 (the lab runs one pod per zone)'
  if (key === 'cidr') return 'write an IPv4 network such as 10.244.1.0/24'
  if (key === 'profile') return 'use 2–63 lower-case letters, digits or "-", e.g. lab4'
  if (/expected one of|Invalid option/i.test(message)) return 'use one of the listed values'
  if (/too small|too big/i.test(message))
    return `pick a value in range (${message.replace(/^Too (small|big): /i, '')})`
  if (/expected number/i.test(message)) return 'write a number without quotes'
  if (/expected string/i.test(message)) return 'write a string (quote it if it looks like a number)'
  return 'see docs/config.md for the allowed values'
}
