import { describe, expect, it } from 'vitest'
import { appPodsInZonePool, deploymentReady, onePodPerZone, serviceEndpoints } from './deploy.ts'
import { EvidenceBuilder, k, labConfig } from '@lab4/core/testing'
import {
  frontendDeploymentJson,
  frontendPods,
  frontendSlices,
  zoneNodes,
  zonePoolList,
  type FrontendPod,
} from '../testing/frontend.ts'
import { defined } from '../testing/fixture.ts'
import { KEY } from '../contract.ts'
import { deployArgv, slices } from '../testing/scripts.ts'

const config = labConfig()
const nodes = zoneNodes()
const spread = [
  { name: 'frontend-6f7c9d8b5-k2x8q', node: 'lab4', ip: '10.244.1.5' },
  { name: 'frontend-6f7c9d8b5-w7dzm', node: 'lab4-m02', ip: '10.244.2.7' },
]

function evidence(o: {
  deployment?: string
  pods?: typeof spread | FrontendPod[]
  slices?: string
  deploymentExit?: number
}) {
  const b = new EvidenceBuilder()
  const ids = {
    deployment: b.command(KEY.deployment, o.deployment ?? frontendDeploymentJson(), {
      argv: deployArgv.getDeployment,
      exitCode: o.deploymentExit ?? 0,
      stderr: o.deploymentExit ? 'Error from server (NotFound): deployments.apps "frontend" not found\n' : '',
    }),
    pods: b.command(KEY.pods, frontendPods(o.pods ?? spread), { argv: deployArgv.getPods }),
    nodes: b.command(KEY.nodes, nodes, { argv: k('get', 'nodes', '-o', 'json') }),
    slices: b.command(KEY.endpointSlices, o.slices ?? slices, { argv: deployArgv.getSlices }),
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
      deployment: frontendDeploymentJson({
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
      deploymentReady.evaluate(evidence({ deployment: frontendDeploymentJson({ env }) }).ev, config).status,
    ).toBe('PASS')
  })

  it('fails 1/2 ready replicas', () => {
    const v = deploymentReady.evaluate(
      evidence({ deployment: frontendDeploymentJson({ ready: 1 }) }).ev,
      config,
    )
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
    const { ev } = evidence({ deployment: frontendDeploymentJson({ ready: 0 }), pods })
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
    const slices = frontendSlices([
      { ip: '10.244.1.5', pod: 'frontend-6f7c9d8b5-k2x8q', node: 'lab4' },
      { ip: '10.244.2.7', pod: 'frontend-6f7c9d8b5-w7dzm', node: 'lab4-m02', ready: false },
    ])
    const v = serviceEndpoints.evaluate(evidence({ slices }).ev, config)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toMatch(/^1 ready/)
  })
})

describe('app.pods-in-zone-pool', () => {
  const pools = zonePoolList()
  const withPools = (pods: FrontendPod[]) => {
    const b = new EvidenceBuilder()
    b.command(KEY.pods, frontendPods(pods), {
      argv: deployArgv.getPods,
    })
    b.command(KEY.nodes, nodes, { argv: k('get', 'nodes', '-o', 'json') })
    b.command(KEY.pools, pools, {
      argv: k(
        'exec',
        '-i',
        '-n',
        'kube-system',
        'calicoctl',
        '--',
        'calicoctl',
        'get',
        'ippool',
        '-o',
        'json',
      ),
    })
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
