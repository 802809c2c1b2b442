import { describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parse } from 'yaml'
import { labConfig } from '@lab4/core/testing'
import { policyManifests, recordManifest } from './policy.ts'

const golden = (name: string, actual: string): string => {
  const path = fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url))
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual)
  return readFileSync(path, 'utf8')
}

describe('policyManifests', () => {
  it('renders the deny and allow-http NetworkPolicies of the default config exactly as the golden files', () => {
    const m = policyManifests(labConfig())
    expect(m.deny.yaml).toBe(golden('policy-deny.yaml', m.deny.yaml))
    expect(m.allow.yaml).toBe(golden('policy-allow-http.yaml', m.allow.yaml))
  })

  it('the deny policy selects the app pods for Ingress with no rule; the allow policy opens TCP 3000 from them', () => {
    const m = policyManifests(labConfig('app: { name: web, namespace: lab4 }'))
    const deny = parse(m.deny.yaml)
    const allow = parse(m.allow.yaml)
    expect(deny.metadata).toMatchObject({ name: 'web-deny-ingress', namespace: 'lab4' })
    expect(deny.spec).toEqual({ podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] })
    expect(allow.metadata.name).toBe('web-allow-http')
    expect(allow.spec.ingress).toEqual([
      { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 3000 }] },
    ])
  })

  it('changes its hash when what the policies select changes', () => {
    const config = labConfig()
    expect(policyManifests(config).hash).toBe(policyManifests(config).hash)
    const typo = policyManifests(config, { selects: 'frontend-typo' })
    expect(typo.hash).not.toBe(policyManifests(config).hash)
    expect(parse(typo.allow.yaml).spec.podSelector.matchLabels.app).toBe('frontend-typo')
    // The allowed sources stay the app's own pods.
    expect(parse(typo.allow.yaml).spec.ingress[0].from[0].podSelector.matchLabels.app).toBe('frontend')
  })
})

describe('recordManifest', () => {
  it('keeps the record as one string in data.record.json of a labelled ConfigMap', () => {
    const doc = parse(recordManifest(labConfig(), '{"schema":"x","text":"a: b\\n"}'))
    expect(doc.metadata).toEqual({
      name: 'frontend-policy-experiment',
      namespace: 'default',
      labels: { 'lab4.itmo/experiment': 'policy' },
    })
    expect(JSON.parse(doc.data['record.json'])).toEqual({ schema: 'x', text: 'a: b\n' })
  })
})
