// Profiles that exist already: reuse, and never resize one silently.
import { describe, expect, it } from 'vitest'
import { execFileSync } from 'node:child_process'
import { join } from 'node:path'
import { setupSimulation } from '@lab4/sim'
import { cli, sandbox, latest, commands } from './harness.ts'

describe('an existing 1-node profile', () => {
  it('is refused with a message that names the node count, and nothing is changed', async () => {
    const box = sandbox('onenode')
    const sim = await setupSimulation({ stateDir: join(box.simDir, 'lab4') })
    execFileSync(
      'minikube',
      ['start', '-p', 'lab4', '--nodes', '1', '--cni', 'calico', '--driver', 'docker'],
      { env: { ...process.env, ...sim.env }, stdio: 'ignore' },
    )
    const r = await cli('lab', ['--simulate'], box)
    expect(r.code, r.stdout + r.stderr).not.toBe(0)
    expect(r.stdout + r.stderr).toMatch(/has 1 node, the config wants 2/)
    expect(r.stdout + r.stderr).toMatch(/--recreate/)
    expect(commands(latest(box)).filter((c) => c.write)).toEqual([])
  })
})
