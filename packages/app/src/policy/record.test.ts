import { describe, expect, it } from 'vitest'
import { parse } from 'yaml'
import { kubectlJson, labConfig, runScripted } from '@lab4/core/testing'
import { policyStep } from '../steps/policy.ts'
import { policyManifests } from '../manifests/policy.ts'
import { RecordStore, policyFirstRun } from '../testing/policy.ts'
import { podA as A, podB as B } from '../testing/scripts.ts'
import { buildRecord, parseRecord, recordGap, type PolicyRecord } from './record.ts'

const config = labConfig()
const hash = policyManifests(config).hash

async function firstRun() {
  const store = new RecordStore()
  const run = await runScripted([policyStep], policyFirstRun(store), { config, assertDone: true })
  return { store, run }
}

describe('the record of the experiment', () => {
  it('is what the step applied: the pods with labels, both manifests, the last of every probe, read back whole', async () => {
    const { store } = await firstRun()
    const got = parseRecord(kubectlJson(parse(store.yaml)))
    if ('problem' in got) throw new Error(got.problem)
    expect(got.pods.map((p) => [p.name, p.ip, p.labels.app])).toEqual([
      [A.name, A.ip, 'frontend'],
      [B.name, B.ip, 'frontend'],
    ])
    expect(got.manifests).toEqual({
      deny: policyManifests(config).deny.yaml,
      allow: policyManifests(config).allow.yaml,
    })
    expect(got.probes).toHaveLength(16)
    expect(got.hash).toBe(hash)
    expect(recordGap(got, hash)).toBeUndefined()
  })

  it('is not complete without a probe, with other manifests, or with one pod', async () => {
    const { run } = await firstRun()
    const full = buildRecord(run.commands, { run: 'r1', at: '2025-01-14T01:30:00.000Z', hash })
    const lacking: PolicyRecord = {
      ...full,
      probes: full.probes.filter((p) => p.key !== `app.policy.deny.ping.${A.name}`),
    }
    expect(recordGap(lacking, hash)).toBe(`it lacks app.policy.deny.ping.${A.name}`)
    expect(recordGap(full, 'other')).toBe('it was made with other policy manifests')
    expect(recordGap({ ...full, pods: full.pods.slice(1) }, hash)).toBe(
      'it names 1 pod(s); the experiment needs two',
    )
  })

  it('says what is wrong with a ConfigMap that does not hold a record', () => {
    expect(parseRecord('not json')).toEqual({ problem: 'the ConfigMap output is not JSON' })
    expect(parseRecord('{"data":{}}')).toEqual({ problem: 'the ConfigMap has no data.record.json' })
    expect(parseRecord('{"data":{"record.json":"{\\"schema\\":\\"v0\\"}"}}')).toEqual({
      problem: 'data.record.json is not a lab4.policy-record/v1 record',
    })
  })
})
