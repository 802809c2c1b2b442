// Each simulator fault must surface as the specific check, with a message a student can act on.
import { describe, expect, it } from 'vitest'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { cli, sandbox, latest, verdictOf, processesMentioning, commands } from './harness.ts'

// Short waits so a fault that never heals fails in seconds, not minutes.
function quickConfig(calicoReady = 8): string {
  const file = join(mkdtempSync(join(tmpdir(), 'lab4-fault-cfg-')), 'lab.config.yaml')
  const timeouts = { nodesReady: 8, calicoReady, podReady: 15, portForward: 20, page: 30 }
  writeFileSync(
    file,
    `timeouts:\n${Object.entries(timeouts)
      .map(([k, v]) => `  ${k}: ${v}\n`)
      .join('')}`,
  )
  return file
}

type Case = {
  fault: string
  check: string
  status: RegExp
  message: RegExp
  code: number[]
  calicoReady?: number
}

const cases: Case[] = [
  {
    fault: 'calico-never-ready',
    check: 'cluster.calico-node-ready',
    status: /FAIL|NOT-GRADABLE/,
    message: /calico-node-\S+.*Init:1\/3/,
    code: [1],
  },
  // calico-slow heals within the default timeouts; a 1 s limit shows what a student sees when looking too early.
  {
    fault: 'calico-slow',
    check: 'cluster.calico-node-ready',
    status: /FAIL|NOT-GRADABLE/,
    message: /calico-node-\S+.*(Init:\d\/3|0\/1)/,
    code: [1],
    calicoReady: 1,
  },
  {
    fault: 'node-not-ready',
    check: 'cluster.two-nodes-ready',
    status: /FAIL/,
    message: /lab4-m02.*NotReady/,
    code: [1],
  },
  // The pre-pull meets the unpullable image first, on the host network: the machine's network, not the lab.
  {
    fault: 'image-pull-backoff',
    check: 'cluster.frontend-image-pulled',
    status: /NOT-GRADABLE/,
    message: /ImagePullBackOff|ErrImagePull/,
    code: [1],
  },
  // The page never finishes `npm run build`: the rollout wait names the pods it last saw not Ready.
  {
    fault: 'slow-build',
    check: 'app.deployment-ready',
    status: /FAIL|NOT-GRADABLE/,
    message: /0\/2 replicas ready|0\/1 Running/,
    code: [1],
  },
  {
    fault: 'pods-one-node',
    check: 'app.one-pod-per-zone',
    status: /FAIL/,
    message: /frontend-\S+.*frontend-\S+/,
    code: [1],
  },
  {
    fault: 'dns-failure',
    check: 'app.dns-resolves',
    status: /FAIL/,
    message: /NXDOMAIN|bad address|can't find/i,
    code: [1],
  },
  {
    fault: 'pods-before-pools',
    check: 'ipam.pods-in-zone-pool',
    status: /FAIL/,
    message: /frontend-\S+.*10\.244\.\d+\.\d+.*(east|west)-ippool/,
    code: [1],
  },
]

describe.each(cases)('fault $fault', ({ fault, check, status, message, code, calicoReady }) => {
  it(`surfaces as ${check}`, async () => {
    const box = sandbox(fault)
    const r = await cli('lab', ['--simulate', '--faults', fault, '--config', quickConfig(calicoReady)], box)
    expect(code, r.stdout + r.stderr).toContain(r.code)
    const v = verdictOf(latest(box), check)
    expect(v, `no verdict for ${check}\n${r.stdout}`).toBeDefined()
    expect(v?.status).toMatch(status)
    expect(`${v?.actual} ${v?.hint}`).toMatch(message)
    expect(processesMentioning(box.simDir)).toEqual([])
    // The grader, offline on the same record, names the same check and does not exit 0.
    const g = await cli('verify', ['--run', latest(box).dir, '--allow-simulated'], box)
    expect([1, 2]).toContain(g.code)
    expect(g.stdout).toContain(check)
  })
})

describe('fault pods-before-pools', () => {
  it('is repaired by the second run', async () => {
    const box = sandbox('repair')
    const cfg = quickConfig()
    const r1 = await cli('lab', ['--simulate', '--faults', 'pods-before-pools', '--config', cfg], box)
    expect(r1.code).toBe(1)
    const r2 = await cli('lab', ['--simulate', '--faults', 'pods-before-pools', '--config', cfg], box)
    expect(r2.code, r2.stdout).toBe(0)
    expect(verdictOf(latest(box), 'ipam.pods-in-zone-pool')?.status).toBe('PASS')
  })
})

describe('fault portforward-drop', () => {
  it('is survived: the supervisor restarts the forward and records the drop', async () => {
    const box = sandbox('pfdrop')
    const r = await cli(
      'lab',
      // A page load is three requests (index.html, main.js, favicon) after the forward's own probe: the first
      // forward serves one load and drops during the reloads.
      ['--simulate', '--faults', 'portforward-drop=6', '--config', quickConfig()],
      box,
    )
    expect(r.code, r.stdout + r.stderr).toBe(0)
    const drops = latest(box).entries.filter(
      (e) => e.type === 'observation' && e.key === 'app.port-forward.drop',
    )
    expect(drops.length).toBeGreaterThanOrEqual(1)
  })
})

describe('fault calicoctl-version-mismatch', () => {
  it('is named in the output: either handled with a recorded warning, or a failure that says "version mismatch"', async () => {
    const box = sandbox('mismatch')
    const r = await cli(
      'lab',
      ['--simulate', '--faults', 'calicoctl-version-mismatch', '--config', quickConfig()],
      box,
    )
    const record = latest(box)
    const notes = record.entries.filter(
      (e) => e.type === 'note' && e.level === 'warn' && /does not match|version mismatch/i.test(e.message),
    )
    if (r.code === 0) {
      expect(notes.length).toBeGreaterThan(0)
      expect(commands(record).some((c) => c.argv.includes('--allow-version-mismatch'))).toBe(true)
    } else expect(r.stdout + r.stderr).toMatch(/version mismatch/i)
  })
})
