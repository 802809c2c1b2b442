// pnpm report [--run <dir>] [--lang ru|en] [--no-pdf]: write report/lab4_report.{md,pdf} and report/images/ from a run record.
import { parseArgs } from 'node:util'
import { isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ExitCode, LabError, runMain } from '@lab4/core'
import { LANGS, writeReport, type Lang } from '@lab4/report'

const root = fileURLToPath(new URL('../', import.meta.url))
const USAGE = 'usage: pnpm report [--run <dir>] [--lang ru|en] [--no-pdf]'

async function main(): Promise<number> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        run: { type: 'string' },
        lang: { type: 'string' },
        'no-pdf': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }))
  } catch (err) {
    throw new LabError(err instanceof Error ? err.message : String(err), {
      hint: USAGE,
      exitCode: ExitCode.usage,
    })
  }
  if (values.help) {
    console.log(USAGE)
    return ExitCode.ok
  }
  if (values.lang !== undefined && !LANGS.includes(values.lang as Lang)) {
    throw new LabError(`--lang ${values.lang} is not supported`, {
      hint: `Use one of: ${LANGS.join(', ')}.`,
      exitCode: ExitCode.usage,
    })
  }
  // turbo runs this from packages/report; a relative --run means relative to where the user typed the command.
  const base = process.env.INIT_CWD ?? root
  const runDir = values.run
    ? isAbsolute(values.run)
      ? values.run
      : resolve(base, values.run)
    : join(root, 'report', 'runs', 'latest')
  const outDir = join(root, 'report')
  const { model, timings } = await writeReport({
    runDir,
    outDir,
    lang: values.lang as Lang | undefined,
    pdf: !values['no-pdf'],
    log: (l) => console.log(`report: ${l}`),
  })
  console.log(`report: run ${model.run.id}${model.simulated ? ' (SIMULATED)' : ''}: ${model.summary.line}`)
  console.log(
    `report: ${relative(process.cwd(), join(outDir, 'lab4_report.md'))} in ${Math.round(Object.values(timings).reduce((a, b) => a + b, 0))} ms`,
  )
  // Findings are the report's content, not a failure of `pnpm report`.
  return ExitCode.ok
}

// runMain maps LabError to its exit code (usage 2), a signal to 130, anything else to an internal error.
runMain(() => main())
