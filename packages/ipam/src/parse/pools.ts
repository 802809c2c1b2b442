// `calicoctl get ippool -o json|yaml`: an IPPoolList (items may be null), one bare IPPool, or an array of them.
import { parse as parseYaml } from 'yaml'
import type { IPPool } from '../pool.ts'

type Resource = { kind?: string; metadata?: { name?: string }; spec?: Record<string, unknown> }

/** Parse calicoctl's JSON (or YAML) pool output into pools with Calico's defaults for absent fields. */
export function parsePools(text: string): IPPool[] {
  const doc = readDocument(text)
  if (Array.isArray(doc)) return doc.map(toPool)
  if (doc && typeof doc === 'object') {
    const o = doc as Resource & { items?: unknown }
    // The list wrapper is printed even for 0 or 1 pools; with none, items is null.
    if ('items' in o) return Array.isArray(o.items) ? o.items.map(toPool) : []
    if (o.kind === 'IPPool' || o.spec) return [toPool(o)]
  }
  throw new Error(
    `expected an IPPoolList, an IPPool or an array of IPPools, got ${JSON.stringify(text.slice(0, 60))}`,
  )
}

function readDocument(text: string): unknown {
  const trimmed = text.trim()
  if (trimmed === '') throw new Error('empty output (expected calicoctl get ippool -o json)')
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) return JSON.parse(trimmed)
  return parseYaml(trimmed)
}

const str = (v: unknown, dflt: string): string => (typeof v === 'string' && v !== '' ? v : dflt)

function toPool(raw: unknown): IPPool {
  const o = (raw ?? {}) as Resource
  const name = o.metadata?.name
  const spec = o.spec ?? {}
  if (!name) throw new Error('an IPPool without metadata.name')
  if (typeof spec.cidr !== 'string') throw new Error(`IPPool ${name} has no spec.cidr`)
  return {
    name,
    cidr: spec.cidr,
    blockSize: typeof spec.blockSize === 'number' ? spec.blockSize : 26,
    ipipMode: str(spec.ipipMode, 'Never'),
    vxlanMode: str(spec.vxlanMode, 'Never'),
    // false booleans are omitted from calicoctl's output (omitempty).
    natOutgoing: spec.natOutgoing === true,
    disabled: spec.disabled === true,
    disableBGPExport: spec.disableBGPExport === true,
    nodeSelector: str(spec.nodeSelector, 'all()'),
    allowedUses: Array.isArray(spec.allowedUses) ? spec.allowedUses.map(String) : ['Workload', 'Tunnel'],
    assignmentMode: str(spec.assignmentMode, 'Automatic'),
  }
}
