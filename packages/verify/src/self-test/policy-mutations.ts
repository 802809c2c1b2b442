// Negative controls of the NetworkPolicy experiment (app.policy): a deny policy left behind, as an interrupted run
// leaves it, and an experiment whose policies select no pod (a typo in the podSelector).
import type { LabConfig } from '@lab4/core'
import { defineMutation } from './mutation.ts'

/**
 * app.policy's deny policy, spelled out: verify knows no domain package. The name is what the lab deletes as its
 * own leftover and what app.policy-cleaned looks for.
 */
export const denyPolicyYaml = (config: LabConfig): string =>
  [
    'apiVersion: networking.k8s.io/v1',
    'kind: NetworkPolicy',
    'metadata:',
    `  name: ${config.app.name}-deny-ingress`,
    `  namespace: ${config.app.namespace}`,
    'spec:',
    '  podSelector:',
    '    matchLabels:',
    `      app: ${config.app.name}`,
    '  policyTypes:',
    '    - Ingress',
    '',
  ].join('\n')

export const policyLeftInPlace = defineMutation({
  id: 'policy-left-in-place',
  description: 'Leave the deny-all-ingress NetworkPolicy in place, as an app.policy run killed mid-way does',
  targets: ['app.policy-cleaned', 'app.neighbour-ping'],
  apply: async (w) => {
    await w.must({ argv: w.kubectl('apply', '-f', '-'), stdin: denyPolicyYaml(w.config) })
  },
  // app.policy deletes the lab's own leftovers first; its record is still complete, so it repeats nothing.
  restore: (w) => w.rerun(['app.policy']),
})

export const policySelectsNothing = defineMutation({
  id: 'policy-selects-nothing',
  description:
    'Run the NetworkPolicy experiment again with a typo in both podSelectors (app=<name>-typo), so no pod is isolated',
  targets: ['app.policy-denies', 'app.policy-allows-port'],
  apply: (w) => w.rerun(['app.policy'], { 'policy-select': `${w.config.app.name}-typo` }),
  // The record was made with other manifests, so the step runs the experiment once more, correctly.
  restore: (w) => w.rerun(['app.policy']),
})
