import { describe, expect, it } from 'vitest'
import { preflight } from '../preflight.ts'
import { labConfig } from '../testing/run.ts'
import { fixture, goodFacts, refused } from '../testing/preflight.ts'
import { preflightError } from './check.ts'
import { formatPreflightPass } from './format.ts'
import { reportError } from '../main.ts'

describe('preflight on the terminal', () => {
  it('a failure lists every problem with its fix, exits 2, and without minikube points at --simulate', () => {
    const r = preflight(
      labConfig(),
      goodFacts({ minikube: {}, driver: { version: refused(fixture('docker-version-daemon-down.txt')) } }),
    )
    const lines: string[] = []
    const code = reportError(preflightError(r), (s) => lines.push(s))
    expect(code).toBe(2)
    expect(lines.join('\n').split('\n')).toEqual([
      'error: preflight found 2 problems; nothing was started or changed:',
      '  ✗ minikube is not on PATH',
      expect.stringMatching(
        /^ {4}fix: install minikube: https:\/\/minikube\.sigs\.k8s\.io\/docs\/start\/ .*`pnpm lab --simulate`, which needs no minikube$/,
      ),
      '  ✗ the Docker daemon does not answer: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?',
      '    fix: `sudo systemctl start docker` (and `sudo systemctl enable docker` to start it at every boot)',
      '  hint: no minikube yet? `pnpm lab --simulate` runs the whole lab on a simulated cluster',
    ])
  })

  it('a pass is one line of what was found, then the warnings with their fixes', () => {
    const r = preflight(
      labConfig(),
      goodFacts({ driver: { info: undefined }, host: { arch: 'aarch64', amd64Emulation: true } }),
    )
    const text = formatPreflightPass(r, 420)
    expect(text.split('\n')[0]).toBe(
      'preflight ✔ minikube v1.38.1 (installs Calico v3.31.3) · kubectl v1.32.4-dispatcher · docker 28.2.2 · 8 CPUs · 15.6 GiB free · 78.1 GiB disk free (0.4s)',
    )
    expect(text.split('\n').slice(1, 2)[0]).toMatch(/^ {2}! this machine runs aarch64: the frontend image/)
    expect(text.split('\n')[2]).toMatch(/^ {4}fix: nothing to install; if app\.deploy times out/)
  })
})
