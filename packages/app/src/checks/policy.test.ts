import { describe, expect, it } from 'vitest'
import { EvidenceBuilder, labConfig } from '@lab4/core/testing'
import { KEY, POLICY_PHASES, POLICY_PROBE_KEYS, type PolicyPhase } from '../contract.ts'
import { policyAllowsPort, policyCleaned, policyDenies } from './policy.ts'
import { frontendPods } from '../testing/frontend.ts'
import { podA as A, podB as B } from '../testing/scripts.ts'
import { CALICO, policyArgv, policyList, probeScript, type Seen } from '../testing/policy.ts'
import { policyManifests } from '../manifests/policy.ts'

const config = labConfig()

/** A run's app.policy evidence: the pods, every phase's probes as `seen` answers them, the policies listed after. */
function experiment(
  seen: Record<PolicyPhase, Seen> = CALICO,
  o: { left?: string[]; upTo?: PolicyPhase } = {},
) {
  const b = new EvidenceBuilder({ step: 'app.policy' })
  b.command(KEY.policyPods, frontendPods([A, B]), { argv: policyArgv.pods })
  const m = policyManifests(config)
  const ids: string[] = []
  for (const phase of POLICY_PHASES.slice(0, POLICY_PHASES.indexOf(o.upTo ?? 'clean') + 1)) {
    if (phase === 'deny') b.command(KEY.policyApplyDeny, '', { argv: policyArgv.apply, stdin: m.deny.yaml })
    if (phase === 'allow')
      b.command(KEY.policyApplyAllow, '', { argv: policyArgv.apply, stdin: m.allow.yaml })
    for (const [from, to] of [
      [A, B],
      [B, A],
    ] as const)
      for (const e of probeScript(from, to, seen[phase])) {
        const r = e.respond as { stdout?: string; stderr?: string; exitCode?: number }
        const argv = e.argv as readonly string[]
        const key = POLICY_PROBE_KEYS[phase][argv.includes('wget') ? 'http' : 'ping'](from.name)
        ids.push(
          b.command(key, r.stdout, {
            argv,
            stderr: r.stderr ?? '',
            exitCode: r.exitCode ?? 0,
          }),
        )
      }
  }
  const listed = b.command(KEY.policies, policyList(...(o.left ?? [])), { argv: policyArgv.policies })
  return { ev: b.build(), ids, listed }
}

describe('app.policy-denies', () => {
  it('passes on an enforcing CNI, citing the pods read and every probe', () => {
    const { ev, ids } = experiment()
    const v = policyDenies.evaluate(ev, config)
    expect(v.status).toBe('PASS')
    expect(v.evidence).toEqual(expect.arrayContaining(ids))
  })

  it('fails, naming the pair and the command, when the baseline already fails: the deny phase would prove nothing', () => {
    const { ev } = experiment({ ...CALICO, baseline: { http: 'blocked', ping: 'ok' } })
    const v = policyDenies.evaluate(ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain(
      `before any policy, ${A.name} → ${B.name}: \`wget -qO- -T 3 http://10-244-2-7.frontend.default.svc.cluster.local:3000/\` wget: download timed out`,
    )
    expect(v.actual).toContain('without a working baseline')
  })

  it('fails when only HTTP is stopped, and says ping still answered', () => {
    const { ev } = experiment({ ...CALICO, deny: { http: 'blocked', ping: 'ok' } })
    const v = policyDenies.evaluate(ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('`ping -c 3 -W 2 10-244-2-7.frontend.default.svc.cluster.local` 3/3 replies')
  })

  it('is NOT-GRADABLE when the experiment stopped before the deny phase', () => {
    const { ev } = experiment(CALICO, { upTo: 'baseline' })
    const v = policyDenies.evaluate(ev, config)
    expect(v).toMatchObject({ status: 'NOT-GRADABLE', cause: 'missing-evidence' })
    expect(v.actual).toContain('0 pair(s) in the deny phase')
  })

  it('is NOT-GRADABLE with no experiment and no record', () => {
    const b = new EvidenceBuilder({ step: 'app.policy' })
    b.command(KEY.policyRecord, '', {
      argv: policyArgv.record,
      exitCode: 1,
      stderr: 'Error from server (NotFound): configmaps "frontend-policy-experiment" not found\n',
    })
    const v = policyDenies.evaluate(b.build(), config)
    expect(v).toMatchObject({ status: 'NOT-GRADABLE', cause: 'missing-evidence' })
    expect(v.actual).toContain('configmaps "frontend-policy-experiment" not found')
  })
})

describe('app.policy-allows-port', () => {
  it('fails when the allow rule does not let HTTP through', () => {
    const { ev } = experiment({ ...CALICO, allow: { http: 'blocked', ping: 'blocked' } })
    const v = policyAllowsPort.evaluate(ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('frontend-allow-http should let TCP 3000 from app=frontend through')
  })

  it('passes when HTTP works and ping does not', () => {
    expect(policyAllowsPort.evaluate(experiment().ev, config).status).toBe('PASS')
  })
})

describe('app.policy-cleaned', () => {
  it('fails when a lab policy is still listed, naming it and the command that listed it', () => {
    const { ev, listed } = experiment(CALICO, { left: ['frontend-deny-ingress', 'someone-elses-policy'] })
    const v = policyCleaned.evaluate(ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain(
      '`kubectl --context lab4 -n default get networkpolicies -o json` still lists frontend-deny-ingress',
    )
    expect(v.actual).not.toContain('someone-elses-policy')
    expect(v.evidence).toEqual([listed])
  })

  it('fails when ping does not come back after the policies are gone', () => {
    const { ev } = experiment({ ...CALICO, clean: { http: 'ok', ping: 'blocked' } })
    expect(policyCleaned.evaluate(ev, config).status).toBe('FAIL')
  })

  it('ignores policies that are not the lab’s', () => {
    const { ev } = experiment(CALICO, { left: ['allow-dns'] })
    expect(policyCleaned.evaluate(ev, config).status).toBe('PASS')
  })
})
