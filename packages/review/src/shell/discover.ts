// Effects: find the report in a file, a repo or a lab folder, and read it with the .yaml manifests beside it.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { ExitCode, LabError } from '@lab4/core'
import type { ReviewInput } from '../types.ts'

const LAB_DIR = /^lab[\s_-]?0?4$/i
const SKIP_DIR = /^(\.|node_modules$|vendor$)/
/** Manifests sit beside the report or a few folders below it (`k8s/`, `manifests/calico/`). */
const MANIFEST_DEPTH = 3
const MAX_FILE = 1_000_000

const mdFiles = (dir: string) =>
  readdirSync(dir).filter((f) => /\.md$/i.test(f) && statSync(join(dir, f)).isFile())

/** The report in a lab folder: `lab4_report.md`-like first, then any `*report*.md`, then README.md, then a lone .md. */
function reportIn(dir: string): string | undefined {
  const md = mdFiles(dir).sort()
  const pick =
    md.find((f) => /lab[_ -]?0?4.*report|report.*lab[_ -]?0?4/i.test(f)) ??
    md.find((f) => /report|отч[её]т/i.test(f)) ??
    md.find((f) => /^readme\.md$/i.test(f)) ??
    (md.length === 1 ? md[0] : undefined)
  return pick ? join(dir, pick) : undefined
}

export type Located = { readonly base: string; readonly report: string }

/** Where the report is: `path` itself, `path/lab4/…md`, a lab4 report in `path`, or `path/README.md`. */
export function locateReport(path: string): Located {
  const abs = resolve(path)
  if (!existsSync(abs))
    throw new LabError(`no such file or folder: ${path}`, {
      hint: 'give a report (.md) or a folder that holds lab4/…md',
      exitCode: ExitCode.usage,
    })
  if (statSync(abs).isFile()) return { base: dirname(abs), report: abs }
  const labDirs = readdirSync(abs)
    .filter((d) => LAB_DIR.test(d) && statSync(join(abs, d)).isDirectory())
    .sort()
  for (const d of labDirs) {
    const r = reportIn(join(abs, d))
    if (r) return { base: abs, report: r }
  }
  const own = mdFiles(abs).find((f) => /lab[_ -]?0?4/i.test(f))
  if (own) return { base: abs, report: join(abs, own) }
  const inLabDir = LAB_DIR.test(basename(abs)) ? reportIn(abs) : undefined
  if (inLabDir) return { base: abs, report: inLabDir }
  const readme = mdFiles(abs).find((f) => /^readme\.md$/i.test(f))
  if (readme) return { base: abs, report: join(abs, readme) }
  throw new LabError(`no Lab 4 report in ${path}`, {
    hint: 'expected lab4/lab4_report.md (or another .md in a lab4 folder), a lab4*.md, or README.md; or name the file',
    exitCode: ExitCode.usage,
  })
}

function manifestFiles(dir: string, depth = 0): string[] {
  if (depth > MANIFEST_DEPTH) return []
  const out: string[] = []
  for (const name of readdirSync(dir).sort()) {
    const p = join(dir, name)
    let st
    try {
      st = statSync(p)
    } catch {
      continue
    }
    if (st.isDirectory() && !SKIP_DIR.test(name)) out.push(...manifestFiles(p, depth + 1))
    else if (st.isFile() && /\.ya?ml$/i.test(name) && st.size <= MAX_FILE) out.push(p)
  }
  return out
}

/** The review input: the report and every manifest beside it, named relative to `base`. */
export function readReport(located: Located): ReviewInput {
  const rel = (p: string) => relative(located.base, p) || basename(p)
  return {
    file: rel(located.report),
    text: readFileSync(located.report, 'utf8'),
    manifests: manifestFiles(dirname(located.report)).map((p) => ({
      file: rel(p),
      text: readFileSync(p, 'utf8'),
    })),
  }
}
