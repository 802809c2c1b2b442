import { describe, expect, it } from 'vitest'
import { readFileSync, writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { parseAllDocuments } from 'yaml'
import { frontendManifest, specHashOf } from './frontend.ts'
import { labConfig } from '@lab4/core/testing'

const golden = (name: string, actual: string): string => {
  const path = fileURLToPath(new URL(`./__golden__/${name}`, import.meta.url))
  if (process.env.UPDATE_GOLDEN) writeFileSync(path, actual)
  return readFileSync(path, 'utf8')
}

describe('frontendManifest', () => {
  it('renders the default Deployment + Service exactly as the golden file', () => {
    const m = frontendManifest(labConfig())
    expect(m.yaml).toBe(golden('frontend.default.yaml', m.yaml))
  })

  it('renders a NodePort variant with another namespace, port and zone key as the golden file', () => {
    const m = frontendManifest(
      labConfig(
        [
          'zones: { labelKey: rack, values: [r1, r2] }',
          'pools: [{ zone: r1, cidr: 10.244.1.0/24 }, { zone: r2, cidr: 10.244.2.0/24 }]',
          'app: { namespace: lab4, service: { type: NodePort, port: 80, name: web }, username: ivanov, company: ITMO }',
        ].join('\n'),
      ),
    )
    expect(m.yaml).toBe(golden('frontend.nodeport.yaml', m.yaml))
  })

  it('is a Deployment (not a ReplicaSet) with the image, both env vars, the spread and a slow-build readiness probe', () => {
    const docs = parseAllDocuments(frontendManifest(labConfig()).yaml).map(
      (d) => d.toJS() as Record<string, unknown>,
    )
    expect(docs.map((d) => d.kind)).toEqual(['Deployment', 'Service'])
    const d = frontendManifest(labConfig()).deployment
    const pod = d.spec?.template.spec
    const c = pod?.containers[0]
    expect(d.spec?.replicas).toBe(2)
    expect(c?.image).toBe('ifilyaninitmo/itdt-contained-frontend:master')
    expect(c?.env).toEqual([
      { name: 'REACT_APP_USERNAME', value: 'student' },
      { name: 'REACT_APP_COMPANY_NAME', value: 'ITMO University' },
    ])
    expect(pod?.topologySpreadConstraints?.[0]).toMatchObject({
      topologyKey: 'zone',
      maxSkew: 1,
      whenUnsatisfiable: 'DoNotSchedule',
    })
    expect(c?.readinessProbe?.tcpSocket?.port).toBe(3000)
    expect(
      (c?.readinessProbe?.periodSeconds ?? 0) * (c?.readinessProbe?.failureThreshold ?? 0),
    ).toBeGreaterThanOrEqual(180)
  })

  it('selects the pod template labels from the Service and forwards to port 3000', () => {
    const m = frontendManifest(labConfig('app: { service: { port: 80 } }'))
    expect(m.service.spec?.selector).toEqual(m.deployment.spec?.template.metadata?.labels)
    expect(m.service.spec?.ports?.[0]).toMatchObject({ port: 80, targetPort: 3000 })
  })

  it('changes the spec hash when the config changes and keeps it otherwise', () => {
    const a = frontendManifest(labConfig())
    const b = frontendManifest(labConfig())
    const c = frontendManifest(labConfig('app: { username: petrov }'))
    expect(specHashOf(a.deployment)).toMatch(/^[0-9a-f]{16}$/)
    expect(specHashOf(b.deployment)).toBe(specHashOf(a.deployment))
    expect(specHashOf(c.deployment)).not.toBe(specHashOf(a.deployment))
    expect(specHashOf(c.service)).toBe(specHashOf(a.service))
  })
})
