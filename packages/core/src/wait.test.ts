import { describe, expect, it } from 'vitest'
import { waitFor } from './wait.ts'
import { WaitTimeoutError, InterruptedError } from './errors.ts'

describe('waitFor', () => {
  it('returns once the probe reports done', async () => {
    let n = 0
    const r = await waitFor('three polls', async () => ({ done: ++n === 3, observed: `poll ${n}` }), {
      timeoutMs: 5000,
      intervalMs: 1,
    })
    expect(r).toMatchObject({ observed: 'poll 3', attempts: 3 })
  })

  it('on timeout names the condition, the last state seen and the hint', async () => {
    const err = await waitFor(
      'calico-node Ready on every node',
      async () => ({ done: false, observed: 'calico-node-x2 Init:1/3' }),
      {
        timeoutMs: 30,
        intervalMs: 5,
        hint: 'kubectl -n kube-system describe pod calico-node-x2',
      },
    ).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(WaitTimeoutError)
    expect((err as Error).message).toMatch(
      /waiting for calico-node Ready on every node; last seen: calico-node-x2 Init:1\/3/,
    )
    expect((err as Error).message).toMatch(/hint: kubectl -n kube-system describe pod/)
  })

  it('keeps the message of a probe that throws as the last observation', async () => {
    const err = await waitFor(
      'api reachable',
      async () => {
        throw new Error('connection refused')
      },
      { timeoutMs: 20, intervalMs: 5 },
    ).catch((e: unknown) => e)
    expect((err as WaitTimeoutError).lastObserved).toBe('connection refused')
  })

  it('stops at once when aborted', async () => {
    const ac = new AbortController()
    const p = waitFor('forever', async () => ({ done: false, observed: '' }), {
      timeoutMs: 60_000,
      intervalMs: 10_000,
      signal: ac.signal,
    })
    setTimeout(() => ac.abort(), 20)
    await expect(p).rejects.toBeInstanceOf(InterruptedError)
  })
})
