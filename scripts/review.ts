// pnpm review <report.md|dir> | --class <dir>: check hand-made Lab 4 write-ups for the known mistakes (docs/review.md).
import { runMain } from '@lab4/core'
import { reviewMain } from '@lab4/review'

runMain(async () =>
  reviewMain(process.argv.slice(2), {
    out: (s) => process.stdout.write(s),
    err: (s) => process.stderr.write(s),
    tty: {
      out: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR && !process.env.CI,
      err: Boolean(process.stderr.isTTY) && !process.env.CI,
    },
    cwd: process.env.INIT_CWD ?? process.cwd(),
    now: () => new Date(),
  }),
)
