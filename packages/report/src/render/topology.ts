// topologySvg: the "containers and services" diagram the course asks for, drawn from the run record.
import { escapeHtml as esc } from './ansi.ts'
import type { ReportModel } from '../model/model.ts'
import { STRINGS, type Lang, type Strings } from './i18n/strings.ts'
import { BAND_COLOR, BAND_HEIGHT } from './terminal.ts'

const W = 1000
const PAD = 20
const GAP = 30
const POD_H = 38
const COLORS = { PASS: '#2e7d32', FAIL: '#c62828', 'NOT-GRADABLE': '#ef6c00', none: '#757575' } as const

type Box = { x: number; y: number; w: number; h: number }
type Column = {
  title: string
  subtitle: string[]
  nodes: Array<{ name: string; caption: string; labels: string; pods: ReportModel['pods'] }>
}

function columns(m: ReportModel, t: Strings['topology']): Column[] {
  const cols: Column[] = m.zones.map((z) => ({
    title: `${m.lab.labelKey}=${z.zone}`,
    subtitle: z.pools.length ? z.pools.map((p) => `${t.pool} ${p.name} ${p.cidr}`) : [t.noPool],
    nodes: z.nodes.map((n) => ({
      name: n.name,
      caption: `${n.controlPlane ? t.controlPlane : t.worker}${n.ip ? ` · ${n.ip}` : ''}`,
      labels: `${m.lab.labelKey}=${z.zone}`,
      pods: m.pods.filter((p) => p.node === n.name),
    })),
  }))
  const loose = m.nodes.filter((n) => n.zone === undefined)
  if (loose.length)
    cols.push({
      title: t.noLabel(m.lab.labelKey),
      subtitle: [],
      nodes: loose.map((n) => ({
        name: n.name,
        caption: n.controlPlane ? t.controlPlane : t.worker,
        labels: '',
        pods: m.pods.filter((p) => p.node === n.name),
      })),
    })
  return cols
}

const text = (
  x: number,
  y: number,
  s: string,
  o: { size?: number; weight?: string; fill?: string; anchor?: string; mono?: boolean } = {},
) =>
  `<text x="${x}" y="${y}" font-size="${o.size ?? 12}"${o.weight ? ` font-weight="${o.weight}"` : ''} fill="${o.fill ?? '#212121'}"${o.anchor ? ` text-anchor="${o.anchor}"` : ''}${o.mono ? ` font-family="DejaVu Sans Mono, monospace"` : ''}>${esc(s)}</text>`
const rect = (
  b: Box,
  fill: string,
  stroke: string,
  o: { rx?: number; dash?: boolean; width?: number } = {},
) =>
  `<rect x="${b.x}" y="${b.y}" width="${b.w}" height="${b.h}" rx="${o.rx ?? 6}" fill="${fill}" stroke="${stroke}" stroke-width="${o.width ?? 1.5}"${o.dash ? ' stroke-dasharray="6 4"' : ''}/>`

/** Pure: the same model gives the same bytes. A simulated run gets the SIMULATED band drawn at the top. */
export function topologySvg(m: ReportModel, lang: Lang = 'ru'): string {
  const s = STRINGS[lang]
  const t = s.topology
  const cols = columns(m, t)
  const n = Math.max(1, cols.length)
  const colW = Math.floor((W - 2 * PAD - (n - 1) * GAP) / n)
  const out: string[] = []
  const podBox = new Map<string, Box>()
  let bottom = PAD
  cols.forEach((c, i) => {
    const x = PAD + i * (colW + GAP)
    let y = PAD + 26 + c.subtitle.length * 16 + 8
    const inner: string[] = []
    for (const node of c.nodes) {
      const h = 52 + Math.max(1, node.pods.length) * (POD_H + 8)
      inner.push(rect({ x: x + 12, y, w: colW - 24, h }, '#ffffff', '#546e7a'))
      inner.push(text(x + 24, y + 20, `${t.node} ${node.name}`, { weight: 'bold', size: 13 }))
      inner.push(
        text(x + 24, y + 36, `${node.caption}${node.labels ? ` · ${node.labels}` : ''}`, {
          size: 11,
          fill: '#455a64',
        }),
      )
      let py = y + 46
      if (node.pods.length === 0) inner.push(text(x + 24, py + 22, t.noPods, { size: 11, fill: '#9e9e9e' }))
      for (const p of node.pods) {
        const b = { x: x + 24, y: py, w: colW - 48, h: POD_H }
        podBox.set(p.name, b)
        const app = p.kind === 'app'
        inner.push(
          rect(b, app ? '#e3f2fd' : '#f3e5f5', p.inPool ? (app ? '#1565c0' : '#6a1b9a') : COLORS.FAIL, {
            rx: 4,
            width: p.inPool ? 1.2 : 2,
          }),
        )
        inner.push(text(b.x + 10, b.y + 16, `${app ? 'pod' : 'CoreDNS'} ${p.name}`, { size: 12 }))
        inner.push(
          text(
            b.x + 10,
            b.y + 31,
            `${p.ip ?? t.noIp}${p.pool ? ` ∈ ${p.pool}` : t.outsidePools}${p.inPool ? '' : ' ✗'}`,
            { size: 11, mono: true, fill: p.inPool ? '#37474f' : COLORS.FAIL },
          ),
        )
        py += POD_H + 8
      }
      y += h + 12
    }
    out.push(rect({ x, y: PAD, w: colW, h: y - PAD }, '#fafafa', '#90a4ae', { rx: 10, dash: true }))
    out.push(text(x + 14, PAD + 22, c.title, { weight: 'bold', size: 15 }))
    c.subtitle.forEach((s, k) =>
      out.push(text(x + 14, PAD + 40 + k * 16, s, { size: 12, mono: true, fill: '#37474f' })),
    )
    out.push(...inner)
    bottom = Math.max(bottom, y)
  })

  // Service with lines to its endpoints.
  const svc = m.service
  const svcBox = { x: W / 2 - 170, y: bottom + 40, w: 340, h: 46 }
  out.push(rect(svcBox, '#fff8e1', '#f9a825'))
  out.push(
    text(W / 2, svcBox.y + 19, `${t.service} ${svc.name} (${svc.type})`, {
      anchor: 'middle',
      weight: 'bold',
    }),
  )
  out.push(
    text(
      W / 2,
      svcBox.y + 36,
      `${svc.clusterIP ?? t.noClusterIp}:${svc.port} → ${t.endpoints(svc.endpoints.length)}`,
      { anchor: 'middle', size: 11, mono: true },
    ),
  )
  const ends = svc.endpoints.length
    ? svc.endpoints.map((e) => e.pod ?? '')
    : m.pods.filter((p) => p.kind === 'app').map((p) => p.name)
  for (const name of ends) {
    const b = podBox.get(name)
    if (b)
      out.push(
        `<line x1="${W / 2}" y1="${svcBox.y}" x2="${b.x + b.w / 2}" y2="${b.y + b.h}" stroke="#f9a825" stroke-width="1.2" stroke-dasharray="4 3"/>`,
      )
  }

  // Ping paths, one curve per tested neighbour name (endpoint names first; pod names when no endpoint ping was recorded).
  const kind = m.ping.some((r) => r.kind === 'endpoint') ? 'endpoint' : 'pod'
  const byIp = new Map(m.pods.filter((p) => p.ip).map((p) => [p.ip, p.name]))
  const paths = m.ping.filter((r) => r.kind === kind)
  paths.forEach((r, k) => {
    const from = podBox.get(r.from)
    // An unresolved name still says whom it meant: `10-244-1-67.svc…` names 10.244.1.67.
    const ip = r.resolved ?? /^(\d+)-(\d+)-(\d+)-(\d+)\./.exec(r.target)?.slice(1).join('.')
    const toName = ip ? byIp.get(ip) : undefined
    const to = toName ? podBox.get(toName) : undefined
    if (!from || !to) return
    const color =
      COLORS[r.verdict ?? (r.outcome === 'replies' ? 'PASS' : r.outcome === 'no-output' ? 'none' : 'FAIL')]
    const y1 = from.y + 10 + (k % 2) * 18
    const y2 = to.y + 10 + (k % 2) * 18
    const x1 = from.x < to.x ? from.x + from.w : from.x
    const x2 = from.x < to.x ? to.x : to.x + to.w
    const bend = 40 + k * 14
    out.push(
      `<path d="M${x1} ${y1} C${x1 + (x2 > x1 ? bend : -bend)} ${y1 - bend}, ${x2 - (x2 > x1 ? bend : -bend)} ${y2 - bend}, ${x2} ${y2}" fill="none" stroke="${color}" stroke-width="2" marker-end="url(#arrow-${color.slice(1)})"/>`,
    )
  })

  const legendY = svcBox.y + svcBox.h + 34
  const legend = [
    [t.legend[0], COLORS.PASS],
    [t.legend[1], COLORS.FAIL],
    [t.legend[2], COLORS['NOT-GRADABLE']],
    [t.legend[3], '#f9a825'],
  ] as const
  legend.forEach(([label, color], k) => {
    const x = PAD + k * 240
    out.push(
      `<line x1="${x}" y1="${legendY}" x2="${x + 28}" y2="${legendY}" stroke="${color}" stroke-width="2"${k === 3 ? ' stroke-dasharray="4 3"' : ''}/>`,
    )
    out.push(text(x + 36, legendY + 4, label, { size: 11 }))
  })
  const H = legendY + 24
  const markers = Object.values(COLORS)
    .map(
      (c) =>
        `<marker id="arrow-${c.slice(1)}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="${c}"/></marker>`,
    )
    .join('')
  const band = m.simulated ? BAND_HEIGHT : 0
  const mark = m.simulated
    ? `<g id="simulated-mark"><rect width="${W}" height="${BAND_HEIGHT}" fill="${BAND_COLOR}"/>${text(W / 2, 19, s.simulated, { anchor: 'middle', weight: 'bold', size: 14, fill: '#ffffff' })}</g>\n`
    : ''
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H + band}" viewBox="0 0 ${W} ${H + band}" font-family="DejaVu Sans, Arial, sans-serif">\n<defs>${markers}</defs>\n<rect width="${W}" height="${H + band}" fill="#ffffff"/>\n${mark}<g transform="translate(0 ${band})">\n${out.join('\n')}\n</g>\n</svg>\n`
}
