// The thin shell of `pnpm review`: parse flags, find and read files, run the pure review, write what was asked.
import { mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { ExitCode, LabError } from '@lab4/core'
import { HELP, parseReviewArgs } from '../args.ts'
import { review } from '../review.ts'
import { renderText } from '../render/text.ts'
import { stringifyReviewJson } from '../render/json.ts'
import { toJunit } from '../render/junit.ts'
import { type ClassRow, gradebookCsv, gradebookHtml } from '../render/gradebook.ts'
import { locateReport, readReport } from './discover.ts'
import { progress } from './progress.ts'

export type Io = {
  readonly out: (s: string) => void
  readonly err: (s: string) => void
  /** stdout is a terminal (colours); stderr is a terminal (the progress bar). */
  readonly tty: { readonly out: boolean; readonly err: boolean }
  readonly cwd: string
  readonly now: () => Date
}

export function reviewMain(argv: readonly string[], io: Io): number {
  const args = parseReviewArgs(argv)
  if (args.mode === 'help') {
    io.out(HELP)
    return ExitCode.ok
  }
  const at = (p: string) => resolve(io.cwd, p)
  const shown = (p: string) => relative(io.cwd, p) || '.'
  if (args.mode === 'class') return classMain(at(args.dir), args.out ? at(args.out) : at(args.dir), io)
  const located = locateReport(at(args.path))
  const r = review(readReport(located))
  const color = args.color ?? io.tty.out
  const now = io.now()
  if (args.json === '-') io.out(stringifyReviewJson(r, { root: located.base, now }))
  else io.out(renderText(r, { color }))
  const save = (file: string, text: string, what: string) => {
    mkdirSync(dirname(at(file)), { recursive: true })
    writeFileSync(at(file), text)
    io.err(`review: ${what} written to ${shown(at(file))}\n`)
  }
  if (args.json && args.json !== '-')
    save(args.json, stringifyReviewJson(r, { root: located.base, now }), 'JSON')
  if (args.junit) save(args.junit, toJunit(r, now), 'JUnit XML')
  return r.exitCode
}

function classMain(dir: string, outDir: string, io: Io): number {
  let entries: string[]
  try {
    entries = readdirSync(dir)
      .filter((d) => !d.startsWith('.') && statSync(join(dir, d)).isDirectory())
      .sort((a, b) => a.localeCompare(b))
  } catch {
    throw new LabError(`cannot read the class folder ${dir}`, {
      hint: 'give a folder whose subfolders are student repos',
      exitCode: ExitCode.usage,
    })
  }
  if (entries.length === 0)
    throw new LabError(`no student folders in ${dir}`, {
      hint: 'each student repo is one subfolder of the class folder',
      exitCode: ExitCode.usage,
    })
  const bar = progress(io.err, io.tty.err)
  const rows: ClassRow[] = []
  entries.forEach((student, i) => {
    let row: ClassRow
    try {
      row = { student, review: review(readReport(locateReport(join(dir, student)))) }
    } catch (err) {
      row = { student, review: undefined, problem: err instanceof Error ? err.message : String(err) }
    }
    rows.push(row)
    const v = row.review
    bar.step(
      i + 1,
      entries.length,
      v
        ? `${student}: ${v.summary.errors} errors, ${v.summary.warnings} warnings`
        : `${student}: ${row.problem}`,
    )
  })
  bar.end()
  mkdirSync(outDir, { recursive: true })
  const csv = join(outDir, 'gradebook.csv')
  const html = join(outDir, 'gradebook.html')
  writeFileSync(csv, gradebookCsv(rows))
  writeFileSync(
    html,
    gradebookHtml(rows, { title: `Lab 4 gradebook: ${basename(dir)}`, generatedAt: io.now().toISOString() }),
  )
  const shown = (p: string) => relative(io.cwd, p) || '.'
  const clean = rows.filter((r) => r.review?.exitCode === 0).length
  const missing = rows.filter((r) => !r.review).length
  io.out(
    `review: ${rows.length} students: ${clean} without errors, ${rows.length - clean - missing} with errors, ${missing} without a report\n`,
  )
  io.out(`review: ${shown(csv)}\nreview: ${shown(html)}\n`)
  return ExitCode.ok
}
