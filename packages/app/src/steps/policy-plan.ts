// app.policy's plan, from the same command descriptions run uses, and what the experiment adds to a live lab.
import type { LabConfig, PlanItem } from '@lab4/core'
import { POLICY_PHASES, type PolicyPhase } from '../contract.ts'
import { allowName, denyName, policyManifests } from '../manifests/policy.ts'
import { CONTAINER_PORT } from '../names.ts'
import { toPlan } from './command.ts'
import {
  PING_WAIT_S,
  SAYS,
  WGET_TIMEOUT_S,
  leftoverDelete,
  probes,
  reads,
  writes,
} from './policy-commands.ts'

export const leftoverPlan = (config: LabConfig): PlanItem[] => [
  toPlan(config, reads(config).leftovers),
  ...[denyName(config), allowName(config)].map((n) => toPlan(config, leftoverDelete(config, n))),
]

/** Probe every pair at once; wait (up to timeouts.policy) until the phase shows what it should, when `wait`. */

export function policyBudget(config: LabConfig): { seconds: number; text: string } {
  const EXEC_S = 1 // kubectl exec start-up, per phase (the probes of a phase run at the same time)
  const KUBECTL_S = 0.5 // one kubectl call against minikube
  const slowest = Math.max(WGET_TIMEOUT_S, config.app.pingCount - 1 + PING_WAIT_S)
  const calls = 9 // leftovers, record, pods, apply ×2, delete, record apply; in collect: policies, record
  const seconds = POLICY_PHASES.length * (slowest + EXEC_S) + calls * KUBECTL_S
  return {
    seconds,
    text: `app.policy adds about ${seconds} s to a live lab: ${POLICY_PHASES.length} phases × (${slowest} s for the slowest probe — wget -T ${WGET_TIMEOUT_S}, ping -c ${config.app.pingCount} -W ${PING_WAIT_S} with no reply — + ${EXEC_S} s exec start-up; the pairs probe at once) + ${calls} kubectl calls × ${KUBECTL_S} s. A phase whose outcome lags waits up to timeouts.policy (${config.timeouts.policy} s) more; a re-run with the record in place costs 2 calls.`,
  }
}

export function policyPlan(config: LabConfig): PlanItem[] {
  if (!config.policy.enabled)
    return [
      { kind: 'note', text: 'policy.enabled is false: app.policy only deletes lab policies a run left' },
      ...leftoverPlan(config),
    ]
  const m = policyManifests(config)
  const r = reads(config)
  const w = writes(config, m)
  const [z1 = 'zone 1', z2 = 'zone 2'] = config.zones.values
  const phasePlan = (p: PolicyPhase): PlanItem[] => [
    { kind: 'wait', condition: `${p}: ${SAYS[p]}`, timeoutS: config.timeouts.policy },
    ...[
      [z1, z2],
      [z2, z1],
    ].flatMap(([from, to]) =>
      probes(config, p, `<pod in zone ${from}>`, `<IP of the pod in zone ${to}, dashed>`).map((c) =>
        toPlan(config, c),
      ),
    ),
  ]
  return [
    {
      kind: 'manifest',
      path: `manifests/${m.deny.file}`,
      yaml: m.deny.yaml,
      why: `NetworkPolicy ${m.deny.name}: deny all ingress to app=${config.app.name}`,
    },
    {
      kind: 'manifest',
      path: `manifests/${m.allow.file}`,
      yaml: m.allow.yaml,
      why: `NetworkPolicy ${m.allow.name}: allow TCP ${CONTAINER_PORT} from app=${config.app.name} (ICMP stays blocked)`,
    },
    ...leftoverPlan(config),
    toPlan(config, r.record),
    toPlan(config, r.pods),
    ...phasePlan('baseline'),
    toPlan(config, w.applyDeny),
    ...phasePlan('deny'),
    toPlan(config, w.applyAllow),
    ...phasePlan('allow'),
    toPlan(config, w.delete),
    ...phasePlan('clean'),
    toPlan(config, w.record),
    toPlan(config, r.policies),
    toPlan(config, { ...r.record, when: 'in collect' }),
    { kind: 'note', text: policyBudget(config).text },
  ]
}
