// The NetworkPolicy experiment (app.policy) through the real CLI on the simulator: a fresh lab, a re-run that
// changes nothing, a CNI that does not enforce policies, a run killed in the deny phase, and the plan.
import { beforeAll, describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  cli,
  commands,
  latest,
  processesMentioning,
  sandbox,
  stepEnds,
  verdictOf,
  verdicts,
  type Outcome,
} from './harness.ts'

// A loaded 2-core machine runs a simulated lab in one to four minutes.
const LONG = 600_000

const POLICY_CHECKS = ['app.policy-denies', 'app.policy-allows-port', 'app.policy-cleaned']
const policyWrites = (r: ReturnType<typeof latest>) =>
  commands(r)
    .filter(
      (c) =>
        c.write &&
        /networkpolicy|frontend-policy-experiment|NetworkPolicy/.test(`${c.argv.join(' ')} ${c.stdin ?? ''}`),
    )
    .map((c) => `${c.step}: ${c.argv.slice(3).join(' ')}`)
/** What the run's last read of the namespace's NetworkPolicies listed. */
const policiesLeft = (r: ReturnType<typeof latest>): string[] => {
  const last = commands(r)
    .filter((c) => c.key === 'app.policy.networkpolicies.json')
    .at(-1)
  return last
    ? (JSON.parse(last.stdout) as { items: Array<{ metadata: { name: string } }> }).items.map(
        (i) => i.metadata.name,
      )
    : ['(not read)']
}

function config(yaml: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lab4-policy-cfg-')), 'lab.config.yaml')
  writeFileSync(file, yaml)
  return file
}

describe('a fresh simulated lab', () => {
  const box = sandbox('policy')
  let first: Outcome
  beforeAll(async () => {
    first = await cli('lab', ['--simulate'], box)
  }, LONG)

  it('passes all three policy checks and leaves no policy behind', () => {
    expect(first.code, first.stdout + first.stderr).toBe(0)
    const run = latest(box)
    for (const check of POLICY_CHECKS) expect(verdictOf(run, check)?.status, check).toBe('PASS')
    expect(policyWrites(run)).toEqual([
      'app.policy: apply -f -',
      'app.policy: apply -f -',
      'app.policy: -n default delete networkpolicy frontend-deny-ingress frontend-allow-http',
      'app.policy: apply -f -',
    ])
    expect(policiesLeft(run)).toEqual([])
  })

  it(
    'then a re-run changes nothing in app.policy and judges the record it left in the cluster',
    async () => {
      const again = await cli('lab', ['--simulate'], box)
      expect(again.code, again.stdout).toBe(0)
      const rerun = latest(box)
      expect(stepEnds(rerun).find((s) => s.step === 'app.policy')?.status).toBe('unchanged')
      expect(policyWrites(rerun)).toEqual([])
      for (const check of POLICY_CHECKS) expect(verdictOf(rerun, check)?.status, check).toBe('PASS')
      expect(verdictOf(rerun, 'app.policy-denies')?.actual).toMatch(/read from its record in the cluster/)
      expect(processesMentioning(box.simDir)).toEqual([])
    },
    LONG,
  )
})

describe('the cni-kindnet fault', () => {
  it(
    'makes app.policy-denies FAIL with "the CNI does not enforce NetworkPolicy"',
    async () => {
      const box = sandbox('kindnet')
      const r = await cli(
        'lab',
        ['--simulate', '--faults', 'cni-kindnet', '--config', config('timeouts:\n  policy: 1\n')],
        box,
      )
      expect(r.code, r.stdout + r.stderr).toBe(1)
      const v = verdictOf(latest(box), 'app.policy-denies')
      expect(v?.status).toBe('FAIL')
      expect(v?.actual).toContain('the CNI does not enforce NetworkPolicy')
      expect(v?.actual).toMatch(/frontend-\S+ → frontend-\S+: `wget -qO- -T 3 http:\/\/\S+:3000\/` page/)
      expect(v?.hint).toMatch(/kindnet/)
      // The experiment still cleaned up after itself.
      expect(verdictOf(latest(box), 'app.policy-cleaned')?.status).toBe('PASS')
      expect(policiesLeft(latest(box))).toEqual([])
    },
    LONG,
  )
})

describe('a run killed in the deny phase', () => {
  it(
    'leaves the deny policy; the re-run removes it before app.network judges, then ends clean with no policy left',
    async () => {
      const box = sandbox('policy-kill')
      const killed = await cli('lab', ['--simulate'], box, {
        onStdout: (chunk, kill) => {
          if (chunk.includes('app.policy: deny: applied')) kill()
        },
      })
      expect(killed.code, killed.stdout).toBe(130)
      // The deny policy went in and nothing took it out. (Whether the killed run got to write its end line is the
      // signal handling's business: tsx SIGKILLs a script that does not answer its relayed SIGINT within 30 ms.)
      const cut = latest(box)
      expect(commands(cut).some((c) => c.key === 'app.policy.apply.deny' && c.exitCode === 0)).toBe(true)
      expect(commands(cut).some((c) => c.key === 'app.policy.delete')).toBe(false)

      const again = await cli('lab', ['--simulate'], box)
      expect(again.code, again.stdout + again.stderr).toBe(0)
      const run = latest(box)
      const deleted = commands(run).filter((c) => c.key === 'app.policy.leftovers.delete')
      expect(deleted.map((c) => `${c.step}: ${c.argv.slice(3).join(' ')}`)).toEqual([
        'app.network: -n default delete networkpolicy frontend-deny-ingress',
      ])
      // Deleted before app.network's first ping.
      const firstPing = commands(run).findIndex((c) => c.key?.startsWith('app.ping.endpoint.'))
      expect(commands(run).indexOf(deleted[0] as (typeof deleted)[number])).toBeLessThan(firstPing)
      expect(verdicts(run).filter((v) => v.status !== 'PASS')).toEqual([])
      expect(policiesLeft(run)).toEqual([])
      expect(processesMentioning(box.simDir)).toEqual([])
    },
    LONG,
  )
})

describe('pnpm lab --plan', () => {
  it('lists app.policy with its two manifests, its probes and what it adds to a live lab', async () => {
    const r = await cli('lab', ['--plan'], sandbox('policy-plan'))
    expect(r.code).toBe(0)
    const section = r.stdout.slice(r.stdout.indexOf('app.policy:'))
    for (const needle of [
      'manifest manifests/policy-deny.yaml',
      'manifest manifests/policy-allow-http.yaml',
      '|   name: frontend-deny-ingress',
      "wget -qO- -T 3 'http://<IP of the pod in zone west, dashed>.frontend.default.svc.cluster.local:3000/'",
      'delete networkpolicy frontend-deny-ingress frontend-allow-http',
      'checks: app.policy-denies, app.policy-allows-port, app.policy-cleaned',
    ])
      expect(section).toContain(needle)
    const budget = /note: app\.policy adds about (\d+(?:\.\d+)?) s to a live lab/.exec(section)
    expect(Number(budget?.[1])).toBeLessThanOrEqual(30)
  })
})
