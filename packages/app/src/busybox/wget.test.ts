import { describe, expect, it } from 'vitest'
import { parseWget } from './wget.ts'
import { fixture } from '../testing/fixture.ts'

describe('parseWget on real BusyBox transcripts', () => {
  it('reads -T running out, even when kubectl glues its next line onto the message', () => {
    const r = parseWget(fixture('busybox-wget-timeout-ckad-91.txt'), 1)
    expect(r).toEqual({ outcome: 'timeout', line: 'wget: download timed out', bytes: 0 })
    expect(parseWget(fixture('busybox-wget-quiet-timeout-calico-1174.txt')).outcome).toBe('timeout')
  })

  it('reads a connect() that timed out without -T as a timeout, naming the address', () => {
    const r = parseWget(fixture('busybox-wget-connect-timed-out-ckad-91.txt'), 1)
    expect(r.outcome).toBe('timeout')
    expect(r.line).toBe("wget: can't connect to remote host (10.98.157.122): Connection timed out")
  })

  it('reads a page printed by -qO- as ok, with its first line and size', () => {
    const text = fixture('busybox-wget-qO-nginx-recipes-57.txt')
    const body = text.slice(text.indexOf('<!DOCTYPE'))
    expect(parseWget(body, 0)).toEqual({ outcome: 'ok', line: '<!DOCTYPE html>', bytes: body.length })
  })
})

describe('parseWget on the other BusyBox messages', () => {
  it('tells refused, unreachable, bad address and an HTTP error apart', () => {
    const cases: Array<[string, string]> = [
      ["wget: can't connect to remote host (10.244.2.7): Connection refused\n", 'refused'],
      ["wget: can't connect to remote host (10.244.2.7): No route to host\n", 'unreachable'],
      ["wget: bad address '10-244-2-7.frontend.default.svc.cluster.local'\n", 'bad-address'],
      ['wget: server returned error: HTTP/1.1 404 Not Found\n', 'http-error'],
    ]
    for (const [text, outcome] of cases) expect(parseWget(text, 1).outcome, text).toBe(outcome)
  })

  it('does not call an empty or failed exec a page', () => {
    expect(parseWget('', 0).outcome).toBe('no-output')
    expect(
      parseWget('error: unable to upgrade connection: container not found ("frontend")\n', 1).outcome,
    ).toBe('no-output')
  })
})
