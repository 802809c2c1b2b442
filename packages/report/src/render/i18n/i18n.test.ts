import { describe, expect, it } from 'vitest'
import type { VerdictEntry } from '@lab4/core'
import { appSteps } from '@lab4/app'
import { clusterSteps } from '@lab4/cluster'
import { ipamSteps } from '@lab4/ipam'
import { fixtureRun } from '../../testing/fixtures.ts'
import { TITLES_RU, verdictTextRu } from './checks-ru.ts'
import { plural } from './strings.ts'

describe('plural', () => {
  it('picks the Russian form through Intl.PluralRules', () => {
    const f = ['проверка', 'проверки', 'проверок'] as const
    expect([1, 2, 5, 11, 21, 22, 25, 0].map((n) => plural('ru', n, f))).toEqual([
      '1 проверка',
      '2 проверки',
      '5 проверок',
      '11 проверок',
      '21 проверка',
      '22 проверки',
      '25 проверок',
      '0 проверок',
    ])
    expect(plural('ru', 422, ['байт', 'байта', 'байт'])).toBe('422 байта')
    expect(plural('en', 1, ['check', 'checks', 'checks'])).toBe('1 check')
    expect(plural('en', 19, ['check', 'checks', 'checks'])).toBe('19 checks')
  })
})

describe('Russian check texts', () => {
  it('every check of the lab has a Russian title', () => {
    const ids = [...clusterSteps, ...ipamSteps, ...appSteps].flatMap((s) => s.checks.map((c) => c.id))
    expect(ids.length).toBeGreaterThanOrEqual(19)
    expect(ids.filter((id) => TITLES_RU[id] === undefined)).toEqual([])
  })

  it('translates expected and actual of every verdict a simulated run recorded, keeping names and addresses', () => {
    const verdicts = fixtureRun('run-sim').run.entries.filter((e): e is VerdictEntry => e.type === 'verdict')
    expect(verdicts.length).toBeGreaterThanOrEqual(19)
    const left = verdicts.flatMap((v) =>
      [v.expected, v.actual].flatMap((t) => (verdictTextRu(t) === undefined ? [`${v.check}: ${t}`] : [])),
    )
    expect(left).toEqual([])
    expect(verdictTextRu('2 nodes, all Ready')).toBe('2 узла, все Ready')
    expect(
      verdictTextRu('calico-node-wkmdv on lab4 1/1 Running; calico-node-96ggs on lab4-m02 1/1 Running'),
    ).toBe('calico-node-wkmdv на lab4 1/1 Running; calico-node-96ggs на lab4-m02 1/1 Running')
    expect(verdictTextRu('Service frontend with 2 ready endpoints')).toBe(
      'Service frontend с 2 готовыми endpoint-ами',
    )
  })

  it('gives up (undefined) rather than mixing languages when a phrase is unknown', () => {
    expect(verdictTextRu('the moon is made of cheese')).toBeUndefined()
  })

  it('translates the common failure hints too', () => {
    const hints = [
      'Label with the real node names: kubectl --context lab4 label node lab4 zone=east --overwrite',
      'Both replicas must be Ready so the second forward reaches the other pod.',
      'Ping the OTHER pod by name: `kubectl exec A -- ping -c 3 <B-ip-dashed>.<svc>.<ns>.svc.cluster.local`; ttl=64 means the reply came from the same host.',
      'The step that records this evidence did not run or was interrupted; re-run `pnpm lab`.',
    ]
    expect(hints.filter((h) => verdictTextRu(h) === undefined)).toEqual([])
  })
})
