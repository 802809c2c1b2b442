// Kubernetes objects written as YAML, in the report's yaml blocks and in the manifest files beside it.
import { parseAllDocuments } from 'yaml'
import type { Line } from '../types.ts'

export type YamlDoc = {
  readonly file: string
  /** Line of the document's first line. */
  readonly line: number
  /** Line of its `kind:`, the line a finding about the object points at. */
  readonly kindLine: number
  readonly apiVersion: string
  readonly kind: string
  readonly name: string
  readonly obj: Record<string, unknown>
  /** From a yaml block in the report, or from a manifest file. */
  readonly source: 'report' | 'file'
}

/** Kubernetes objects in consecutive numbered lines; documents that do not parse or have no kind are skipped. */
export function yamlDocs(lines: readonly Line[], file: string, source: YamlDoc['source']): YamlDoc[] {
  if (lines.length === 0) return []
  const text = lines.map((l) => l.text).join('\n')
  const starts = lineStarts(text)
  const lineAt = (offset: number) => {
    let lo = 0
    while (lo + 1 < starts.length && (starts[lo + 1] as number) <= offset) lo += 1
    return (lines[lo] as Line).n
  }
  const out: YamlDoc[] = []
  let docs
  try {
    docs = parseAllDocuments(text, { uniqueKeys: false })
  } catch {
    return []
  }
  if (!Array.isArray(docs)) return []
  for (const d of docs) {
    if (d.errors.length > 0) continue
    const obj: unknown = d.toJS()
    if (!obj || typeof obj !== 'object' || Array.isArray(obj)) continue
    const o = obj as Record<string, unknown>
    if (typeof o.kind !== 'string') continue
    const begin = d.contents?.range?.[0] ?? 0
    const kindOffset = text.indexOf('kind:', begin)
    const meta = (o.metadata ?? {}) as { name?: unknown }
    out.push({
      file,
      line: lineAt(begin),
      kindLine: lineAt(kindOffset >= 0 ? kindOffset : begin),
      apiVersion: typeof o.apiVersion === 'string' ? o.apiVersion : '',
      kind: o.kind,
      name: typeof meta.name === 'string' ? meta.name.trim() : '',
      obj: o,
      source,
    })
  }
  return out
}

function lineStarts(text: string): number[] {
  const s = [0]
  for (let i = 0; i < text.length; i += 1) if (text[i] === '\n') s.push(i + 1)
  return s
}
