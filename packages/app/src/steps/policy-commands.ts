// The commands of app.policy as data: run executes them through ctx, plan() prints them, so the two cannot drift.
import { parseItems, type LabConfig, type StepContext } from '@lab4/core'
import { kube } from '../argv.ts'
import { KEY, POLICY_PROBE_KEYS, type PolicyPhase } from '../contract.ts'
import {
  allowName,
  denyName,
  recordName,
  type PolicyManifests,
  type PolicyOptions,
} from '../manifests/policy.ts'
import { CONTAINER_PORT, endpointFqdn } from '../names.ts'
import { EXPECTED } from '../policy/experiment.ts'
import type { StepCommand } from './command.ts'

export const WGET_TIMEOUT_S = 3
/** BusyBox ping's -W: seconds to wait for a reply after the last packet (its default, 10, would dominate). */
export const PING_WAIT_S = 2

export const SAYS: Record<PolicyPhase, string> = {
  baseline: 'HTTP and ping reach the neighbour',
  deny: 'HTTP and ping time out',
  allow: 'HTTP passes, ping gets no reply',
  clean: 'HTTP and ping reach the neighbour again',
}

/** Reads: lab policies left over, the record, the pods; after the experiment the policies again. */
export function reads(config: LabConfig) {
  return {
    leftovers: {
      args: kube.networkPolicies(config),
      key: KEY.policyLeftovers,
      why: 'a lab NetworkPolicy an interrupted app.policy left would block the pings: it is deleted before anything is judged',
    },
    record: {
      args: kube.configMapJson(config, recordName(config)),
      key: KEY.policyRecord,
      why: `the record of an earlier complete experiment (data.record.json): with it and no policy left, nothing runs`,
    },
    pods: {
      args: kube.podsJson(config),
      key: KEY.policyPods,
      why: 'pod names, IPs and labels: each pod probes the pod on the other node; the policies select by label',
      when: 'no complete record',
    },
    policies: {
      args: kube.networkPolicies(config),
      key: KEY.policies,
      why: 'every NetworkPolicy in the namespace after the experiment: none of the lab policies may be left',
      when: 'in collect',
    },
  } satisfies Record<string, StepCommand>
}

export const leftoverDelete = (config: LabConfig, name: string): StepCommand => ({
  args: kube.deleteNetworkPolicies(config, [name]),
  key: KEY.policyLeftoversDelete,
  why: `delete ${name}, left by an interrupted run`,
  when: 'the policy is still there',
})

/** The writes of one experiment, in order. */
export function writes(config: LabConfig, m: PolicyManifests, record = '') {
  return {
    applyDeny: {
      args: kube.apply(),
      key: KEY.policyApplyDeny,
      stdin: m.deny.yaml,
      why: `${m.deny.name}: select the app pods for ingress and allow nothing`,
      when: 'no complete record',
    },
    applyAllow: {
      args: kube.apply(),
      key: KEY.policyApplyAllow,
      stdin: m.allow.yaml,
      why: `${m.allow.name}: allow TCP ${CONTAINER_PORT} from pods app=${config.app.name}`,
      when: 'no complete record',
    },
    delete: {
      args: kube.deleteNetworkPolicies(config, [m.deny.name, m.allow.name]),
      key: KEY.policyDelete,
      why: 'clean up: the pods accept all traffic again',
      when: 'no complete record',
    },
    record: {
      args: kube.apply(),
      key: KEY.policyRecordApply,
      ...(record ? { stdin: record } : {}),
      why: `keep the outcome in configmap/${recordName(config)} (stdin: the ConfigMap with every probe's output)`,
      when: 'after the clean-up',
    },
  } satisfies Record<string, StepCommand>
}

/** What pod `from` runs toward the pod at `toIp` in one phase: run executes these, plan shows placeholders. */
export function probes(config: LabConfig, phase: PolicyPhase, from: string, toIp: string): StepCommand[] {
  const fqdn = endpointFqdn(config, toIp)
  const keys = POLICY_PROBE_KEYS[phase]
  // Generous: a blocked ping ends after (count - 1) s + -W; the limit only guards against a hung exec.
  const timeoutMs = (config.app.pingCount + PING_WAIT_S + WGET_TIMEOUT_S + 20) * 1000
  return [
    {
      args: kube.exec(
        config,
        from,
        'wget',
        '-qO-',
        '-T',
        String(WGET_TIMEOUT_S),
        `http://${fqdn}:${CONTAINER_PORT}/`,
      ),
      key: keys.http(from),
      why: `${phase}: HTTP to the neighbour on :${CONTAINER_PORT} (expected: ${EXPECTED[phase].http})`,
      timeoutMs,
    },
    {
      args: kube.exec(
        config,
        from,
        'ping',
        '-c',
        String(config.app.pingCount),
        '-W',
        String(PING_WAIT_S),
        fqdn,
      ),
      key: keys.ping(from),
      why: `${phase}: ping (ICMP) to the neighbour (expected: ${EXPECTED[phase].ping})`,
      timeoutMs,
    },
  ]
}

/** The self-test may make the policies select another label value (a typo), to show the checks catch it. */
export const optionsOf = (ctx: Pick<StepContext, 'flags'>): PolicyOptions => {
  const v = ctx.flags['policy-select']
  return typeof v === 'string' && v !== '' ? { selects: v } : {}
}

/** The lab's own policies among `kubectl get networkpolicies -o json`. */
export function labPolicies(stdout: string, config: LabConfig): string[] {
  const names = [denyName(config), allowName(config)]
  return parseItems<{ metadata?: { name?: string } }>(stdout)
    .map((p) => p.metadata?.name ?? '')
    .filter((n) => names.includes(n))
}

/** Delete lab policies an interrupted run left; true when there were some. */
