// Every judged pod's IP lies in the pool that selects its node: the proof that IPAM by zone works.
import {
  type Check,
  type LabConfig,
  type PodSummary,
  type V1Node,
  type V1Pod,
  defineCheck,
  fail,
  notGradable,
  parseItems,
  pass,
  withEvidence,
} from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import { parsePools } from '../parse/pools.ts'
import { type Placement, deploymentOf, placePods } from '../placement.ts'
import { canonicalCidr } from '../pool.ts'

export type PodsInZonePoolOptions = {
  readonly id: string
  readonly step: string
  readonly podsKey: string
  readonly poolsKey: string
  readonly nodesKey: string
  /** Which pods to judge. @default pods in app.namespace, plus CoreDNS (kube-system, k8s-app=kube-dns) */
  readonly select?: (pod: PodSummary, config: LabConfig) => boolean
}

export const appAndDns = (pod: PodSummary, config: LabConfig): boolean =>
  pod.namespace === config.app.namespace ||
  (pod.namespace === 'kube-system' && pod.labels['k8s-app'] === 'kube-dns')

const zoneOf = (p: Placement, key: string) =>
  p.node ? `${key}=${p.node.labels[key] ?? '(unset)'}` : 'not in the node list'
const poolText = (pools: Placement['expected']) =>
  pools.map((x) => `${x.name} ${canonicalCidr(x.cidr)}`).join(' or ')

function describeBad(p: Placement, key: string): string {
  const where = `${p.pod.name} (${p.pod.ip}) on ${p.pod.node ?? '?'} (${zoneOf(p, key)})`
  const expected = p.expected.length ? poolText(p.expected) : 'a pool selecting this node (none does)'
  return `${where}: expected ${expected}, actual ${p.actual ? `${p.actual.name} ${canonicalCidr(p.actual.cidr)}` : 'no pool'}`
}

export function podsInZonePoolCheck(o: PodsInZonePoolOptions): Check {
  const select = o.select ?? appAndDns
  return defineCheck({
    id: o.id,
    step: o.step,
    title: "Every pod's IP comes from its zone's pool",
    evaluate: (ev, config) => {
      const expected = `every pod in ${config.app.namespace} and CoreDNS has an IP inside the pool selecting its node (${config.zones.labelKey})`
      return withEvidence(
        ev,
        [o.podsKey, o.poolsKey, o.nodesKey],
        expected,
        (podsEntry, poolsEntry, nodesEntry) => {
          const pools = parsePools(poolsEntry.stdout)
          const placed = placePods(
            parseItems<V1Pod>(podsEntry.stdout),
            parseItems<V1Node>(nodesEntry.stdout),
            pools,
          ).filter((p) => select(p.pod, config))
          const evidence = [podsEntry, poolsEntry, nodesEntry]
          if (placed.length === 0) {
            return notGradable('missing-evidence', {
              expected,
              actual: `no running pod with a pod IP in ${config.app.namespace} or CoreDNS`,
              hint: 'Nothing to judge yet: deploy the app (`pnpm lab --from app.deploy`) and check CoreDNS is running.',
              evidence,
            })
          }
          const bad = placed.filter((p) => !p.ok)
          if (bad.length === 0) {
            const actual = placed
              .map((p) => `${p.pod.name} ${p.pod.ip} on ${p.pod.node} in ${p.actual?.name}`)
              .join('; ')
            return pass({ expected, actual, evidence })
          }
          const owners = [
            ...new Set(
              bad
                .map(
                  (p) =>
                    deploymentOf(p.pod) &&
                    `-n ${p.pod.namespace} rollout restart deployment/${deploymentOf(p.pod)}`,
                )
                .filter(Boolean),
            ),
          ]
          return fail({
            expected,
            actual: bad.map((p) => describeBad(p, config.zones.labelKey)).join('; '),
            hint: `Pods keep the IP they started with; recreate them after the pools change${owners.length ? ` (kubectl ${owners.join('; kubectl ')})` : ''} — the next \`pnpm lab\` run does this.`,
            evidence,
          })
        },
      )
    },
  })
}

export const ipamPodsInZonePoolCheck = podsInZonePoolCheck({
  id: 'ipam.pods-in-zone-pool',
  step: STEP.pools,
  podsKey: KEY.podsJson,
  poolsKey: KEY.poolsAfterJson,
  nodesKey: KEY.nodesJson,
})
