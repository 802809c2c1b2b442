import { describe, expect, it } from 'vitest'
import { kubectlVersion, profileList, realProfileList, statusJson } from './index.ts'

describe('minikube and kubectl JSON', () => {
  it('the real profile-list excerpts join into one JSON document', () => {
    const real = JSON.parse(realProfileList()) as { valid: Array<{ Name: string; Status: string }> }
    expect(real.valid.map((p) => [p.Name, p.Status])).toEqual([['minikube', 'Stopped']])
  })

  it('profileList changes only the settings asked for', () => {
    type P = {
      Name: string
      Status: string
      Config: {
        Driver: string
        KubernetesConfig: { CNI: string }
        Nodes: Array<{ Name: string; IP: string; ControlPlane: boolean }>
      }
    }
    const parsed = JSON.parse(profileList([{ name: 'lab4', nodes: 2 }], ['broken'])) as {
      invalid: Array<{ Name: string }>
      valid: P[]
    }
    const p = parsed.valid[0]
    expect([p?.Name, p?.Status, p?.Config.Driver, p?.Config.KubernetesConfig.CNI]).toEqual([
      'lab4',
      'OK',
      'docker',
      'calico',
    ])
    expect(p?.Config.Nodes.map((n) => [n.Name, n.IP, n.ControlPlane])).toEqual([
      ['', '192.168.49.2', true],
      ['m02', '192.168.49.3', false],
    ])
    expect(parsed.invalid.map((x) => x.Name)).toEqual(['broken'])
  })

  it('status is an object for one node and an array for several', () => {
    expect(JSON.parse(statusJson('lab4', 1))).toMatchObject({ Name: 'lab4', Host: 'Running', Worker: false })
    expect(
      (JSON.parse(statusJson('lab4', 2, 'Stopped')) as Array<{ Name: string; Kubeconfig: string }>).map(
        (n) => [n.Name, n.Kubeconfig],
      ),
    ).toEqual([
      ['lab4', 'Stopped'],
      ['lab4-m02', 'Irrelevant'],
    ])
  })

  it('kubectl version has a serverVersion only when a server answered', () => {
    expect(JSON.parse(kubectlVersion('v1.31.0', 'v1.31.0')).serverVersion.minor).toBe('31')
    expect(JSON.parse(kubectlVersion('v1.31.0'))).not.toHaveProperty('serverVersion')
  })
})
