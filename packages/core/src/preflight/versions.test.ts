import { describe, expect, it } from 'vitest'
import { calicoOf, compareVersions, parseMinikubeVersion } from './versions.ts'

describe('minikube → Calico (facts §1.1)', () => {
  it.each([
    ['v1.30.0', 'v3.24.5'],
    ['v1.34.0', 'v3.28.1'],
    ['v1.37.0', 'v3.30.3'],
    ['v1.38.1', 'v3.31.3'],
  ])('minikube %s installs Calico %s', (minikube, calico) => {
    expect(calicoOf(minikube)).toEqual({ calico, from: minikube, exact: true })
  })

  it('a release between rows takes the row at or below it; one before the table has none', () => {
    expect(calicoOf('v1.36.2')).toEqual({ calico: 'v3.30.0', from: 'v1.36.0', exact: false })
    expect(calicoOf('v1.29.0')).toBeUndefined()
  })

  it('reads `minikube version --short` and compares by number, not text', () => {
    expect(parseMinikubeVersion('v1.34.0\n')).toBe('v1.34.0')
    expect(parseMinikubeVersion('minikube version: v1.33.1\ncommit: 5883c09\n')).toBe('v1.33.1')
    expect(compareVersions('v1.9.0', 'v1.30.0')).toBeLessThan(0)
    expect(compareVersions('v1.38.1', 'v1.38.0')).toBeGreaterThan(0)
  })
})
