// olekukonko/tablewriter v0.0.5 as calicoctl ipam show uses it: +--+ borders, centered headers, numbers right-aligned.

const isNumeric = (s: string) => /^[-+]?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(s)

export function asciiTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)))
  const border = `+${widths.map((w) => '-'.repeat(w + 2)).join('+')}+\n`
  const center = (s: string, w: number) => {
    const gap = w - s.length
    const left = Math.floor(gap / 2)
    return ' '.repeat(left) + s + ' '.repeat(gap - left)
  }
  const line = (cells: readonly string[], fmt: (s: string, w: number) => string) =>
    `|${cells.map((c, i) => ` ${fmt(c, widths[i] ?? 0)} `).join('|')}|\n`
  const cell = (s: string, w: number) => (isNumeric(s) ? s.padStart(w) : s.padEnd(w))
  return (
    border +
    line(
      headers.map((h) => h.toUpperCase()),
      center,
    ) +
    border +
    rows.map((r) => line(r, cell)).join('') +
    border
  )
}

/** Go's %.5g for the sizes calicoctl prints (65536, 256, 1.2089e+24). */
export function g5(n: number): string {
  const exp = n === 0 ? 0 : Math.floor(Math.log10(Math.abs(n)))
  if (exp < -4 || exp >= 5) {
    const [m = '0', e = '0'] = n.toExponential(4).split('e')
    const mant = m.replace(/\.?0+$/, '')
    const ev = Number(e)
    return `${mant}e${ev < 0 ? '-' : '+'}${String(Math.abs(ev)).padStart(2, '0')}`
  }
  return String(Number(n.toPrecision(5)))
}
