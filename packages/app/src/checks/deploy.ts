// Checks for lab items 6–7: the Deployment, its spread over zones, and the Service's endpoints.
import {
  defineCheck,
  fail,
  notGradable,
  parseItems,
  pass,
  verdict,
  withEvidence,
  type Evidence,
  type LabConfig,
  type V1Deployment,
  type Verdict,
} from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import { podsInZonePoolCheck } from '@lab4/ipam'
import { appPods, deploymentSummary, imagePullTrouble, nodeZones, podLine, readyEndpoints } from '../k8s.ts'

/** Pods that cannot pull the image make the app checks ungradable: the environment, not the lab, is at fault. */
export function pullGate(
  ev: Evidence,
  config: LabConfig,
  expected: string,
  key: string = KEY.pods,
): Verdict | undefined {
  const entry = ev.command(key)
  if (!entry || entry.exitCode !== 0) return undefined
  const stuck = imagePullTrouble(appPods(entry.stdout, config))
  if (stuck.length === 0) return undefined
  return notGradable('environment', {
    expected,
    actual: `the image cannot be pulled: ${stuck.map(podLine).join('; ')}`,
    hint: `Check the network/registry access from minikube (minikube -p ${config.profile} ssh -- docker pull ${config.app.image}); on arm64 the amd64-only image needs emulation.`,
    evidence: [entry],
  })
}

export const deploymentReady = defineCheck({
  id: 'app.deployment-ready',
  step: STEP.deploy,
  title: 'The frontend Deployment runs the lab image with both env vars and all replicas ready',
  evaluate: (ev, config) => {
    const { app } = config
    const expected = `Deployment ${app.name}: ${app.replicas}/${app.replicas} ready replicas of ${app.image} with REACT_APP_USERNAME=${app.username} and REACT_APP_COMPANY_NAME=${app.company}`
    const gate = pullGate(ev, config, expected)
    if (gate) return gate
    const entry = ev.command(KEY.deployment)
    if (entry && entry.exitCode !== 0 && /NotFound/.test(entry.stderr)) {
      return fail({
        expected,
        actual: `no Deployment ${app.name} in namespace ${app.namespace}`,
        hint: 'Run `pnpm lab --only app.deploy` to apply manifests/frontend.yaml.',
        evidence: [entry],
      })
    }
    return withEvidence(ev, [KEY.deployment], expected, (dep) => {
      const d = parseItems<V1Deployment>(dep.stdout).find(
        (x) => x.kind === undefined || x.kind === 'Deployment',
      )
      if (!d)
        return fail({
          expected,
          actual: 'the recorded object is not a Deployment',
          hint: 'The lab asks for a Deployment, not a ReplicaSet.',
          evidence: [dep],
        })
      const s = deploymentSummary(d)
      const problems = [
        s.replicas !== app.replicas && `spec.replicas is ${s.replicas}`,
        s.readyReplicas < app.replicas && `${s.readyReplicas}/${s.replicas} replicas ready`,
        !s.images.includes(app.image) && `image is ${s.images.join(', ') || '(none)'}`,
        ...envProblems(s.env, s.indirectEnv, {
          REACT_APP_USERNAME: app.username,
          REACT_APP_COMPANY_NAME: app.company,
        }),
      ].filter((x): x is string => typeof x === 'string')
      const actual =
        problems.length === 0
          ? `${s.readyReplicas}/${s.replicas} ready, image ${s.images.join(', ')}, both env vars set`
          : problems.join('; ')
      return verdict(problems.length === 0, {
        expected,
        actual,
        hint: 'Re-apply manifests/frontend.yaml (`pnpm lab --only app.deploy`); if replicas stay unready, see `kubectl describe pod` for the readiness probe.',
        evidence: [dep],
      })
    })
  },
})

function envProblems(
  env: Record<string, string>,
  indirect: readonly string[],
  want: Record<string, string>,
): string[] {
  return Object.entries(want).flatMap(([name, value]) => {
    if (env[name] === value) return []
    if (env[name] !== undefined) return [`${name} is "${env[name]}", not "${value}"`]
    // valueFrom / envFrom (a ConfigMap) also satisfies the lab; the page check then proves the value.
    if (indirect.includes(name) || indirect.some((x) => x.startsWith('envFrom'))) return []
    return [`${name} is not set`]
  })
}

export const onePodPerZone = defineCheck({
  id: 'app.one-pod-per-zone',
  step: STEP.deploy,
  title: 'Each zone runs exactly one ready frontend pod',
  evaluate: (ev, config) => {
    const zones = config.zones.values
    const expected = `one ready ${config.app.name} pod in each zone (${zones.map((z) => `${config.zones.labelKey}=${z}`).join(', ')})`
    return (
      pullGate(ev, config, expected) ??
      withEvidence(ev, [KEY.pods, KEY.nodes], expected, (podsEntry, nodesEntry) => {
        const zoneOf = nodeZones(nodesEntry.stdout, config.zones.labelKey)
        const pods = appPods(podsEntry.stdout, config).filter((p) => p.ready)
        const byZone = new Map(
          zones.map((z) => [z, pods.filter((p) => p.node !== undefined && zoneOf.get(p.node) === z)]),
        )
        const where = (p: (typeof pods)[number]) =>
          `${p.name} on ${p.node ?? '(unscheduled)'}${p.node && zoneOf.get(p.node) ? ` (${config.zones.labelKey}=${zoneOf.get(p.node)})` : ''}`
        const unzoned = pods.filter((p) => p.node === undefined || !zoneOf.has(p.node))
        const wrong = [...byZone.entries()].filter(([, ps]) => ps.length !== 1)
        const actual = pods.length === 0 ? 'no ready pods' : pods.map(where).join(', ')
        if (wrong.length === 0 && unzoned.length === 0)
          return pass({ expected, actual, evidence: [podsEntry, nodesEntry] })
        const nodes = new Set(pods.map((p) => p.node))
        const detail =
          pods.length > 1 && nodes.size === 1
            ? `${pods.map((p) => p.name).join(' and ')} ${pods.length === 2 ? 'both' : 'all'} run on ${[...nodes][0]}`
            : wrong
                .map(
                  ([z, ps]) => `zone ${z} has ${ps.length === 0 ? 'none' : ps.map((p) => p.name).join(', ')}`,
                )
                .join('; ')
        return fail({
          expected,
          actual: `${detail}${unzoned.length ? `; not in any zone: ${unzoned.map(where).join(', ')}` : ''} (${actual})`,
          hint: `The Deployment's topologySpreadConstraints on ${config.zones.labelKey} place one pod per zone; check the node labels (kubectl get nodes -L ${config.zones.labelKey}) and re-apply, then delete the extra pod.`,
          evidence: [podsEntry, nodesEntry],
        })
      })
    )
  },
})

export const serviceEndpoints = defineCheck({
  id: 'app.service-endpoints',
  step: STEP.deploy,
  title: 'The Service has a ready endpoint for every replica',
  evaluate: (ev, config) => {
    const expected = `Service ${config.app.service.name} with ${config.app.replicas} ready endpoints`
    return (
      pullGate(ev, config, expected) ??
      withEvidence(ev, [KEY.endpointSlices], expected, (slices) => {
        const eps = readyEndpoints(slices.stdout)
        const actual =
          eps.length === 0
            ? 'no ready endpoints'
            : `${eps.length} ready: ${eps.map((e) => `${e.ip} (${e.pod ?? '?'} on ${e.node ?? '?'})`).join(', ')}`
        return verdict(eps.length === config.app.replicas, {
          expected,
          actual,
          hint: `The Service selector must match the pod labels (app=${config.app.name}) and the pods must pass their readiness probe.`,
          evidence: [slices],
        })
      })
    )
  },
})

const zonePoolCheck = podsInZonePoolCheck({
  id: 'app.pods-in-zone-pool',
  step: STEP.deploy,
  podsKey: KEY.pods,
  poolsKey: KEY.pools,
  nodesKey: KEY.nodes,
  select: (pod, config) => pod.namespace === config.app.namespace && pod.labels.app === config.app.name,
})

/** Lab item 5 seen through the app: each frontend pod's IP lies in its zone's pool (ipam's check on app evidence). */
export const appPodsInZonePool = defineCheck({
  ...zonePoolCheck,
  evaluate: (ev, config) =>
    pullGate(ev, config, `every ${config.app.name} pod has an IP from its zone's pool`) ??
    zonePoolCheck.evaluate(ev, config),
})
