import { describe, expect, it } from 'vitest'
import { pageValues, question9 } from './browser.ts'
import { EvidenceBuilder, k, labConfig } from '@lab4/core/testing'
import { frontendPods, zoneNodes, zonePoolList } from '../testing/frontend.ts'
import { PLACEHOLDER } from '../page.ts'
import type { PageObservation } from '../question9.ts'
import { KEY } from '../contract.ts'
import { podA as A, podB as B } from '../testing/scripts.ts'

const config = labConfig()

function run(loads: Array<Partial<PageObservation> & { pod?: typeof A }>, pods = [A, B]) {
  const b = new EvidenceBuilder()
  b.command(KEY.nodes, zoneNodes(), { argv: k('get', 'nodes', '-o', 'json') })
  b.command(KEY.pools, zonePoolList(), {
    argv: k('exec', '-i', '-n', 'kube-system', 'calicoctl', '--', 'calicoctl', 'get', 'ippool', '-o', 'json'),
  })
  const forwards = new Map<string, string>()
  for (const [i, l] of loads.entries()) {
    const pod = l.pod ?? A
    const via = l.via ?? 'service'
    const fwKey = l.forward ?? (via === 'service' ? 'svc' : 'pod')
    if (!forwards.has(fwKey)) {
      forwards.set(
        fwKey,
        b.command(
          via === 'service' ? KEY.portForward : KEY.portForwardOther,
          'Forwarding from 127.0.0.1:3000 -> 3000\n',
          {
            argv: k('-n', 'default', 'port-forward', `${via}/x`, '3000:3000'),
            step: 'app.browser',
            exitCode: 0,
          },
        ),
      )
    }
    const value: PageObservation = {
      url: 'http://127.0.0.1:3000/',
      username: 'student',
      company: 'ITMO University',
      containerName: pod.name,
      containerIp: pod.ip,
      via,
      forward: forwards.get(fwKey) ?? '',
      reload: i,
      ...l,
    }
    delete (value as { pod?: unknown }).pod
    b.observe(KEY.page, value, [value.forward])
  }
  b.command(KEY.browserPods, frontendPods(pods), {
    argv: k('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'json'),
    step: 'app.browser',
  })
  return b.build()
}

const experiment = [{}, {}, {}, {}, { via: 'pod' as const, pod: B }]

describe('app.page-values', () => {
  it('passes loads that show the configured values and real pods', () => {
    const v = pageValues.evaluate(run(experiment), config)
    expect(v.status).toBe('PASS')
    expect(v.actual).toContain('frontend-6f7c9d8b5-k2x8q (10.244.1.5), frontend-6f7c9d8b5-w7dzm (10.244.2.7)')
  })

  it('fails a placeholder, naming the missing variable', () => {
    const v = pageValues.evaluate(run([{ company: PLACEHOLDER }]), config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('REACT_APP_COMPANY_NAME missing')
  })

  it('fails a container name that is not a pod of the Deployment, and an IP that is not the pod’s', () => {
    const v = pageValues.evaluate(
      run([{ containerName: 'frontend-old-x1' }, { containerIp: '10.244.0.9' }]),
      config,
    )
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('"frontend-old-x1" is not a pod of the Deployment')
    expect(v.actual).toContain("IP 10.244.0.9 is not frontend-6f7c9d8b5-k2x8q's IP 10.244.1.5")
  })

  it('is not gradable when no page was loaded', () => {
    expect(pageValues.evaluate(run([]), config)).toMatchObject({
      status: 'NOT-GRADABLE',
      cause: 'missing-evidence',
    })
  })
})

describe('app.question9', () => {
  it('passes: one pod through the service forward, the other pod through its own forward', () => {
    const v = question9.evaluate(run(experiment), config)
    expect(v.status).toBe('PASS')
    expect(v.actual).toContain('no change within a forward')
  })

  it('fails when the values change within one forward', () => {
    const v = question9.evaluate(run([{}, { pod: B }, {}, {}, { via: 'pod', pod: B }]), config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('values changed within one forward')
  })

  it('fails when the other forward showed the same pod', () => {
    expect(question9.evaluate(run([{}, {}, {}, {}, { via: 'pod' }]), config).status).toBe('FAIL')
  })

  it('is not gradable with fewer loads than reloads + 1', () => {
    expect(question9.evaluate(run([{}, { via: 'pod', pod: B }]), config).status).toBe('NOT-GRADABLE')
  })
})
