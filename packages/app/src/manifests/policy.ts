// Pure: the two NetworkPolicies of app.policy and the ConfigMap that keeps the experiment's record, as data and YAML.
import { createHash } from 'node:crypto'
import { stringify } from 'yaml'
import type { LabConfig } from '@lab4/core'
import { CONTAINER_PORT } from '../names.ts'

/** Marks every object the experiment creates, so its own leftovers are told from anyone else's. */
export const EXPERIMENT_LABEL = 'lab4.itmo/experiment'

type LabelSelector = { matchLabels: Record<string, string> }
export type NetworkPolicy = {
  apiVersion: 'networking.k8s.io/v1'
  kind: 'NetworkPolicy'
  metadata: { name: string; namespace: string; labels: Record<string, string> }
  spec: {
    podSelector: LabelSelector
    policyTypes: ['Ingress']
    ingress?: Array<{
      from: Array<{ podSelector: LabelSelector }>
      ports: Array<{ protocol: 'TCP'; port: number }>
    }>
  }
}

export type PolicyManifest = { readonly name: string; readonly file: string; readonly yaml: string }
export type PolicyManifests = {
  readonly deny: PolicyManifest
  readonly allow: PolicyManifest
  /** Changes whenever either manifest does: a record made with other manifests is not this experiment's. */
  readonly hash: string
}

export const denyName = (config: LabConfig): string => `${config.app.name}-deny-ingress`
export const allowName = (config: LabConfig): string => `${config.app.name}-allow-http`
export const recordName = (config: LabConfig): string => `${config.app.name}-policy-experiment`
export const RECORD_DATA_KEY = 'record.json'

export type PolicyOptions = {
  /**
   * The `app` label value the policies select, when not the app's own. Only the self-test sets it, to show that a
   * podSelector with a typo isolates nothing.
   */
  readonly selects?: string
}

const meta = (config: LabConfig, name: string) => ({
  name,
  namespace: config.app.namespace,
  labels: { [EXPERIMENT_LABEL]: 'policy' },
})

/** Step 2: isolates the app pods for ingress and allows nothing (no rules). */
export function denyPolicy(config: LabConfig, o: PolicyOptions = {}): NetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(config, denyName(config)),
    spec: { podSelector: { matchLabels: { app: o.selects ?? config.app.name } }, policyTypes: ['Ingress'] },
  }
}

/** Step 3: allows TCP 3000 from the app's own pods; ICMP matches no rule, so ping stays blocked. */
export function allowHttpPolicy(config: LabConfig, o: PolicyOptions = {}): NetworkPolicy {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: meta(config, allowName(config)),
    spec: {
      podSelector: { matchLabels: { app: o.selects ?? config.app.name } },
      policyTypes: ['Ingress'],
      ingress: [
        {
          from: [{ podSelector: { matchLabels: { app: config.app.name } } }],
          ports: [{ protocol: 'TCP', port: CONTAINER_PORT }],
        },
      ],
    },
  }
}

const toYaml = (o: object) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false })

function manifest(file: string, what: string, policy: NetworkPolicy): PolicyManifest {
  const header = `# ${file}: rendered by lab4 from lab.config.yaml (app.policy, ${what}); edit the config, not this file.\n`
  return { name: policy.metadata.name, file, yaml: header + toYaml(policy) }
}

export function policyManifests(config: LabConfig, o: PolicyOptions = {}): PolicyManifests {
  const deny = manifest('policy-deny.yaml', 'the deny phase', denyPolicy(config, o))
  const allow = manifest('policy-allow-http.yaml', 'the allow-one-port phase', allowHttpPolicy(config, o))
  const hash = createHash('sha256')
    .update(deny.yaml)
    .update('\0')
    .update(allow.yaml)
    .digest('hex')
    .slice(0, 16)
  return { deny, allow, hash }
}

/** The ConfigMap that keeps `recordJson` in the cluster; applied once the experiment has cleaned up. */
export function recordManifest(config: LabConfig, recordJson: string): string {
  return toYaml({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: meta(config, recordName(config)),
    data: { [RECORD_DATA_KEY]: recordJson },
  })
}
