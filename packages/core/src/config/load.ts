// Load, validate and hash lab.config.yaml. Every error names the YAML path, the bad value and a fix.
import { readFileSync, statSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { join } from 'node:path'
import { parseDocument } from 'yaml'
import type { z } from 'zod'
import { type LabConfig, LabConfigSchema } from './schema.ts'
import { fixFor, unknownKeyFix } from './fixes.ts'
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

/** A config file is a few lines; anything past this is a mistake (or an attack) and is refused before parsing. */
export const MAX_CONFIG_BYTES = 1024 * 1024
/** Alias expansions allowed while reading YAML: enough for anchors in a pools list, far too few for "billion laughs". */
export const MAX_YAML_ALIASES = 100

export type ConfigCheck = {
  /** The schema's findings (unknown keys, wrong types, bad shapes), one per YAML path. */
  readonly findings: readonly Finding[]
  /** The config to run the cross-field rules on: the file itself, or the file with its bad keys left out. */
  readonly config: LabConfig | undefined
}

/** YAML text → the schema's findings plus a config the rules can still judge; throws only when the YAML is unreadable. */
export function checkConfig(text: string, file: string): ConfigCheck {
  const raw = readYaml(text, file)
  const parsed = LabConfigSchema.safeParse(raw)
  if (parsed.success) return { findings: [], config: parsed.data }
  return { findings: toFindings(parsed.error.issues, raw), config: repair(raw, parsed.error.issues) }
}

export function parseConfig(text: string, file: string): { config: LabConfig; raw: unknown } {
  const raw = readYaml(text, file)
  const parsed = LabConfigSchema.safeParse(raw)
  if (!parsed.success) throw new ConfigError(file, toFindings(parsed.error.issues, raw))
  return { config: parsed.data, raw }
}

function readYaml(text: string, file: string): unknown {
  const doc = parseDocument(text, { uniqueKeys: true })
  if (doc.errors.length > 0) {
    const e = doc.errors[0]
    throw new LabError(`${file}: YAML syntax error: ${e?.message.split('\n')[0]}`, {
      hint: 'Fix the YAML syntax (indentation, quotes).',
      exitCode: 2,
    })
  }
  try {
    return doc.toJS({ maxAliasCount: MAX_YAML_ALIASES }) ?? {}
  } catch (err) {
    // yaml refuses an exponential alias expansion with a ReferenceError; anything else here is unreadable input too.
    const why = err instanceof Error ? err.message : String(err)
    throw new LabError(
      /alias/i.test(why)
        ? `${file}: its YAML aliases (*name) expand more than ${MAX_YAML_ALIASES} times; that is the limit`
        : `${file}: the YAML cannot be read: ${why}`,
      { hint: 'Write the values out instead of repeating anchors (&name / *name).', exitCode: 2 },
    )
  }
}

type Issue = z.core.$ZodIssue

function toFindings(issues: readonly Issue[], raw: unknown): Finding[] {
  const findings = issues.flatMap((i): Finding[] => {
    if (i.code === 'unrecognized_keys')
      return i.keys.map((k) => ({
        path: yamlPath([...i.path, k]),
        value: valueAt(raw, [...i.path, k]),
        message: `unknown key ${k}`,
        fix: unknownKeyFix(i.path, k),
      }))
    const value = valueAt(raw, i.path)
    return [{ path: yamlPath(i.path), value, message: i.message, fix: fixFor(i.path, value, i) }]
  })
  // A value that breaks two checks of one field (its shape and its length) is one mistake: report it once.
  return findings.filter((f, n) => findings.findIndex((g) => g.path === f.path) === n)
}

/**
 * The file with every bad key left out, so the defaults stand in and the cross-field rules still run; undefined
 * when leaving keys out cannot make it valid (a required key of a pool is wrong).
 */
function repair(raw: unknown, first: readonly Issue[]): LabConfig | undefined {
  const cur: unknown = structuredClone(raw)
  let issues = first
  for (let round = 0; round < 5; round++) {
    let changed = false
    for (const i of issues) {
      const keys = i.code === 'unrecognized_keys' ? i.keys.map((k) => [...i.path, k]) : [i.path]
      for (const path of keys) changed = dropAt(cur, path) || changed
    }
    if (!changed) return undefined
    const again = LabConfigSchema.safeParse(cur)
    if (again.success) return again.data
    issues = again.error.issues
  }
  return undefined
}

function dropAt(root: unknown, path: readonly PropertyKey[]): boolean {
  const parent = valueAt(root, path.slice(0, -1))
  const last = path.at(-1)
  // Array elements are never removed: that would shift every later index the rules name.
  if (last === undefined || parent === null || typeof parent !== 'object' || Array.isArray(parent))
    return false
  if (!(last in parent)) return false
  delete (parent as Record<PropertyKey, unknown>)[last]
  return true
}

/** Read the file as it must be: a regular file, at most MAX_CONFIG_BYTES, UTF-8. Undefined for a missing default. */
export function readConfigText(file: string, opts: { required?: boolean } = {}): string | undefined {
  let st
  try {
    st = statSync(file)
  } catch {
    if (!opts.required) return undefined
    throw new LabError(`Config file ${file} does not exist`, {
      hint: 'Create it from lab.config.example.yaml, or omit --config to use the defaults.',
      exitCode: 2,
    })
  }
  if (st.isDirectory())
    throw new LabError(`${file} is a directory, not a config file`, {
      hint: `Pass the file itself: --config ${join(file, 'lab.config.yaml')}`,
      exitCode: 2,
    })
  if (!st.isFile())
    throw new LabError(`${file} is not a regular file`, {
      hint: 'Pass a YAML file: --config lab.config.yaml',
      exitCode: 2,
    })
  if (st.size > MAX_CONFIG_BYTES)
    throw new LabError(`${file} is ${megabytes(st.size)}; a config file may be at most 1 MB`, {
      hint: 'lab.config.yaml needs a few dozen lines: start again from lab.config.example.yaml.',
      exitCode: 2,
    })
  const bytes = readFileSync(file)
  const bad = firstInvalidUtf8(bytes)
  if (bad !== undefined) {
    const { line, column } = lineColumn(bytes, bad)
    throw new LabError(
      `${file} is not UTF-8 text: byte 0x${(bytes[bad] ?? 0).toString(16).toUpperCase().padStart(2, '0')} at line ${line}, column ${column}`,
      {
        hint: 'Save the file as UTF-8 (in the editor: "Save with encoding" → UTF-8) and check that line.',
        exitCode: 2,
      },
    )
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '')
}

const megabytes = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629), or undefined. */
export function firstInvalidUtf8(b: Uint8Array): number | undefined {
  for (let i = 0; i < b.length;) {
    const c = b[i] ?? 0
    const need =
      c < 0x80 ? 0 : c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : -1
    if (need < 0) return i
    if (need > 0) {
      const c1 = b[i + 1] ?? 0
      // The second byte's range excludes overlong forms, surrogates and code points past U+10FFFF.
      const lo = c === 0xe0 ? 0xa0 : c === 0xf0 ? 0x90 : 0x80
      const hi = c === 0xed ? 0x9f : c === 0xf4 ? 0x8f : 0xbf
      if (c1 < lo || c1 > hi) return i
      for (let k = 2; k <= need; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return i
    }
    i += need + 1
  }
  return undefined
}

function lineColumn(b: Uint8Array, offset: number): { line: number; column: number } {
  let line = 1
  let start = 0
  for (let i = 0; i < offset; i++)
    if (b[i] === 0x0a) {
      line += 1
      start = i + 1
    }
  return { line, column: Buffer.from(b.subarray(start, offset)).toString('utf8').length + 1 }
}

/** Read the config file; a missing default file means "all defaults". Schema findings throw. */
export function loadConfig(
  file: string,
  opts: { required?: boolean } = {},
): { config: LabConfig; hash: string; text: string } {
  const text = readConfigText(file, opts) ?? ''
  const { config } = parseConfig(text || '{}', file)
  return { config, hash: hashConfig(config), text }
}

/**
 * Every finding at once: the schema's, then the rules' on what the schema let through (a finding at a path the
 * schema already named is the same mistake and is dropped). This is `pnpm lab lint`.
 */
export function lintConfig(
  file: string,
  rules: readonly ConfigRule[],
  opts: { required?: boolean } = {},
): { findings: Finding[]; config: LabConfig | undefined; text: string } {
  const text = readConfigText(file, opts) ?? ''
  const check = checkConfig(text || '{}', file)
  const named = check.findings.map((f) => f.path)
  const ruled = check.config
    ? runRules(check.config, rules).filter(
        (f) => !named.some((p) => f.path === p || f.path.startsWith(`${p}.`) || f.path.startsWith(`${p}[`)),
      )
    : []
  return { findings: [...check.findings, ...ruled], config: check.config, text }
}

/** Load and validate (schema + every rule) before anything runs; throws one ConfigError with every finding. */
export function loadValidConfig(
  file: string,
  rules: readonly ConfigRule[],
  opts: { required?: boolean } = {},
): { config: LabConfig; hash: string; text: string } {
  const { findings, config, text } = lintConfig(file, rules, opts)
  if (findings.length > 0 || !config) throw new ConfigError(file, findings)
  return { config, hash: hashConfig(config), text }
}

/** Every finding of every rule; the caller names the file when it prints them. */
export function runRules(config: LabConfig, rules: readonly ConfigRule[]): Finding[] {
  const all = rules.flatMap((r) => r.check(config))
  // Two rules that see the same mistake say it once.
  return all.filter((f, n) => all.findIndex((g) => g.path === f.path && g.message === f.message) === n)
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
