// PNG reading without a PNG library: the size from IHDR, and the pixels (8-bit, non-interlaced) for cropping and tests.
import { inflateSync } from 'node:zlib'

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

export function pngSize(bytes: Buffer): { width: number; height: number } {
  if (
    bytes.length < 24 ||
    !bytes.subarray(0, 8).equals(SIGNATURE) ||
    bytes.toString('latin1', 12, 16) !== 'IHDR'
  ) {
    throw new Error('not a PNG (bad signature or no IHDR chunk first)')
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

/** Decoded pixels as RGBA, 4 bytes per pixel, row after row. */
export type Pixels = { width: number; height: number; rgba: Uint8Array }

/** Channels per colour type: grey, RGB, palette, grey+alpha, RGBA. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 }

export function decodePng(bytes: Buffer): Pixels {
  const { width, height } = pngSize(bytes)
  const depth = bytes[24]
  const type = bytes[25] ?? -1
  const interlace = bytes[28]
  const channels = CHANNELS[type]
  if (depth !== 8 || channels === undefined || interlace !== 0)
    throw new Error(
      `PNG of bit depth ${depth}, colour type ${type}, interlace ${interlace}: only 8-bit, non-interlaced`,
    )
  const idat: Buffer[] = []
  let palette: Buffer | undefined
  for (let at = 8; at < bytes.length;) {
    const len = bytes.readUInt32BE(at)
    const kind = bytes.toString('latin1', at + 4, at + 8)
    const data = bytes.subarray(at + 8, at + 8 + len)
    if (kind === 'IDAT') idat.push(data)
    if (kind === 'PLTE') palette = data
    at += 12 + len
  }
  const raw = inflateSync(Buffer.concat(idat))
  const stride = width * channels
  const cur = new Uint8Array(stride)
  const prev = new Uint8Array(stride)
  const rgba = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? (cur[i - channels] ?? 0) : 0
      const b = prev[i] ?? 0
      const c = i >= channels ? (prev[i - channels] ?? 0) : 0
      const x = line[i] ?? 0
      const p = a + b - c
      const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)]
      const paeth = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
      const v =
        filter === 1
          ? x + a
          : filter === 2
            ? x + b
            : filter === 3
              ? x + ((a + b) >> 1)
              : filter === 4
                ? x + paeth
                : x
      cur[i] = v & 0xff
    }
    for (let px = 0; px < width; px++) {
      const o = (y * width + px) * 4
      const s = px * channels
      if (type === 3) {
        const k = (cur[s] ?? 0) * 3
        rgba.set([palette?.[k] ?? 0, palette?.[k + 1] ?? 0, palette?.[k + 2] ?? 0, 255], o)
      } else if (channels <= 2) {
        const g = cur[s] ?? 0
        rgba.set([g, g, g, channels === 2 ? (cur[s + 1] ?? 255) : 255], o)
      } else
        rgba.set(
          [cur[s] ?? 0, cur[s + 1] ?? 0, cur[s + 2] ?? 0, channels === 4 ? (cur[s + 3] ?? 255) : 255],
          o,
        )
    }
    prev.set(cur)
  }
  return { width, height, rgba }
}

export type Box = { x: number; y: number; width: number; height: number }

/** The smallest box holding every pixel that differs from the top-left one (the page background). */
export function contentBox(p: Pixels, tolerance = 8): Box | undefined {
  const bg = [p.rgba[0] ?? 255, p.rgba[1] ?? 255, p.rgba[2] ?? 255]
  let [x0, y0, x1, y1] = [p.width, p.height, -1, -1]
  for (let y = 0; y < p.height; y++)
    for (let x = 0; x < p.width; x++) {
      const o = (y * p.width + x) * 4
      const differs = [0, 1, 2].some((c) => Math.abs((p.rgba[o + c] ?? 0) - (bg[c] ?? 0)) > tolerance)
      if (!differs) continue
      if (x < x0) x0 = x
      if (x > x1) x1 = x
      if (y < y0) y0 = y
      if (y > y1) y1 = y
    }
  return x1 < 0 ? undefined : { x: x0, y: y0, width: x1 - x0 + 1, height: y1 - y0 + 1 }
}
