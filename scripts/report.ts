// pnpm report [--run <dir>] [--lang ru|en] [--out <dir>] [--no-pdf]: write lab4_report.{md,pdf}, images/ and manifests/ from a run record.
// `pnpm report` runs this file; for a record in report/runs/ it hands the work to turbo's cached `report` task
// (report-turbo.ts), which runs this file again inside the task to do the writing.
import { existsSync, realpathSync } from 'node:fs'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  ExitCode,
  endLeftovers,
  flagError,
  formatLeftovers,
  lockDir,
  parseCommandLine,
  runMain,
  type CliSpec,
  type FlagSpec,
} from '@lab4/core'
import { LANGS, reportMd, reportPdf, writeReport, type Lang } from '@lab4/report'
import { RUNS_DIR } from './paths.ts'
import { reportViaTurbo, turboCanServe } from './report-turbo.ts'

const root = fileURLToPath(new URL('../', import.meta.url))
const REPORT_CLI = {
  command: 'pnpm report',
  synopsis: 'pnpm report [--run <dir>] [--lang ru|en] [--out <dir>] [--no-pdf]',
  flags: {
    run: { type: 'string', value: '<dir>' },
    out: { type: 'string', value: '<dir>' },
    lang: { type: 'string', value: 'ru|en' },
    'no-pdf': { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  },
} as const satisfies CliSpec<Readonly<Record<string, FlagSpec>>>

const HELP = `Usage: ${REPORT_CLI.synopsis}

Writes report/lab4_report.md, report/lab4_report.pdf and report/images/ from a run record; needs no cluster.

  --run <dir>      a run directory (that run alone) or a directory of runs (default report/runs: the
                   lab record, every run against this cluster composed)
  --lang ru|en     the report's language (default: report.lang in the run's config); English is written
                   as lab4_report.en.md / .pdf beside the Russian files, never over them
  --out <dir>      write the folder to commit as lab4/ in your course repo (lab4_report.md, images/,
                   manifests/*.yaml, the PDF) into <dir> instead of report/
  --no-pdf         write the markdown and images only
  -h, --help       this text

The same record, templates and config give the same report: turbo then restores it from its cache.
`

async function main(): Promise<number> {
  const { values } = parseCommandLine(REPORT_CLI, process.argv.slice(2))
  if (values.help) {
    process.stdout.write(HELP)
    return ExitCode.ok
  }
  if (values.lang !== undefined && !LANGS.includes(values.lang as Lang))
    throw flagError(REPORT_CLI, `--lang ${values.lang} is not supported: use ${LANGS.join(' or ')}`)
  // A killed `pnpm lab` may still hold port 3000 and a browser: end them (the report itself needs neither).
  for (const l of await endLeftovers(lockDir(RUNS_DIR))) console.log(`report: note: ${formatLeftovers(l)}`)
  // turbo runs this from packages/report; a relative --run means relative to where the user typed the command.
  const base = process.env.INIT_CWD ?? root
  const runDir = values.run ? (isAbsolute(values.run) ? values.run : resolve(base, values.run)) : RUNS_DIR
  // turbo's cache restores only report/: a folder elsewhere is always written afresh.
  // turbo hashes report/runs/ as files: a symlink there to a run elsewhere is a run elsewhere (never cached).
  const real = existsSync(runDir) ? realpathSync(runDir) : runDir
  if (values.out === undefined && turboCanServe(real))
    return reportViaTurbo([
      ...(values.run ? ['--run', runDir] : []),
      ...(values.lang ? ['--lang', values.lang] : []),
      ...(values['no-pdf'] ? ['--no-pdf'] : []),
    ])
  const outDir = values.out === undefined ? join(root, 'report') : resolve(base, values.out)
  const { model, timings, lang, pages } = await writeReport({
    runDir,
    outDir,
    lang: values.lang as Lang | undefined,
    pdf: !values['no-pdf'],
    log: (l) => console.log(`report: ${l}`),
  })
  console.log(`report: run ${model.run.id}${model.simulated ? ' (SIMULATED)' : ''}: ${model.summary.line}`)
  for (const p of model.placeholders)
    console.log(
      `report: warning: ${p.path} is still the default "${p.value}"; set it in lab.config.yaml (student.${p.field})`,
    )
  if (pages !== undefined) console.log(`report: ${reportPdf(lang)}: ${pages} pages`)
  console.log(
    `report: ${fromRoot(join(outDir, reportMd(lang)))} in ${Math.round(Object.values(timings).reduce((a, b) => a + b, 0))} ms`,
  )
  // Findings are the report's content, not a failure of `pnpm report`; a lab that did not finish is.
  const b = model.banner
  if (b) {
    console.error(
      `report: the last run ${b.runId} ${b.outcome === 'interrupted' ? 'was interrupted' : 'did not finish'}${b.step ? ` at step ${b.step}` : ''}${b.error[0] ? `: ${b.error[0]}` : ''}; the report says so first (exit 1)`,
    )
    return ExitCode.checkFailed
  }
  return ExitCode.ok
}

// Paths inside the repo print from its root (the turbo task runs in packages/report); others stay absolute.
const fromRoot = (p: string) => (relative(root, p).startsWith('..') ? p : relative(root, p))

// runMain maps LabError to its exit code (usage 2), a signal to 130, anything else to an internal error.
runMain(() => main())
