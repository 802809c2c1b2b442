import { describe, expect, it } from 'vitest'
import { networkStep } from './network.ts'
import { labConfig, runScripted } from '@lab4/core/testing'
import { networkScript as script, podA as A, podB as B } from '../testing/scripts.ts'

const config = labConfig()

describe('networkStep', () => {
  it('runs nslookup and ping by FQDN from each pod to the pod on the other node, and the checks pass', async () => {
    const { result } = await runScripted(
      [networkStep],
      script((a) => (a === A ? B : A)),
      { config, assertDone: true },
    )
    expect(result.results.map((r) => [r.check, r.status])).toEqual([
      ['app.neighbour-ping', 'PASS'],
      ['app.dns-resolves', 'PASS'],
      ['app.clusterip-no-ping', 'PASS'],
    ])
    expect(result.steps).toEqual([{ id: 'app.network', status: 'unchanged' }])
  })

  it('with --ping-target self each pod pings itself and app.neighbour-ping FAILs naming the pods', async () => {
    const { result, record } = await runScripted(
      [networkStep],
      script((a) => a),
      { config, flags: { 'ping-target': 'self' }, assertDone: true },
    )
    const v = result.results.find((r) => r.check === 'app.neighbour-ping')
    expect(v?.status).toBe('FAIL')
    expect(v?.actual).toContain(`${A.name} pinged itself`)
    expect(v?.actual).toContain(`not its neighbour ${B.name}`)
    expect(record.entries.some((e) => e.type === 'note' && e.message.startsWith('ping-target=self'))).toBe(
      true,
    )
  })

  it('plans the commands with placeholder pods per zone', () => {
    const argvs = networkStep.plan(config).flatMap((p) => (p.kind === 'command' ? [p.argv.join(' ')] : []))
    expect(argvs).toContain(
      'kubectl --context lab4 -n default exec <pod in zone east> -- ping -c 3 <IP of the pod in zone west, dashed>.frontend.default.svc.cluster.local',
    )
    expect(argvs).toContain(
      'kubectl --context lab4 -n default exec <pod in zone west> -- ping -c 3 -W 2 <ClusterIP>',
    )
  })
})
