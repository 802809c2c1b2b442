// The one reader of kubectl/calicoctl column tables, as printed or as pasted (indented, after a prompt line).

/** kubectl and calicoctl headers are upper-case words (`NAME`, `NOMINATED NODE`, `IPIPMODE`). */
const HEADER = /^[A-Z][A-Z0-9_()/-]*(\s+[A-Z][A-Z0-9_()/-]*)*$/

/**
 * Rows keyed by header. A cell starts where its header starts, so empty cells and headers with one
 * space (`NOMINATED NODE`) are read right; lines before the upper-case header (a prompt) are skipped.
 */
export function parseTable(text: string): Array<Record<string, string>> {
  const lines = text
    .replace(/\r/g, '')
    .split('\n')
    .filter((l) => l.trim() !== '')
  // A pasted table may follow its prompt line (`user@host lab4 % calicoctl get ippool -o wide`).
  const at = lines.findIndex((l) => HEADER.test(l.trim()))
  if (at > 0) lines.splice(0, at)
  const indent = Math.min(...lines.map((l) => l.length - l.trimStart().length))
  const [head, ...rows] = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0))
  if (head === undefined) return []
  const starts: Array<{ name: string; at: number }> = []
  // Columns are separated by two or more spaces; one space stays inside a header name.
  for (const m of head.matchAll(/\S+(?: \S+)*/g)) starts.push({ name: m[0], at: m.index })
  return rows.map((line) =>
    Object.fromEntries(
      starts.map((s, i) => [s.name, line.slice(s.at, starts[i + 1]?.at ?? line.length).trim()]),
    ),
  )
}
