import { describe, expect, it } from 'vitest'
import { realOutput } from '../testing/fixtures.ts'
import { CONTINUATION, MAX_FONT_PT, MIN_FONT_PT, fitBlock, foldLines, foldPrompt } from './fit.ts'

const nodesWide = [
  'NAME       STATUS   ROLES           AGE   VERSION   INTERNAL-IP    EXTERNAL-IP   OS-IMAGE             KERNEL-VERSION     CONTAINER-RUNTIME',
  'lab4       Ready    control-plane   7s    v1.31.0   192.168.49.2   <none>        Ubuntu 22.04.4 LTS   6.8.0-45-generic   docker://27.2.0',
  'lab4-m02   Ready    <none>          7s    v1.31.0   192.168.49.3   <none>        Ubuntu 22.04.4 LTS   6.8.0-45-generic   docker://27.2.0',
].join('\n')

describe('fitBlock', () => {
  it('prints short output at the largest size and a wider one smaller, never below the minimum', () => {
    expect(fitBlock('v1.34.0').fontPt).toBe(MAX_FONT_PT)
    const mid = fitBlock('x'.repeat(110))
    expect(mid.fontPt).toBeLessThan(MAX_FONT_PT)
    expect(mid.fontPt).toBeGreaterThanOrEqual(MIN_FONT_PT)
    expect(mid.lines.every((l) => !l.continued)).toBe(true)
    expect(fitBlock(nodesWide).fontPt).toBe(MIN_FONT_PT)
  })

  it('folds a kubectl table at a column start shared by its rows, so the continued parts stay aligned', () => {
    const fit = fitBlock(nodesWide)
    const lines = fit.lines.map((l) => l.text)
    expect(lines).toHaveLength(6)
    expect(lines.filter((l) => l.startsWith(CONTINUATION))).toEqual([
      `${CONTINUATION}KERNEL-VERSION     CONTAINER-RUNTIME`,
      `${CONTINUATION}6.8.0-45-generic   docker://27.2.0`,
      `${CONTINUATION}6.8.0-45-generic   docker://27.2.0`,
    ])
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(fit.columns)
  })

  it('never splits a word: every token of the input is whole in the output', () => {
    const text =
      realOutput('coredns-corefile-kubeadm-default-2022.txt') +
      '\n' +
      'a '.repeat(10) +
      'x'.repeat(30) +
      ' 10.244.1.131/26'
    const out = foldLines(text.split('\n'), 40).map((l) => l.text.replace(CONTINUATION, ''))
    const words = (s: string) => s.split(/\s+/).filter(Boolean)
    expect(out.flatMap(words)).toEqual(words(text))
    // Only a word wider than the whole block is cut, and its rest is marked as a continuation.
    expect(foldLines(['y'.repeat(50)], 40).map((l) => l.continued)).toEqual([false, true])
  })
})

describe('foldPrompt', () => {
  it('breaks a long command between its arguments with shell continuations', () => {
    const argv = [
      'kubectl',
      '--context',
      'lab4',
      '-n',
      'default',
      'exec',
      'frontend-fhpdkrn68k-fg9sz',
      '--',
      'ping',
      '-c',
      '3',
      '10-244-1-131.frontend.default.svc.cluster.local',
    ]
    const lines = foldPrompt(argv, 80)
    expect(lines).toEqual([
      'kubectl --context lab4 -n default exec frontend-fhpdkrn68k-fg9sz -- ping -c 3 \\',
      '    10-244-1-131.frontend.default.svc.cluster.local',
    ])
    expect(foldPrompt(['minikube', 'version'], 80)).toEqual(['minikube version'])
  })
})
