import { describe, expect, it } from 'vitest'
import { parse as parseYaml } from 'yaml'
import { redact, redactValue } from './redact.ts'

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
    ['a numeric password', '{"password": 20262026}', '20262026'],
    ['a password in an env variable', 'MYSQL_ROOT_PASSWORD=r00tpass', 'r00tpass'],
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
  it('keeps a pod JSON parseable: non-secret fields named like secrets stay, secret strings go', () => {
    const pod = {
      spec: {
        automountServiceAccountToken: false,
        volumes: [
          {
            name: 'kube-api-access-x2v4k',
            projected: { sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }] },
          },
          { name: 'certs', secret: { secretName: 'calico-certs', defaultMode: 420 } },
        ],
        containers: [{ env: [{ name: 'DB_PASSWORD', value: 'x' }], args: ['--token=abcdef0123456789'] }],
      },
      data: { token: 'c2VjcmV0dG9rZW4=', 'ca.crt': `${KEY}\n` },
    }
    const text = JSON.stringify(pod, null, 4)
    const out = redact(text)
    const back = JSON.parse(out) as typeof pod
    expect(back.spec.automountServiceAccountToken).toBe(false)
    expect(back.spec.volumes[0]?.projected?.sources[0]?.serviceAccountToken.expirationSeconds).toBe(3607)
    expect(back.spec.volumes[1]?.secret?.secretName).toBe('calico-certs')
    expect(back.data.token).toBe('[REDACTED]')
    expect(back.data['ca.crt']).toBe(
      '-----BEGIN RSA PRIVATE KEY-----\n[REDACTED]\n-----END RSA PRIVATE KEY-----\n',
    )
    expect(out).not.toContain('abcdef0123456789')
    expect(out).not.toContain('MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun')
  })

  it('keeps a kubeconfig YAML a mapping with the same keys', () => {
    const kubeconfig = [
      'users:',
      '- name: lab4',
      '  user:',
      '    client-certificate-data: LS0tLS1CRUdJTiBDRVJUSUZJQ0FURS0tLS0tCk1JSUREekND',
      '    client-key-data: LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFB',
      '    token: s3cr3t-t0ken-value',
      '',
    ].join('\n')
    const out = redact(kubeconfig)
    const user = (parseYaml(out) as { users: Array<{ user: Record<string, unknown> }> }).users[0]?.user
    expect(Object.keys(user ?? {})).toEqual(['client-certificate-data', 'client-key-data', 'token'])
    expect(out).not.toMatch(/LS0tLS1CRUdJTi|s3cr3t-t0ken-value/)
  })

  it('keeps JSON valid around a PEM block written on one line (a config value shown in a JSON output)', () => {
    const json = JSON.stringify({
      env: [
        { name: 'COMPANY', value: `-----BEGIN EC PRIVATE KEY-----MHcCAQEEIBkg-----END EC PRIVATE KEY-----` },
      ],
    })
    const out = redact(json)
    expect(JSON.parse(out)).toEqual({
      env: [
        { name: 'COMPANY', value: '-----BEGIN EC PRIVATE KEY-----[REDACTED]-----END EC PRIVATE KEY-----' },
      ],
    })
  })

  it('finds a base64 PEM block without its key name', () => {
    expect(redact('data LS0tLS1CRUdJTiBSU0EgUFJJVkFURSBLRVktLS0tLQpNSUlFb3dJQkFB end')).toBe(
      'data [REDACTED] end',
    )
  })

  it('is idempotent: redacting a redacted text changes nothing', () => {
    const once = redact(
      `Authorization: Bearer abcdef0123456789xyz\ntoken: "abc"\npassword: x1\n--token=zzzzzzzz\n${KEY}\n`,
    )
    expect(redact(once)).toBe(once)
  })

  it('redacts every string inside a value and keeps the rest', () => {
    const v = { a: ['Bearer abcdef0123456789xyz', 3, true], b: { c: 'password: hunter2hunter2', d: null } }
    expect(redactValue(v)).toEqual({
      a: ['Bearer [REDACTED]', 3, true],
      b: { c: 'password: [REDACTED]', d: null },
    })
  })
})
