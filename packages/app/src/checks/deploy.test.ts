import { describe, expect, it } from 'vitest'
import { appPodsInZonePool, deploymentReady, onePodPerZone, serviceEndpoints } from './deploy.ts'
import { EvidenceBuilder, kc } from '../testing/evidence.ts'
import { deploymentJson, endpointSlicesJson, ippoolsJson, nodesJson, podsJson } from '../testing/kube-json.ts'
import { testConfig } from '../testing/config.ts'
import { defined } from '../testing/fixture.ts'
import { KEY } from '../contract.ts'

const config = testConfig()
const nodes = nodesJson([
  { name: 'lab4', zone: 'east' },
  { name: 'lab4-m02', zone: 'west' },
])
const spread = [
  { name: 'frontend-6f7c9d8b5-k2x8q', node: 'lab4', ip: '10.244.1.5' },
  { name: 'frontend-6f7c9d8b5-w7dzm', node: 'lab4-m02', ip: '10.244.2.7' },
]

function evidence(o: {
  deployment?: string
  pods?: typeof spread | Parameters<typeof podsJson>[0]
  slices?: string
  deploymentExit?: number
}) {
  const b = new EvidenceBuilder()
  const ids = {
    deployment: b.command(
      KEY.deployment,
      kc('-n', 'default', 'get', 'deployment', 'frontend', '-o', 'json'),
      o.deployment ?? deploymentJson(),
      {
        exitCode: o.deploymentExit ?? 0,
        stderr: o.deploymentExit
          ? 'Error from server (NotFound): deployments.apps "frontend" not found\n'
          : '',
      },
    ),
    pods: b.command(
      KEY.pods,
      kc('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'json'),
      podsJson(o.pods ?? spread),
    ),
    nodes: b.command(KEY.nodes, kc('get', 'nodes', '-o', 'json'), nodes),
    slices: b.command(
      KEY.endpointSlices,
      kc('-n', 'default', 'get', 'endpointslices', '-l', 'kubernetes.io/service-name=frontend', '-o', 'json'),
      o.slices ?? endpointSlicesJson(spread.map((p) => ({ ip: p.ip, pod: p.name, node: p.node }))),
    ),
  }
  return { ev: b.build(), ids }
}

describe('app.deployment-ready', () => {
  it('passes a Deployment with 2/2 ready replicas of the lab image and both env vars', () => {
    const { ev, ids } = evidence({})
    const v = deploymentReady.evaluate(ev, config)
    expect(v.status).toBe('PASS')
    expect(v.evidence).toEqual([ids.deployment])
  })

  it('fails a wrong image and a missing env var, naming both', () => {
    const { ev } = evidence({
      deployment: deploymentJson({
        image: 'nginx:1.25',
        env: [{ name: 'REACT_APP_USERNAME', value: 'student' }],
      }),
    })
    const v = deploymentReady.evaluate(ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('image is nginx:1.25')
    expect(v.actual).toContain('REACT_APP_COMPANY_NAME is not set')
  })

  it('accepts env vars that come from a ConfigMap', () => {
    const env = [
      {
        name: 'REACT_APP_USERNAME',
        valueFrom: { configMapKeyRef: { name: 'frontend-env', key: 'REACT_APP_USERNAME' } },
      },
      {
        name: 'REACT_APP_COMPANY_NAME',
        valueFrom: { configMapKeyRef: { name: 'frontend-env', key: 'REACT_APP_COMPANY_NAME' } },
      },
    ]
    expect(
      deploymentReady.evaluate(evidence({ deployment: deploymentJson({ env }) }).ev, config).status,
    ).toBe('PASS')
  })

  it('fails 1/2 ready replicas', () => {
    const v = deploymentReady.evaluate(evidence({ deployment: deploymentJson({ ready: 1 }) }).ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('1/2 replicas ready')
  })

  it('fails when the Deployment does not exist', () => {
    const v = deploymentReady.evaluate(evidence({ deploymentExit: 1, deployment: '' }).ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toBe('no Deployment frontend in namespace default')
  })

  it('is not gradable (environment) when the pods cannot pull the image', () => {
    const pods = [
      { name: 'frontend-6f7c9d8b5-k2x8q', node: 'lab4', waiting: 'ImagePullBackOff' },
      { name: 'frontend-6f7c9d8b5-w7dzm', node: 'lab4-m02', waiting: 'ErrImagePull' },
    ]
    const { ev } = evidence({ deployment: deploymentJson({ ready: 0 }), pods })
    for (const check of [deploymentReady, onePodPerZone, serviceEndpoints]) {
      const v = check.evaluate(ev, config)
      expect(v.status).toBe('NOT-GRADABLE')
      expect(v.cause).toBe('environment')
      expect(v.actual).toContain('frontend-6f7c9d8b5-k2x8q 0/1 ImagePullBackOff on lab4')
    }
  })

  it('is not gradable when nothing was recorded', () => {
    const v = deploymentReady.evaluate(new EvidenceBuilder().build(), config)
    expect(v).toMatchObject({ status: 'NOT-GRADABLE', cause: 'missing-evidence' })
  })
})

describe('app.one-pod-per-zone', () => {
  it('passes one ready pod in east and one in west', () => {
    const v = onePodPerZone.evaluate(evidence({}).ev, config)
    expect(v.status).toBe('PASS')
    expect(v.actual).toBe(
      'frontend-6f7c9d8b5-k2x8q on lab4 (zone=east), frontend-6f7c9d8b5-w7dzm on lab4-m02 (zone=west)',
    )
  })

  it('fails when both pods land on one node, naming the pods and the node', () => {
    const pods = spread.map((p) => ({ ...p, node: 'lab4-m02' }))
    const v = onePodPerZone.evaluate(evidence({ pods }).ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('frontend-6f7c9d8b5-k2x8q and frontend-6f7c9d8b5-w7dzm both run on lab4-m02')
  })

  it('fails when a zone has no ready pod', () => {
    const [first, second] = spread
    const pods = [defined(first), { ...defined(second), ready: false }]
    const v = onePodPerZone.evaluate(evidence({ pods }).ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('zone west has none')
  })
})

describe('app.service-endpoints', () => {
  it('passes 2 ready endpoints', () => {
    const v = serviceEndpoints.evaluate(evidence({}).ev, config)
    expect(v.status).toBe('PASS')
    expect(v.actual).toContain('10.244.1.5 (frontend-6f7c9d8b5-k2x8q on lab4)')
  })

  it('fails when one endpoint is not ready', () => {
    const slices = endpointSlicesJson([
      { ip: '10.244.1.5', pod: 'frontend-6f7c9d8b5-k2x8q', node: 'lab4' },
      { ip: '10.244.2.7', pod: 'frontend-6f7c9d8b5-w7dzm', node: 'lab4-m02', ready: false },
    ])
    const v = serviceEndpoints.evaluate(evidence({ slices }).ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toMatch(/^1 ready/)
  })
})

describe('app.pods-in-zone-pool', () => {
  const pools = ippoolsJson([
    { name: 'east-ippool', cidr: '10.244.1.0/24', selector: 'zone == "east"' },
    { name: 'west-ippool', cidr: '10.244.2.0/24', selector: 'zone == "west"' },
  ])
  const withPools = (pods: Parameters<typeof podsJson>[0]) => {
    const b = new EvidenceBuilder()
    b.command(
      KEY.pods,
      kc('-n', 'default', 'get', 'pods', '-l', 'app=frontend', '-o', 'json'),
      podsJson(pods),
    )
    b.command(KEY.nodes, kc('get', 'nodes', '-o', 'json'), nodes)
    b.command(
      KEY.pools,
      kc('exec', '-i', '-n', 'kube-system', 'calicoctl', '--', 'calicoctl', 'get', 'ippool', '-o', 'json'),
      pools,
    )
    return b.build()
  }

  it('passes when each pod IP is in its zone pool', () => {
    expect(appPodsInZonePool.evaluate(withPools(spread), config).status).toBe('PASS')
  })

  it('fails a pod that kept an IP from the old default pool, naming it', () => {
    const v = appPodsInZonePool.evaluate(
      withPools([
        { name: 'frontend-6f7c9d8b5-k2x8q', node: 'lab4', ip: '10.244.1.5' },
        { name: 'frontend-6f7c9d8b5-w7dzm', node: 'lab4-m02', ip: '10.244.120.67' },
      ]),
      config,
    )
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('frontend-6f7c9d8b5-w7dzm (10.244.120.67) on lab4-m02')
  })
})
