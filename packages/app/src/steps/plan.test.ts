import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PlanItem } from '@lab4/core'
import { appSteps } from './all.ts'
import { deployStep } from './deploy.ts'
import { makeBrowserStep } from './browser.ts'
import { networkStep } from './network.ts'
import { afterPolicyLeftovers, policyStep } from './policy.ts'
import { RecordStore, policyArgv, policyFirstRun } from '../testing/policy.ts'
import { freePort } from './effects/free-port.ts'
import { labConfig, runScripted, say } from '@lab4/core/testing'
import { frontendPods } from '../testing/frontend.ts'
import { startFakePod } from '../testing/fake-app.ts'
import { fakeForwards } from '../testing/fake-forward.ts'
import { fetchingBrowser } from '../testing/fake-browser.ts'
import { podA as A, podB as B, deployArgv, deployFirstRun, networkScript } from '../testing/scripts.ts'

const commands = (items: PlanItem[]) => items.flatMap((i) => (i.kind === 'command' ? [i.argv] : []))

/** A planned argv with `<pod in zone east>`-style placeholders matches any real value in their place. */
const matcher = (argv: readonly string[]) => {
  const parts = argv.map((a) => {
    const literal = a.split(/<[^>]+>/).map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    return new RegExp(`^${literal.join('.+')}$`)
  })
  return (ran: readonly string[]) =>
    ran.length === parts.length && parts.every((re, i) => re.test(ran[i] ?? ''))
}

let pods: Array<Awaited<ReturnType<typeof startFakePod>>>
beforeEach(async () => {
  pods = [await startFakePod(A, 0), await startFakePod(B, 0)]
})
afterEach(async () => {
  for (const p of pods) await p.close()
})

describe('plan', () => {
  it('covers every command a first run executes and every port-forward it starts', async () => {
    const config = labConfig(`app: { localPort: ${await freePort()}, reloads: 1 }`)
    const steps = [
      deployStep,
      makeBrowserStep({ open: fetchingBrowser }),
      afterPolicyLeftovers(networkStep),
      policyStep,
    ]
    expect(steps.map((s) => s.id)).toEqual(appSteps.map((s) => s.id))
    const forwards = fakeForwards((t) => (t === `pod/${B.name}` ? pods[1] : pods[0])?.port)
    const { result, runner } = await runScripted(
      steps,
      [
        ...deployFirstRun(),
        say(deployArgv.getPods, frontendPods([A, B])),
        say(deployArgv.getPods, frontendPods([A, B])),
        say(policyArgv.policies, '{"apiVersion": "v1", "items": [], "kind": "List"}'),
        ...networkScript((a) => (a === A ? B : A)),
        ...policyFirstRun(new RecordStore()),
      ],
      { config, spawner: forwards.spawn, assertDone: true },
    )
    expect(result.steps.map((s) => s.status)).toEqual(['changed', 'unchanged', 'unchanged', 'changed'])

    const planned = appSteps.flatMap((s) => commands(s.plan(config))).map(matcher)
    const ran = [...(runner.calls ?? []).map((c) => c.argv), ...forwards.started.map((s) => s.argv)]
    expect(ran.length).toBeGreaterThan(25)
    expect(ran.filter((argv) => !planned.some((m) => m(argv))).map((a) => a.join(' '))).toEqual([])
  })

  it('does not let a placeholder stand for a different command', () => {
    const m = matcher(['kubectl', '--context', 'lab4', 'exec', '<pod in zone east>', '--', 'ping', '-c', '3'])
    expect(m(['kubectl', '--context', 'lab4', 'exec', A.name, '--', 'ping', '-c', '3'])).toBe(true)
    expect(m(['kubectl', '--context', 'lab4', 'exec', A.name, '--', 'ping', '-c', '5'])).toBe(false)
    expect(m(['kubectl', '--context', 'lab4', 'exec', A.name, '--', 'ping', '-c'])).toBe(false)
  })
})
