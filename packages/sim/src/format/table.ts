// Go text/tabwriter as kubectl (minwidth 6, padding 3) and calicoctl (minwidth 5, padding 3, every cell tab-terminated) use it.

export type TabOptions = {
  minWidth: number
  padding: number
  /** The last cell is tab-terminated too, so it is padded (trailing spaces). */ padLast: boolean
}

export const KUBECTL_TABS: TabOptions = { minWidth: 6, padding: 3, padLast: false }
export const CALICOCTL_TABS: TabOptions = { minWidth: 5, padding: 3, padLast: true }

export function tabwrite(rows: readonly (readonly string[])[], o: TabOptions = KUBECTL_TABS): string {
  const cols = Math.max(0, ...rows.map((r) => r.length))
  const widths = Array.from({ length: cols }, (_, i) =>
    Math.max(o.minWidth, ...rows.map((r) => width(r[i] ?? '') + o.padding)),
  )
  return rows
    .map((r) =>
      r
        .map((cell, i) =>
          i === r.length - 1 && !o.padLast
            ? cell
            : cell + ' '.repeat(Math.max(0, (widths[i] ?? 0) - width(cell))),
        )
        .join(''),
    )
    .map((line) => `${line}\n`)
    .join('')
}

/** Display width in runes, as tabwriter counts them. */
const width = (s: string): number => [...s].length

/** apimachinery's HumanDuration, the AGE column. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000)
  if (seconds < -1) return '<invalid>'
  if (seconds < 0) return '0s'
  if (seconds < 120) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 10) return seconds % 60 === 0 ? `${minutes}m` : `${minutes}m${seconds % 60}s`
  if (minutes < 180) return `${minutes}m`
  const hours = Math.floor(minutes / 60)
  if (hours < 8) return minutes % 60 === 0 ? `${hours}h` : `${hours}h${minutes % 60}m`
  if (hours < 48) return `${hours}h`
  if (hours < 24 * 8)
    return hours % 24 === 0 ? `${Math.floor(hours / 24)}d` : `${Math.floor(hours / 24)}d${hours % 24}h`
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24)}d`
  return `${Math.floor(hours / 24 / 365)}y`
}

/** RFC 3339 with second precision, as the API server writes timestamps. */
export const stamp = (ms: number): string =>
  new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
