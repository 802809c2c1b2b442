// Checks of the NetworkPolicy experiment: the deny policy stops HTTP and ping, the allow policy lets only TCP 3000
// through, and cleaning up leaves no lab policy and a working ping. Each names the pair and the command it judged.
import {
  defineCheck,
  fail,
  notGradable,
  parseItems,
  pass,
  type Evidence,
  type LabConfig,
  type Verdict,
} from '@lab4/core'
import { KEY, STEP, type PolicyPhase } from '../contract.ts'
import { allowName, denyName } from '../manifests/policy.ts'
import {
  EXPECTED,
  labelText,
  phaseRows,
  podAt,
  readExperiment,
  selectorOf,
  selects,
  type Experiment,
  type PhaseRow,
  type ProbeView,
} from '../policy/experiment.ts'

export const NOT_ENFORCED = 'the CNI does not enforce NetworkPolicy'
const KINDNET_HINT =
  "minikube's default CNI, kindnet, stores NetworkPolicies but does not enforce them: the lab needs `minikube start --cni calico` with calico-node Ready on every node (kubectl -n kube-system get pods -l k8s-app=calico-node)."

const off = (config: LabConfig, expected: string): Verdict | undefined =>
  config.policy.enabled
    ? undefined
    : pass({
        expected,
        actual: 'not run: policy.enabled is false in the config, so app.policy skips the experiment',
      })

/** `a → b: \`wget -qO- …\` wget: download timed out`: the pair, the command and what it printed. */
const said = (r: PhaseRow, p: ProbeView | undefined, what: string): string =>
  p ? `${r.from} → ${r.to}: \`${p.command}\` ${p.detail}` : `${r.from} → ${r.to}: no ${what} probe recorded`

const source = (x: Experiment): string =>
  x.source === 'record' && x.recordedBy
    ? ` (the experiment of run ${x.recordedBy.run}, ${x.recordedBy.at}, read from its record in the cluster)`
    : ''

/** The experiment, its rows for `phases`, or the NOT-GRADABLE verdict when something is missing. */
function withExperiment(
  ev: Evidence,
  expected: string,
  phases: readonly PolicyPhase[],
  judge: (x: Experiment, rows: Record<PolicyPhase, PhaseRow[]>) => Verdict,
): Verdict {
  const x = readExperiment(ev)
  if ('missing' in x)
    return notGradable('missing-evidence', {
      expected,
      actual: x.missing,
      hint: 'Run `pnpm lab` (or `pnpm lab --only app.policy`): app.policy runs the experiment and keeps its record in the cluster.',
    })
  const rows = Object.fromEntries(
    (['baseline', 'deny', 'allow', 'clean'] as const).map((p) => [p, phaseRows(x, p)]),
  ) as Record<PolicyPhase, PhaseRow[]>
  const short = phases.filter((p) => rows[p].length < 2)
  if (short.length > 0)
    return notGradable('missing-evidence', {
      expected,
      actual: `the experiment${source(x)} has ${short.map((p) => `${rows[p].length} pair(s) in the ${p} phase`).join(', ')}: it stopped early`,
      hint: 'Re-run `pnpm lab`: an interrupted experiment is removed and run again from the start.',
      evidence: x.evidence,
    })
  return judge(x, rows)
}

/** Why the baseline does not show two pods that reach each other, if it does not. */
const baselineProblems = (rows: PhaseRow[]): string[] =>
  rows
    .filter((r) => !r.met)
    .map(
      (r) =>
        `before any policy, ${[r.http, r.ping]
          .filter((p) => p?.outcome !== 'ok')
          .map((p) => (p ? said(r, p, '') : `${r.from} → ${r.to}: a probe is missing`))
          .join('; ')}`,
    )

/** Traffic that passed a policy meant to stop it: the CNI ignores policies, or the policy selects another pod. */
function whyPassed(x: Experiment, r: PhaseRow, policy: string, yaml: string | undefined): string {
  const selector = selectorOf(yaml)
  const to = podAt(x, r.http?.targetIp ?? r.ping?.targetIp)
  if (selector && to && !selects(selector, to.labels))
    return `${policy} selects ${labelText(selector)}, but ${to.name} carries ${labelText(to.labels)}: the policy isolates no pod`
  return `${policy} selects ${to?.name ?? r.to}, yet the traffic got through: ${NOT_ENFORCED}`
}

export const policyDenies = defineCheck({
  id: 'app.policy-denies',
  step: STEP.policy,
  title: 'Under a deny-all-ingress NetworkPolicy, HTTP and ping between the pods time out',
  evaluate: (ev, config) => {
    const deny = denyName(config)
    const expected = `before any policy each pod reaches its neighbour (HTTP on :3000 and ping); with ${deny} (podSelector app=${config.app.name}, policyTypes Ingress, no rules) both time out`
    return (
      off(config, expected) ??
      withExperiment(ev, expected, ['baseline', 'deny'], (x, rows) => {
        const base = baselineProblems(rows.baseline)
        if (base.length > 0)
          return fail({
            expected,
            actual: `${base.join('; ')}${source(x)}: without a working baseline the deny phase proves nothing`,
            hint: 'The pods must reach each other before any policy (see app.neighbour-ping); the app must listen on :3000 (`kubectl logs <pod>`).',
            evidence: x.evidence,
          })
        const lines = rows.deny.map((r) => {
          const got = [r.http, r.ping].filter((p) => p?.outcome !== EXPECTED.deny[p?.probe ?? 'http'])
          if (got.length === 0)
            return {
              ok: true,
              line: `${said(r, r.http, 'HTTP')}; ${r.ping ? `\`${r.ping.command}\` ${r.ping.detail}` : ''}`,
            }
          const passed = got.some((p) => p?.outcome === 'ok' || p?.outcome === 'partial')
          const why = passed ? `: ${whyPassed(x, r, deny, x.manifests.deny)}` : ''
          return { ok: false, line: `${got.map((p) => said(r, p, 'probe')).join('; ')}${why}` }
        })
        const body = {
          expected,
          actual: lines.map((l) => l.line).join('; ') + source(x),
          evidence: x.evidence,
        }
        if (lines.every((l) => l.ok)) return pass(body)
        const enforced = !body.actual.includes(NOT_ENFORCED)
        return fail({
          ...body,
          hint: enforced
            ? `Check what ${deny} selects: kubectl --context ${config.profile} -n ${config.app.namespace} describe networkpolicy ${deny}`
            : KINDNET_HINT,
        })
      })
    )
  },
})

export const policyAllowsPort = defineCheck({
  id: 'app.policy-allows-port',
  step: STEP.policy,
  title: 'Allowing TCP 3000 from the app pods lets HTTP through while ping stays blocked',
  evaluate: (ev, config) => {
    const allow = allowName(config)
    const expected = `with ${allow} (ingress TCP 3000 from pods app=${config.app.name}) added to ${denyName(config)}, HTTP works again and ping still gets no reply: ICMP is not TCP 3000`
    return (
      off(config, expected) ??
      withExperiment(ev, expected, ['allow'], (x, rows) => {
        const lines = rows.allow.map((r) => {
          const bad: string[] = []
          if (r.http?.outcome !== 'ok')
            bad.push(
              `${said(r, r.http, 'HTTP')}: ${allow} should let TCP 3000 from app=${config.app.name} through`,
            )
          if (r.ping?.outcome !== 'blocked')
            bad.push(
              `${said(r, r.ping, 'ping')}${r.ping?.outcome === 'ok' || r.ping?.outcome === 'partial' ? `: ${whyPassed(x, r, allow, x.manifests.allow)}` : ''}`,
            )
          return bad.length === 0
            ? { ok: true, line: `${said(r, r.http, 'HTTP')}; \`${r.ping?.command}\` ${r.ping?.detail}` }
            : { ok: false, line: bad.join('; ') }
        })
        const body = {
          expected,
          actual: lines.map((l) => l.line).join('; ') + source(x),
          evidence: x.evidence,
        }
        if (lines.every((l) => l.ok)) return pass(body)
        return fail({
          ...body,
          hint: body.actual.includes(NOT_ENFORCED)
            ? KINDNET_HINT
            : `Compare the rule with the pods: kubectl --context ${config.profile} -n ${config.app.namespace} describe networkpolicy ${allow}; kubectl … get pods --show-labels`,
        })
      })
    )
  },
})

type PolicyList = { metadata?: { name?: string } }

export const policyCleaned = defineCheck({
  id: 'app.policy-cleaned',
  step: STEP.policy,
  title: 'After the experiment no lab NetworkPolicy is left and ping works again',
  evaluate: (ev, config) => {
    const names = [denyName(config), allowName(config)]
    const expected = `no ${names.join(' or ')} in namespace ${config.app.namespace}, and after deleting them each pod pings its neighbour again`
    const disabled = off(config, expected)
    if (disabled) return disabled
    const listed = ev.command(KEY.policies)
    if (!listed)
      return notGradable('missing-evidence', {
        expected,
        actual: `no recorded output for ${KEY.policies}`,
        hint: 'Run `pnpm lab` or `pnpm verify`: app.policy lists the NetworkPolicies in its collect phase.',
      })
    if (listed.exitCode !== 0)
      return notGradable('missing-evidence', {
        expected,
        actual: `\`${listed.argv.join(' ')}\` exited ${listed.exitCode}: ${listed.stderr.split('\n')[0] ?? ''}`,
        hint: 'The list of NetworkPolicies could not be read; check the cluster access and re-run.',
        evidence: [listed],
      })
    const left = parseItems<PolicyList>(listed.stdout)
      .map((p) => p.metadata?.name ?? '')
      .filter((n) => names.includes(n))
    if (left.length > 0)
      return fail({
        expected,
        actual: `\`${listed.argv.join(' ')}\` still lists ${left.join(', ')}: the experiment did not clean up (interrupted?), so the pods stay isolated`,
        hint: `Run \`pnpm lab\` again (it removes the lab's policies first), or kubectl --context ${config.profile} -n ${config.app.namespace} delete networkpolicy ${left.join(' ')}`,
        evidence: [listed],
      })
    return withExperiment(ev, expected, ['clean'], (x, rows) => {
      const lines = rows.clean.map((r) => ({
        ok: r.ping?.outcome === 'ok',
        line: `after deleting both policies, ${said(r, r.ping, 'ping')}`,
      }))
      const body = {
        expected,
        actual: `\`${listed.argv.join(' ')}\` lists no lab policy; ${lines.map((l) => l.line).join('; ')}${source(x)}`,
        evidence: [listed.id, ...x.evidence],
      }
      return lines.every((l) => l.ok)
        ? pass(body)
        : fail({
            ...body,
            hint: 'With no policy selecting the pods, ping must answer again; look for another NetworkPolicy: kubectl get networkpolicy -A',
          })
    })
  },
})
