// What to write instead: every schema finding gets a fix that names the value to write, not only a doc to read.
import type { z } from 'zod'
import { DEFAULT_IMAGE, LabConfigSchema } from './schema.ts'

type Issue = z.core.$ZodIssue

const pattern = (path: readonly PropertyKey[]) =>
  path
    .map((p) => (typeof p === 'number' ? '[]' : String(p)))
    .join('.')
    .replace(/\.\[\]/g, '[]')

/** A DNS label built from what the user wrote: lower-case, "-" for anything else, a letter first when asked. */
export function suggestLabel(value: unknown, fallback: string, letterFirst = false): string {
  if (typeof value !== 'string') return fallback
  let s = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '')
  if (letterFirst) s = s.replace(/^[^a-z]+/, '')
  s = s.slice(0, 63).replace(/-+$/, '')
  return s || fallback
}

const oneLine = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : '')

/** `nginx latest` → `nginx:latest`; otherwise the default image. */
function suggestImage(v: unknown): string {
  if (typeof v !== 'string') return DEFAULT_IMAGE
  const parts = v.trim().split(/\s+/)
  if (parts.length === 2 && !parts[0]?.includes(':')) return `${parts[0]}:${parts[1]}`
  const joined = v.replace(/\s+/g, '')
  return joined || DEFAULT_IMAGE
}

/** The last real day of a DD.MM.YYYY with an impossible day (31.02.2025 → 28.02.2025). */
function suggestDate(v: unknown): string {
  const m = typeof v === 'string' ? /^(\d{2})\.(\d{2})\.(\d{4})$/.exec(v) : null
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const days = new Date(Date.UTC(Number(m[3]), Number(m[2]), 0)).getUTCDate()
    return `${String(Math.min(Math.max(Number(m[1]), 1), days)).padStart(2, '0')}.${m[2]}.${m[3]}`
  }
  return '20.11.2025'
}

const dateFix = (key: string, dash: boolean) => (v: unknown) =>
  `write a real date as DD.MM.YYYY, e.g. ${key}: '${suggestDate(v)}'${dash ? ", or '-' while the lab is not defended" : ''}`

/** Fixes for the fields whose rule is a shape (a pattern or a calendar), by YAML path pattern. */
const SPECIFIC: Record<string, (value: unknown) => string> = {
  profile: (v) => `write 2–63 lower-case letters, digits or "-", e.g. profile: ${suggestLabel(v, 'lab4')}`,
  'cluster.nodes': () => 'write cluster.nodes: 2 (the lab runs one node per zone)',
  'cluster.kubernetesVersion': () =>
    "write a version such as kubernetesVersion: v1.31.0, or delete the line for minikube's default",
  'pools[].name': (v) =>
    `write lower-case letters, digits, "-" or ".", e.g. name: ${suggestLabel(v, 'east-ippool')}`,
  'pools[].cidr': () => 'write an IPv4 network such as cidr: 10.244.1.0/24',
  'app.namespace': (v) => `write a DNS label, e.g. namespace: ${suggestLabel(v, 'default')}`,
  'app.name': (v) =>
    `write at most 63 lower-case letters, digits or "-", starting with a letter, e.g. name: ${suggestLabel(v, 'frontend', true)}`,
  'app.service.name': (v) =>
    `write at most 63 lower-case letters, digits or "-", starting with a letter, e.g. name: ${suggestLabel(v, 'frontend', true)}`,
  'app.image': (v) => `write the reference without spaces, e.g. image: ${suggestImage(v)}`,
  'app.replicas': () => 'write app.replicas: 2 (one pod per zone)',
  'app.username': (v) =>
    `write it on one line with no space at either end, e.g. username: ${JSON.stringify(oneLine(v) || 'student')}`,
  'app.company': (v) =>
    `write it on one line with no space at either end, e.g. company: ${JSON.stringify(oneLine(v) || 'ITMO University')}`,
  'student.lab': () => 'write lab: Lab4',
  'student.dateCreated': dateFix('dateCreated', false),
  'student.dateFinished': dateFix('dateFinished', true),
}

/** The fix for one schema issue at `path` whose value is `value`. */
export function fixFor(path: readonly PropertyKey[], value: unknown, issue: Issue): string {
  const key = String(path.findLast((p) => typeof p === 'string') ?? 'value')
  const specific = SPECIFIC[pattern(path)]
  if (issue.code === 'invalid_value') return `write one of: ${issue.values.map(String).join(', ')}`
  if (issue.code === 'invalid_type' && value !== undefined) {
    if (issue.expected === 'number')
      return `write a number without quotes, e.g. ${key}: ${defaultAt(path) ?? 2}`
    if (issue.expected === 'boolean') return `write ${key}: true or ${key}: false`
    if (issue.expected === 'string')
      return `write text; quote it if it looks like a number: ${key}: "${value}"`
    if (issue.expected === 'array') return `write a list, e.g. ${key}: [${example(path)}]`
    if (issue.expected === 'object') return `write the keys of ${key} indented below "${key}:"`
  }
  if (specific) return specific(value)
  if (issue.code === 'too_small' && issue.origin === 'array')
    return `list at least ${issue.minimum} under ${key}`
  if (issue.code === 'too_small') return `write ${key}: ${issue.minimum} or more`
  if (issue.code === 'too_big') return `write ${key}: ${issue.maximum} or less`
  const def = defaultAt(path)
  return def !== undefined ? `write ${key}: ${JSON.stringify(def)} (the default)` : `write a valid ${key}`
}

const DEFAULTS = LabConfigSchema.parse({}) as unknown

function defaultAt(path: readonly PropertyKey[]): unknown {
  let cur: unknown = DEFAULTS
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined
    cur = (cur as Record<PropertyKey, unknown>)[Array.isArray(cur) ? 0 : p]
  }
  return cur
}

function example(path: readonly PropertyKey[]): string {
  const d = defaultAt(path)
  return Array.isArray(d) && d.every((x) => typeof x === 'string') ? d.join(', ') : '…'
}

type Node = {
  _zod: { def: { type: string; innerType?: Node; element?: Node; shape?: Record<string, Node> } }
}

const unwrap = (n: Node): Node => {
  let cur = n
  while (cur._zod.def.innerType) cur = cur._zod.def.innerType
  return cur
}

/** The keys the schema allows in the mapping at `path` (where an unknown key was found). */
export function keysAt(path: readonly PropertyKey[]): string[] {
  let cur: Node | undefined = LabConfigSchema as unknown as Node
  for (const p of path) {
    if (!cur) return []
    const n: Node = unwrap(cur)
    cur = typeof p === 'number' ? n._zod.def.element : n._zod.def.shape?.[String(p)]
  }
  return cur ? Object.keys(unwrap(cur)._zod.def.shape ?? {}) : []
}

/** The allowed key closest to a misspelt one (edit distance ≤ 2, or one contains the other). */
export function closestKey(wrong: string, known: readonly string[]): string | undefined {
  const w = wrong.toLowerCase()
  const scored = known
    .map((k) => ({ k, d: distance(w, k.toLowerCase()) }))
    .filter(
      ({ k, d }) => d <= 2 || (w.length >= 3 && (k.toLowerCase().includes(w) || w.includes(k.toLowerCase()))),
    )
    .sort((a, b) => a.d - b.d)
  return scored[0]?.k
}

export function unknownKeyFix(path: readonly PropertyKey[], key: string): string {
  const known = keysAt(path)
  const near = closestKey(key, known)
  if (near) return `write ${near}: instead of ${key}: (or delete the line)`
  return `delete ${key}:${known.length ? `; the keys allowed here are ${known.join(', ')}` : ''}`
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0] ?? 0
    row[0] = i
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j] ?? 0
      row[j] = Math.min((row[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1))
      prev = tmp
    }
  }
  return row[b.length] ?? 0
}
