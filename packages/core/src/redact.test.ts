import { describe, expect, it } from 'vitest'
import { redact } from './redact.ts'

const KEY = `-----BEGIN RSA PRIVATE KEY-----
MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
-----END RSA PRIVATE KEY-----`

describe('redact', () => {
  it.each([
    ['a bearer token', 'Authorization: Bearer abcdef0123456789xyz', 'abcdef0123456789xyz'],
    [
      'a JWT service-account token',
      'token eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJzdWIiOiJzeXN0ZW0ifQ.c2lnbmF0dXJlLXZhbHVl',
      'eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9',
    ],
    [
      'a kubeconfig client key',
      '    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=',
      'LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQo=',
    ],
    ['a client certificate', 'client-certificate-data: Q0VSVElGSUNBVEU=', 'Q0VSVElGSUNBVEU='],
    ['a password', 'password: hunter2hunter2', 'hunter2hunter2'],
    ['a --token flag', 'kubectl --token s3cr3tvalue get pods', 's3cr3tvalue'],
    [
      'a PEM private key',
      `key:\n${KEY}\n`,
      'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun',
    ],
  ])('removes %s', (_name, input, secret) => {
    const out = redact(input)
    expect(out).not.toContain(secret)
    expect(out).toContain('REDACTED')
  })

  it('writes the home path as ~', () => {
    expect(redact('certificate-authority: /home/alice/.minikube/ca.crt', { home: '/home/alice' })).toBe(
      'certificate-authority: ~/.minikube/ca.crt',
    )
  })

  it('leaves ordinary kubectl output alone', () => {
    const table =
      'NAME       STATUS   ROLES           AGE   VERSION\nlab4       Ready    control-plane   5m    v1.31.0\n'
    expect(redact(table, { home: '/home/alice' })).toBe(table)
  })
})
