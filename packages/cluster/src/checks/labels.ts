// Checks for lab item 4: every node carries its configured zone, and each zone is on exactly one node.
import { defineCheck, orderNodes, verdict, withEvidence } from '@lab4/core'
import { KEY, STEP } from '../contract.ts'
import { readNodes } from '../ready.ts'

export const zoneLabels = defineCheck({
  id: 'cluster.zone-labels',
  step: STEP.labels,
  title: 'each node carries its configured zone label',
  evaluate: (ev, config) => {
    const { labelKey: key, values } = config.zones
    return withEvidence(ev, [KEY.nodesJson], `zones in node order: ${values.join(', ')}`, (c) => {
      const nodes = orderNodes(readNodes(c.stdout))
      const pairs = nodes.map((n, i) => ({ node: n.name, want: values[i], have: n.labels[key] }))
      const expected = pairs.length
        ? pairs.map((p) => `${p.node} ${key}=${p.want ?? '(no value configured)'}`).join(', ')
        : `${values.length} nodes labelled ${values.join(', ')}`
      const actual = pairs.map((p) => `${p.node} ${key}=${p.have ?? '(none)'}`).join(', ') || 'no nodes'
      const wrong = pairs.filter((p) => p.want === undefined || p.have !== p.want)
      const ok = nodes.length === values.length && wrong.length === 0
      const hint =
        nodes.length !== values.length
          ? `${nodes.length} node(s) but ${values.length} zone value(s); zones.values needs one value per node.`
          : `Label with the real node names: ${wrong.map((p) => `kubectl --context ${config.profile} label node ${p.node} ${key}=${p.want} --overwrite`).join('; ')}`
      return verdict(ok, { expected, actual, hint, evidence: [c] })
    })
  },
})

export const zoneUnique = defineCheck({
  id: 'cluster.zone-unique',
  step: STEP.labels,
  title: 'every zone value is on exactly one node',
  evaluate: (ev, config) => {
    const { labelKey: key, values } = config.zones
    const expected = values.map((v) => `${key}=${v} on 1 node`).join(', ')
    return withEvidence(ev, [KEY.nodesJson], expected, (c) => {
      const nodes = orderNodes(readNodes(c.stdout))
      const holders = values.map((v) => ({
        value: v,
        nodes: nodes.filter((n) => n.labels[key] === v).map((n) => n.name),
      }))
      const actual = holders
        .map((h) => `${key}=${h.value} on ${h.nodes.length ? h.nodes.join(', ') : 'no node'}`)
        .join('; ')
      const bad = holders.filter((h) => h.nodes.length !== 1)
      const hint = `Each zone's IP pool selects its nodes by label, so each value must sit on one node: ${bad.map((h) => `${h.value} is on ${h.nodes.length}`).join(', ')}.`
      return verdict(bad.length === 0, { expected, actual, hint, evidence: [c] })
    })
  },
})

export const labelChecks = [zoneLabels, zoneUnique]
