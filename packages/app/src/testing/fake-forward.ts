// Test helper: stands in for `kubectl port-forward`: a real child (fixtures/fake-port-forward.mjs) relaying to a local server.
import { fileURLToPath } from 'node:url'
import { startProcess, type Command, type LiveProcess } from '@lab4/core'

const FAKE_PF = fileURLToPath(new URL('../fixtures/fake-port-forward.mjs', import.meta.url))

/** A spawner for the engine: `portFor(target)` names the server behind `service/x` or `pod/y`; the first child may drop. */
export function fakeForwards(
  portFor: (target: string) => number | undefined,
  o: { dropFirstAfter?: number } = {},
) {
  const started: Array<{ argv: readonly string[]; proc: LiveProcess }> = []
  const spawn = (c: Command): LiveProcess => {
    const target = c.argv[c.argv.indexOf('port-forward') + 1] ?? ''
    const dieAfter = started.length === 0 ? (o.dropFirstAfter ?? 0) : 0
    const proc = startProcess({
      argv: ['node', FAKE_PF, c.argv.at(-1) ?? ''],
      env: { FAKE_PF_TARGET: String(portFor(target)), FAKE_PF_DIE_AFTER: String(dieAfter) },
    })
    started.push({ argv: c.argv, proc })
    return proc
  }
  return { spawn, started }
}
