// Read a PNG's size from its IHDR chunk (no image library needed).
export function pngSize(buf: Buffer): { width: number; height: number } {
  const sig = buf.subarray(0, 8).toString('hex')
  if (sig !== '89504e470d0a1a0a') throw new Error(`not a PNG (signature ${sig})`)
  if (buf.subarray(12, 16).toString('ascii') !== 'IHDR') throw new Error('PNG without IHDR')
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) }
}
