import { describe, expect, it } from 'vitest'
import { fakeRunner, UnexpectedCommandError } from './fake-runner.ts'

describe('fakeRunner', () => {
  it('answers scripted commands in order and records them', async () => {
    const run = fakeRunner([
      { argv: ['minikube', 'version', '--short'], respond: { stdout: 'v1.34.0\n' } },
      { argv: (a) => a[0] === 'kubectl', stdin: 'x', respond: { exitCode: 1, stderr: 'nope' } },
    ])
    expect((await run({ argv: ['minikube', 'version', '--short'] })).stdout).toBe('v1.34.0\n')
    expect((await run({ argv: ['kubectl', 'apply', '-f', '-'], stdin: 'x' })).exitCode).toBe(1)
    expect(run.calls).toHaveLength(2)
    run.assertDone()
  })

  it('fails loudly on a command it did not expect', async () => {
    const run = fakeRunner([{ argv: ['minikube', 'status'], respond: {} }])
    await expect(run({ argv: ['minikube', 'delete'] })).rejects.toThrow(UnexpectedCommandError)
    await expect(run({ argv: ['minikube', 'delete'] })).rejects.toThrow(/expected: minikube status/)
  })

  it('fails when scripted commands never ran', () => {
    const run = fakeRunner([{ argv: ['minikube', 'status'], respond: {} }])
    expect(() => run.assertDone()).toThrow(/1 expected command\(s\) never ran/)
  })
})
