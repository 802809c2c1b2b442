import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixtureDir } from '../testing/fixtures.ts'
import { contentBox, decodePng, pngSize } from './png.ts'
import { cropOf } from './frame.ts'

const shot = readFileSync(
  join(fixtureDir('run-sim'), 'artifacts', 'screenshot-service-frontend-fhpdkrn68k-fg9sz.png'),
)

describe('decodePng and contentBox', () => {
  it("decodes Chromium's screenshot and finds the page's text in the top-left corner", () => {
    const p = decodePng(shot)
    expect({ width: p.width, height: p.height }).toEqual(pngSize(shot))
    expect(p.rgba.length).toBe(p.width * p.height * 4)
    const box = contentBox(p) ?? { x: NaN, y: NaN, width: NaN, height: NaN }
    expect(box.x).toBeLessThan(20)
    expect(box.height).toBeLessThan(p.height / 4)
    expect(box.width).toBeLessThan(p.width / 2)
  })
  it('crops to that box plus a margin, never narrower than the frame', () => {
    const c = cropOf(shot)
    expect(c.width).toBeGreaterThanOrEqual(520)
    expect(c.height).toBeLessThan(200)
  })
})
