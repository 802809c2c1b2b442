// Checks for lab items 8–9: the page shows the configured values and a real pod; question 9's experiment ran.
import {
  defineCheck,
  fail,
  notGradable,
  pass,
  type CommandEntry,
  type Evidence,
  type LabConfig,
  type PodSummary,
} from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import { appPods, configPools, nodeZones, zonePools } from '../k8s.ts'
import { missingFields, type PageField } from '../page.ts'
import { answerQuestion9, type PageObservation } from '../question9.ts'
import { pullGate } from './deploy.ts'

const VAR: Record<PageField, string> = {
  username: 'REACT_APP_USERNAME',
  company: 'REACT_APP_COMPANY_NAME',
  containerName: 'Container name',
  containerIp: 'Container IP',
}

/** The app pods as the browser step last recorded them (falling back to the deploy step's list). */
function recordedPods(
  ev: Evidence,
  config: LabConfig,
): { pods: PodSummary[]; entry: CommandEntry } | undefined {
  const entry = [ev.command(KEY.browserPods), ev.command(KEY.pods)].find(
    (e) => e !== undefined && e.exitCode === 0,
  )
  return entry ? { pods: appPods(entry.stdout, config), entry } : undefined
}

const loads = (ev: Evidence) => ev.observations<PageObservation>(KEY.page)

export const pageValues = defineCheck({
  id: 'app.page-values',
  step: STEP.browser,
  title: 'The page shows the configured user and company, and the name and IP of a real pod',
  evaluate: (ev, config) => {
    const expected = `every load shows user "${config.app.username}", company "${config.app.company}", and the name and IP of a ${config.app.name} pod`
    const gate = pullGate(ev, config, expected, KEY.browserPods) ?? pullGate(ev, config, expected)
    if (gate) return gate
    const obs = loads(ev)
    const rec = recordedPods(ev, config)
    if (obs.length === 0 || !rec) {
      return notGradable('missing-evidence', {
        expected,
        actual:
          obs.length === 0
            ? 'no page was loaded (no app.page observation)'
            : 'no recorded pod list to compare with',
        hint: 'Run `pnpm lab --only app.browser`; it port-forwards the Service and opens the page in a headless browser.',
      })
    }
    const evidence = [rec.entry.id, ...obs.map((o) => o.id)]
    const problems = obs.flatMap(({ value: v }) => {
      const where = `${v.via} load ${v.reload}`
      const missing = missingFields(v).map((f) => `${where}: ${VAR[f]} missing (placeholder shown)`)
      const pod = rec.pods.find((p) => p.name === v.containerName)
      return [
        ...missing,
        !missing.length && v.username !== config.app.username && `${where}: user is "${v.username}"`,
        !missing.length && v.company !== config.app.company && `${where}: company is "${v.company}"`,
        !pod &&
          `${where}: "${v.containerName}" is not a pod of the Deployment (${rec.pods.map((p) => p.name).join(', ')})`,
        pod &&
          pod.ip !== v.containerIp &&
          `${where}: IP ${v.containerIp} is not ${pod.name}'s IP ${pod.ip ?? '(none)'}`,
      ].filter((x): x is string => typeof x === 'string')
    })
    const seen = [...new Set(obs.map((o) => `${o.value.containerName} (${o.value.containerIp})`))]
    if (problems.length > 0) {
      return fail({
        expected,
        actual: [...new Set(problems)].join('; '),
        hint: 'Env vars are baked in when a pod starts: fix them in lab.config.yaml, re-run `pnpm lab --only app.deploy` (new pods), then reload.',
        evidence,
      })
    }
    return pass({
      expected,
      actual: `${obs.length} loads showed ${config.app.username} / ${config.app.company} and ${seen.join(', ')}`,
      evidence,
    })
  },
})

export const question9 = defineCheck({
  id: 'app.question9',
  step: STEP.browser,
  title: 'Question 9: values stay fixed through one port-forward and differ on the other pod',
  evaluate: (ev, config) => {
    const expected = `${config.app.reloads + 1} loads through one port-forward of service/${config.app.service.name} show one pod; a port-forward of the other pod shows the other`
    const gate = pullGate(ev, config, expected, KEY.browserPods) ?? pullGate(ev, config, expected)
    if (gate) return gate
    const obs = loads(ev)
    const rec = recordedPods(ev, config)
    const service = obs.filter((o) => o.value.via === 'service')
    const other = obs.filter((o) => o.value.via === 'pod')
    if (service.length < config.app.reloads + 1 || other.length === 0 || !rec) {
      return notGradable('missing-evidence', {
        expected,
        actual: `${service.length} loads through the Service forward, ${other.length} through the other pod${rec ? '' : ', no pod list'}`,
        hint: 'Run `pnpm lab --only app.browser` with both replicas ready.',
        evidence: obs.map((o) => o.id),
      })
    }
    const zoneOf = nodeZones(ev.command(KEY.nodes)?.stdout ?? '{"items":[]}', config.zones.labelKey)
    const poolsEntry = ev.command(KEY.pools)
    const pools =
      poolsEntry?.exitCode === 0 ? zonePools(poolsEntry.stdout, config.zones.labelKey) : configPools(config)
    const pods = rec.pods.map((p) => ({
      name: p.name,
      ip: p.ip,
      node: p.node,
      zone: p.node ? zoneOf.get(p.node) : undefined,
    }))
    const a = answerQuestion9(
      obs.map((o) => o.value),
      pods,
      pools,
    )
    const evidence = [rec.entry.id, ...obs.map((o) => o.id)]
    const forwards = a.forwards
      .map(
        (f) =>
          `${f.via} forward ${f.forward}: ${f.loads} load${f.loads === 1 ? '' : 's'}, ${f.pods.join(' → ')}`,
      )
      .join('; ')
    if (a.changedWithinForward) {
      return fail({
        expected,
        actual: `values changed within one forward (${forwards})`,
        hint: 'kubectl port-forward pins one pod for its whole life; a change means the page came from elsewhere (another process on the local port?).',
        evidence,
      })
    }
    if (!a.changedAcrossForwards) {
      return fail({
        expected,
        actual: `every forward showed the same pod (${forwards})`,
        hint: 'Both replicas must be Ready so the second forward reaches the other pod.',
        evidence,
      })
    }
    return pass({
      expected,
      actual: `no change within a forward; the other pod showed its own name and IP (${forwards})`,
      evidence,
    })
  },
})
