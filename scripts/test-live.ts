// pnpm test:live: the whole lab on a real minikube (lab → verify with JUnit → report), or one SKIPPED line.
//  1. minikube on PATH and `docker info` answering, else print why and exit 0
//  2. run each stage with the same pnpm that started us, streaming its output; stop at the first failure
import { ExitCode, firstLine, formatArgv, runMain, startProcess, which, zxRunner } from '@lab4/core'
import { liveSkipReason, liveStages } from '@lab4/verify'
import { ROOT } from './paths.ts'

async function main(signal: AbortSignal): Promise<number> {
  const docker = which('docker')
    ? await zxRunner()({ argv: ['docker', 'info', '--format', '{{.ServerVersion}}'], timeoutMs: 60_000 })
    : undefined
  const reason = liveSkipReason({
    minikube: which('minikube') !== undefined,
    docker: {
      ok: docker?.exitCode === 0,
      detail: docker ? firstLine(docker.stderr) : 'docker is not on PATH',
    },
  })
  if (reason) {
    process.stdout.write(`test:live: SKIPPED — ${reason}\n`)
    return ExitCode.ok
  }
  for (const stage of liveStages()) {
    const argv = pnpm(stage.script)
    process.stdout.write(`\ntest:live: ${stage.name}: ${formatArgv(argv)}\n`)
    const child = startProcess({ argv, signal }, { cwd: ROOT })
    child.onStdout((chunk) => process.stdout.write(chunk))
    child.onStderr((chunk) => process.stderr.write(chunk))
    const r = await child.done
    if (signal.aborted) return ExitCode.interrupted
    if (r.exitCode !== 0) {
      process.stdout.write(
        `test:live: FAILED at ${stage.name} (exit ${r.exitCode ?? r.signal ?? '?'}); the run records are in report/runs/\n`,
      )
      return r.exitCode || ExitCode.checkFailed
    }
  }
  process.stdout.write(
    'test:live: PASSED — lab, verify and report ran on minikube; see report/, report/junit.xml and report/runs/\n',
  )
  return ExitCode.ok
}

/** The pnpm that runs this script (npm_execpath), so a pnpm from npx works as well as one on PATH. */
function pnpm(script: readonly string[]): string[] {
  const cli = process.env.npm_execpath
  if (cli && /pnpm/.test(cli) && /\.(c?js|mjs)$/.test(cli)) return [process.execPath, cli, ...script]
  return ['pnpm', ...script]
}

runMain(main)
