import { describe, expect, it } from 'vitest'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { labConfig, runScripted, say } from '@lab4/core/testing'
import { afterPolicyLeftovers, policyBudget, policyStep } from './policy.ts'
import { networkStep } from './network.ts'
import { policyManifests } from '../manifests/policy.ts'
import { networkScript, podA as A, podB as B } from '../testing/scripts.ts'
import {
  RecordStore,
  policyArgv,
  policyCluster,
  policyFirstRun,
  policyList,
  policyRerun,
} from '../testing/policy.ts'

const config = labConfig()
const statuses = (r: Awaited<ReturnType<typeof runScripted>>) =>
  r.result.results.map((v) => [v.check, v.status])

describe('policyStep on a cluster that enforces NetworkPolicy', () => {
  it('probes, denies, allows TCP 3000, cleans up and records the outcome; every check passes', async () => {
    const store = new RecordStore()
    const run = await runScripted([policyStep], policyFirstRun(store), { config, assertDone: true })
    expect(statuses(run)).toEqual([
      ['app.policy-denies', 'PASS'],
      ['app.policy-allows-port', 'PASS'],
      ['app.policy-cleaned', 'PASS'],
    ])
    expect(run.result.steps).toEqual([{ id: 'app.policy', status: 'changed' }])
    const denies = run.result.results[0]
    expect(denies?.actual).toContain(
      `${A.name} → ${B.name}: \`wget -qO- -T 3 http://10-244-2-7.frontend.default.svc.cluster.local:3000/\` wget: download timed out`,
    )
    expect(denies?.actual).toContain(
      '`ping -c 3 -W 2 10-244-2-7.frontend.default.svc.cluster.local` 0/3 replies',
    )
    expect(store.yaml).toContain('frontend-policy-experiment')
    // The student's copies of the two manifests.
    const m = policyManifests(config)
    expect(readFileSync(join(run.root, 'manifests', m.deny.file), 'utf8')).toBe(m.deny.yaml)
    expect(existsSync(join(run.root, 'manifests', m.allow.file))).toBe(true)
  })

  it('on a re-run with the record in place and no policy left runs no write and judges the record', async () => {
    const store = new RecordStore()
    await runScripted([policyStep], policyFirstRun(store), { config, assertDone: true })
    const again = await runScripted([policyStep], policyRerun(store), { config, assertDone: true })
    expect(again.result.steps).toEqual([{ id: 'app.policy', status: 'unchanged' }])
    expect(again.commands.filter((c) => c.write)).toEqual([])
    expect(statuses(again).map(([, s]) => s)).toEqual(['PASS', 'PASS', 'PASS'])
    expect(again.result.results[0]?.actual).toMatch(/read from its record in the cluster/)
  })

  it('re-runs the experiment when the record was made with other manifests', async () => {
    const store = new RecordStore()
    await runScripted([policyStep], policyFirstRun(store, { options: { selects: 'frontend-typo' } }), {
      config,
      flags: { 'policy-select': 'frontend-typo' },
      keepGoing: true,
    })
    const again = await runScripted([policyStep], policyFirstRun(store), { config, assertDone: true })
    expect(again.result.steps).toEqual([{ id: 'app.policy', status: 'changed' }])
    expect(statuses(again).map(([, s]) => s)).toEqual(['PASS', 'PASS', 'PASS'])
  })
})

describe('policyStep where the CNI does not enforce NetworkPolicy (kindnet)', () => {
  it('waits timeouts.policy once, then app.policy-denies FAILs with "the CNI does not enforce NetworkPolicy"', async () => {
    const world = policyCluster({ enforced: false })
    const run = await runScripted([policyStep], [], {
      config: labConfig('timeouts: { policy: 1 }'),
      runner: world.runner,
    })
    const [denies, allows, cleaned] = run.result.results
    expect(denies?.status).toBe('FAIL')
    expect(denies?.actual).toContain('the CNI does not enforce NetworkPolicy')
    expect(denies?.actual).toContain(`${A.name} → ${B.name}: \`wget -qO- -T 3`)
    expect(denies?.hint).toMatch(/kindnet/)
    expect(allows?.status).toBe('FAIL')
    expect(cleaned?.status).toBe('PASS')
    // Only the deny phase waited: the allow phase probed once.
    const allowPings = run.commands.filter((c) => c.key?.startsWith('app.policy.allow.ping.'))
    expect(allowPings).toHaveLength(2)
    expect(run.entries.some((e) => e.type === 'note' && /deny: .*not seen within/.test(e.message))).toBe(true)
    expect(world.policies.size).toBe(0)
  })
})

describe('a podSelector that selects no pod (the self-test flag policy-select)', () => {
  it('isolates nothing: app.policy-denies FAILs naming the selector and the pod labels, without waiting', async () => {
    const world = policyCluster()
    const run = await runScripted([policyStep], [], {
      config,
      runner: world.runner,
      flags: { 'policy-select': 'frontend-typo' },
    })
    const [denies, allows] = run.result.results
    expect(denies?.status).toBe('FAIL')
    expect(denies?.actual).toContain(
      `frontend-deny-ingress selects app=frontend-typo, but ${B.name} carries app=frontend`,
    )
    expect(allows?.status).toBe('FAIL')
    expect(run.entries.some((e) => e.type === 'note' && /not seen within/.test(e.message))).toBe(false)
    expect(existsSync(join(run.root, 'manifests'))).toBe(false)
  })
})

describe('an interrupted experiment', () => {
  it('leaves its policies; the next run deletes them before probing and runs the experiment from the start', async () => {
    const world = policyCluster({ leftovers: ['frontend-deny-ingress'] })
    const run = await runScripted([policyStep], [], { config, runner: world.runner })
    const writes = run.commands.filter((c) => c.write).map((c) => c.argv.slice(3).join(' '))
    expect(writes[0]).toBe('-n default delete networkpolicy frontend-deny-ingress')
    expect(run.result.results.map((r) => r.status)).toEqual(['PASS', 'PASS', 'PASS'])
    expect(world.policies.size).toBe(0)
  })

  it('app.network, wrapped, deletes the leftovers before its own pings are judged', async () => {
    const net = afterPolicyLeftovers(networkStep)
    const run = await runScripted(
      [net],
      [
        say(policyArgv.policies, policyList('frontend-deny-ingress', 'frontend-allow-http')),
        say(
          [
            'kubectl',
            '--context',
            'lab4',
            '-n',
            'default',
            'delete',
            'networkpolicy',
            'frontend-deny-ingress',
          ],
          'networkpolicy.networking.k8s.io "frontend-deny-ingress" deleted\n',
        ),
        say(
          ['kubectl', '--context', 'lab4', '-n', 'default', 'delete', 'networkpolicy', 'frontend-allow-http'],
          'networkpolicy.networking.k8s.io "frontend-allow-http" deleted\n',
        ),
        ...networkScript((a) => (a === A ? B : A)),
      ],
      { config, assertDone: true },
    )
    expect(run.result.steps).toEqual([{ id: 'app.network', status: 'changed' }])
    expect(run.result.results.every((r) => r.status === 'PASS')).toBe(true)
    expect(
      run.entries.some((e) => e.type === 'note' && /interrupted app.policy run left them/.test(e.message)),
    ).toBe(true)
  })
})

describe('policy.enabled: false', () => {
  it('runs no experiment, and the checks say it was switched off', async () => {
    const world = policyCluster()
    const run = await runScripted([policyStep], [], {
      config: labConfig('policy: { enabled: false }'),
      runner: world.runner,
    })
    expect(world.calls.map((c) => c.argv.slice(3).join(' '))).toEqual([
      '-n default get networkpolicies -o json',
    ])
    expect(
      run.result.results.map((r) => [r.status, r.actual.startsWith('not run: policy.enabled is false')]),
    ).toEqual([
      ['PASS', true],
      ['PASS', true],
      ['PASS', true],
    ])
  })
})

describe('the plan of app.policy', () => {
  it('lists both manifests, the writes and the probes with placeholders, and what the step costs live', () => {
    const plan = policyStep.plan(config)
    const m = policyManifests(config)
    expect(plan.filter((p) => p.kind === 'manifest').map((p) => p.kind === 'manifest' && p.yaml)).toEqual([
      m.deny.yaml,
      m.allow.yaml,
    ])
    const argvs = plan.flatMap((p) => (p.kind === 'command' ? [p.argv.join(' ')] : []))
    expect(argvs).toContain(
      'kubectl --context lab4 -n default exec <pod in zone east> -- wget -qO- -T 3 http://<IP of the pod in zone west, dashed>.frontend.default.svc.cluster.local:3000/',
    )
    expect(argvs).toContain(
      'kubectl --context lab4 -n default delete networkpolicy frontend-deny-ingress frontend-allow-http',
    )
    const note = plan.find((p) => p.kind === 'note')
    expect(note?.kind === 'note' && note.text).toContain(`about ${policyBudget(config).seconds} s`)
  })

  it('adds at most 30 s to a live lab when the policies take effect at once', () => {
    expect(policyBudget(config).seconds).toBeLessThanOrEqual(30)
    expect(policyBudget(labConfig('app: { pingCount: 10 }')).seconds).toBeGreaterThan(30)
  })
})
