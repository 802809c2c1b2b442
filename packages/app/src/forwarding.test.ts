import { describe, expect, it } from 'vitest'
import { forwardedPort, parseForwarding } from './forwarding.ts'
import { fixture } from './testing/fixture.ts'

describe('parseForwarding', () => {
  it('reads both listeners from real kubectl output and ignores "Handling connection" lines', () => {
    const text = fixture('DeerHolt__port-forward-handling-connection.txt')
    expect(parseForwarding(text)).toEqual([
      { address: '127.0.0.1', localPort: 3000, remotePort: 3000 },
      { address: '[::1]', localPort: 3000, remotePort: 3000 },
    ])
    expect(forwardedPort(text)).toBe(3000)
  })

  it('reads the random local port kubectl picked for `:3000`', () => {
    expect(
      forwardedPort('Forwarding from 127.0.0.1:41873 -> 3000\nForwarding from [::1]:41873 -> 3000\n'),
    ).toBe(41873)
  })

  it('uses the IPv6 listener when it is the only one', () => {
    expect(forwardedPort('Forwarding from [::1]:3001 -> 3000\n')).toBe(3001)
  })

  it('finds nothing in an error', () => {
    expect(forwardedPort(fixture('kubectl-port-forward-errors.txt'))).toBeUndefined()
  })
})
