// A test program, not a helper: a one-step lab whose step starts a long child; engine.test.ts sends SIGINT mid-step.
import { writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { runMain } from '../../main.ts'
import { runSteps } from '../../engine.ts'
import { plainReporter } from '../../progress.ts'
import { parseConfig, hashConfig } from '../../config/load.ts'
import { defineStep } from '../../step.ts'

const [runsDir, pidFile] = process.argv.slice(2) as [string, string]
const { config } = parseConfig('{}', 'lab.config.yaml')
const sleeper = `require('fs').writeFileSync(${JSON.stringify(pidFile)}, String(process.pid)); setInterval(() => {}, 1000)`

runMain(async (signal) => {
  const r = await runSteps({
    steps: [
      defineStep({
        id: 'test.long',
        pkg: 'cluster',
        title: 'a step that waits on a long child',
        labItems: [1],
        plan: () => [],
        run: async (ctx) => {
          await ctx.run({
            argv: [process.execPath, '-e', 'process.stdout.write("before\\n")'],
            key: 'test.before',
          })
          writeFileSync(join(runsDir, 'started'), 'yes')
          await ctx.run({ argv: [process.execPath, '-e', sleeper], key: 'test.sleep' })
          return 'changed'
        },
        collect: async () => undefined,
        checks: [],
      }),
    ],
    config,
    configFile: 'lab.config.yaml',
    configHash: hashConfig(config),
    root: runsDir,
    runsDir,
    reporter: plainReporter(() => undefined),
    signal,
  })
  return r.exitCode
})
