// A page screenshot inside a drawn browser frame: the URL the port-forward served above it, the pod it showed below.
import { escapeHtml } from './ansi.ts'
import { bandHtml, page } from './terminal.ts'
import { contentBox, decodePng, pngSize } from './png.ts'
import type { ShotText } from './i18n/strings.ts'

/** Room kept around the page's content when the screenshot is cropped, in pixels. */
const MARGIN = 16
const MIN_WIDTH = 520

/** The part of a screenshot that holds the page's content (plus a margin), never narrower than the frame's URL bar. */
export function cropOf(png: Buffer): { x: number; y: number; width: number; height: number } {
  const size = pngSize(png)
  const box = contentBox(decodePng(png)) ?? { x: 0, y: 0, width: size.width, height: size.height }
  const x = Math.max(0, box.x - MARGIN)
  const y = Math.max(0, box.y - MARGIN)
  const width = Math.min(size.width - x, Math.max(MIN_WIDTH, box.width + 2 * MARGIN))
  const height = Math.min(size.height - y, box.height + 2 * MARGIN)
  return { x, y, width, height }
}

export function frameHtml(
  png: Buffer,
  t: ShotText & { status: string },
  simulated: string | undefined,
): string {
  const c = cropOf(png)
  const src = `data:image/png;base64,${png.toString('base64')}`
  return page(
    `<div class="shot">${bandHtml(simulated)}<div class="chrome"><span class="dot r"></span><span class="dot y"></span><span class="dot g"></span><span class="url">${escapeHtml(t.url)}</span></div><div class="view"><div class="crop" style="width:${c.width}px;height:${c.height}px"><img src="${src}" style="margin-left:-${c.x}px;margin-top:-${c.y}px" alt=""></div></div><div class="status">${escapeHtml(t.status)}</div></div>`,
  )
}
