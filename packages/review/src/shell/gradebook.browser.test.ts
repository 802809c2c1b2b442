// A real browser opens the gradebook and sorts it. Needs a Chrome/Chromium, found as @lab4/core's resolveBrowser finds it.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import puppeteer, { type Browser, type Page } from 'puppeteer'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BROWSER_ARGS, resolveBrowser } from '@lab4/core'
import { reviewMain } from './main.ts'
import { writeClass } from '../testing/class.ts'

const tmp = mkdtempSync(join(tmpdir(), 'lab4-gradebook-'))
let browser: Browser
let page: Page
const requests: string[] = []

beforeAll(async () => {
  writeClass(join(tmp, 'class'), 30)
  reviewMain(['--class', 'class'], {
    out: () => undefined,
    err: () => undefined,
    tty: { out: false, err: false },
    cwd: tmp,
    now: () => new Date(),
  })
  browser = await puppeteer.launch({ executablePath: resolveBrowser().path, args: [...BROWSER_ARGS] })
  page = await browser.newPage()
  page.on('request', (r) => requests.push(r.url()))
  await page.goto(pathToFileURL(join(tmp, 'class', 'gradebook.html')).href, { waitUntil: 'load' })
})

afterAll(async () => {
  await browser?.close()
  rmSync(tmp, { recursive: true, force: true })
})

const column = (col: number) =>
  page.$$eval(
    '#gradebook tbody tr',
    (rows, c) => rows.map((r) => (r as HTMLTableRowElement).cells[c]?.dataset.sort ?? ''),
    col,
  )
const click = (label: string) =>
  page.$$eval(
    '#gradebook thead th',
    (ths, l) =>
      (ths.find((th) => th.textContent?.trim() === l)?.querySelector('button') as HTMLButtonElement).click(),
    label,
  )
const sortState = (label: string) =>
  page.$$eval(
    '#gradebook thead th',
    (ths, l) => ths.find((th) => th.textContent?.trim() === l)?.getAttribute('aria-sort'),
    label,
  )

describe('gradebook.html in Chromium', () => {
  it('shows one row per student, by name, and loads nothing but the file itself', async () => {
    const names = await column(0)
    expect(names).toHaveLength(30)
    expect(names).toEqual([...names].sort())
    expect(requests.filter((u) => !u.startsWith('file:'))).toEqual([])
  })

  it('sorts by errors: ascending on the first click, descending on the second', async () => {
    await click('errors')
    expect(await sortState('errors')).toBe('ascending')
    const up = (await column(1)).map(Number)
    expect(up).toEqual([...up].sort((a, b) => a - b))
    expect(new Set(up).size).toBeGreaterThan(2) // the class really differs, so the order is not trivial
    await click('errors')
    expect(await sortState('errors')).toBe('descending')
    const down = (await column(1)).map(Number)
    expect(down).toEqual([...down].sort((a, b) => b - a))
    expect(await sortState('student')).toBe('none')
  })

  it("sorts an item column problems first, and a cell opens that student's findings for the item", async () => {
    await click('10')
    const ranks = (await column(14)).map(Number) // student, errors, warnings, notes, header, items 1–10
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b))
    const href = await page.$eval('#gradebook tbody tr td.v.problem a', (a) =>
      (a as HTMLAnchorElement).getAttribute('href'),
    )
    await page.click('#gradebook tbody tr td.v.problem a')
    expect(await page.evaluate(() => location.hash)).toBe(href)
    const target = await page.$eval(':target', (el) => el.textContent ?? '')
    expect(target).toMatch(/^item \d+: .+problem/)
  })
})
