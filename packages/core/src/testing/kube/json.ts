// How kubectl prints `-o json`: unstructured maps re-marshalled, so keys come out sorted, 4-space indent, final newline.

/** Keys sorted at every level and undefined values dropped, as Go's map marshalling leaves them. */
export function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys)
  if (v !== null && typeof v === 'object') {
    return Object.fromEntries(
      Object.entries(v as Record<string, unknown>)
        .filter(([, x]) => x !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, x]) => [k, sortKeys(x)]),
    )
  }
  return v
}

/** One object the way `kubectl get <kind> <name> -o json` prints it. */
export const kubectlJson = (obj: unknown): string => `${JSON.stringify(sortKeys(obj), null, 4)}\n`

/** Many objects the way `kubectl get <kind> -o json` prints them: a `List`, even for one item or none. */
export const list = (items: readonly unknown[]): string =>
  kubectlJson({ apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } })

/**
 * API timestamps are RFC 3339 strings without milliseconds; client-node types them as Date, whose JSON
 * would carry `.000Z` and whose keys would vanish in sortKeys, so builders keep the string.
 */
export const time = (iso: string): Date => iso as unknown as Date

/** The moments every builder uses, taken from the countenum404 run (node created 01:29:05, labelled 01:29:07). */
export const TIMES = {
  node: '2025-01-14T01:29:05Z',
  node2: '2025-01-14T01:29:34Z',
  pod: '2025-01-14T01:30:00Z',
  started: '2025-01-14T01:30:04Z',
  ready: '2025-01-14T01:30:12Z',
  deleting: '2025-01-14T01:35:00Z',
} as const
