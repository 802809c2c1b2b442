import { describe, expect, it } from 'vitest'
import { formatArgv, parseTable } from '@lab4/core'
import type { Result, Runner } from '@lab4/core'
import { readyStep } from './ready-step.ts'
import { k, labConfig, labNodes, list, node, podFromRow, runScripted } from '@lab4/core/testing'
import { fixture } from '../testing/fixture.ts'
import * as s from '../testing/script.ts'

// countenum404's table: calico-node-45j57 still Init:2/3 on the node that just joined.
const initCalico = () =>
  parseTable(fixture('countenum404__get-pods-kube-system-calico-init.txt'))
    .filter((r) => r.NAME?.startsWith('calico-node-'))
    .map((r) => podFromRow(r, r.NAME === 'calico-node-45j57' ? 'lab4-m02' : 'lab4'))

/** Answers by argv from a table, the same way every time (a cluster that never changes). */
function stuckCluster(answers: Record<string, string>): Runner & { calls: string[] } {
  const calls: string[] = []
  const run = async (c: { argv: readonly string[] }): Promise<Result> => {
    const line = formatArgv(c.argv)
    calls.push(line)
    const stdout = answers[line]
    return {
      exitCode: stdout === undefined ? 1 : 0,
      stdout: stdout ?? '',
      stderr: stdout === undefined ? `unexpected: ${line}` : '',
      startedAt: new Date(0).toISOString(),
      durationMs: 0,
    }
  }
  return Object.assign(run, { calls })
}

const K = (...a: string[]) => formatArgv(k(...a))

describe('cluster.ready waits', () => {
  it('keeps polling while calico-node is Init:2/3 and goes on once it is 1/1 Running', async () => {
    const script = [
      ...s.readyRun().slice(0, 1),
      {
        argv: k('-n', 'kube-system', 'get', 'daemonset', 'calico-node', '-o', 'json'),
        respond: { stdout: s.calicoDs(1) },
      },
      {
        argv: k('-n', 'kube-system', 'get', 'pods', '-o', 'json'),
        respond: { stdout: s.kubeSystem(initCalico()) },
      },
      ...s.readyRun().slice(1),
      ...s.readyCollect(),
    ]
    const { result, evidence, output } = await runScripted([readyStep], script, { assertDone: true })
    expect(result.steps).toEqual([{ id: 'cluster.ready', status: 'unchanged' }])
    expect(output).toContain('calico-node-45j57 on lab4-m02 0/1 Init:2/3')
    expect(evidence.commands('cluster.calico-ds.json')).toHaveLength(3) // two polls + collect
    expect(result.results.find((r) => r.check === 'cluster.calico-node-ready')?.status).toBe('PASS')
  })

  it('times out naming the condition, the last state seen (pod and STATUS) and a hint', async () => {
    const runner = stuckCluster({
      [K('get', 'nodes', '-o', 'json')]: list(labNodes()),
      [K('-n', 'kube-system', 'get', 'daemonset', 'calico-node', '-o', 'json')]: s.calicoDs(1),
      [K('-n', 'kube-system', 'get', 'pods', '-o', 'json')]: s.kubeSystem(initCalico()),
    })
    const { result, record } = await runScripted([readyStep], [], {
      config: labConfig('timeouts: { calicoReady: 1 }'),
      runner,
    })
    expect(result.steps[0]?.status).toBe('failed')
    const end = record.entries.find((e) => e.type === 'step-end')
    const error = end?.type === 'step-end' ? (end.error ?? '') : ''
    expect(error).toMatch(
      /^Timed out after 1s waiting for DaemonSet calico-node rolled out with one Ready pod per node; last seen: calico-node 1\/2 ready, 2 updated; calico-node-5n6k5 on lab4 1\/1 Running; calico-node-45j57 on lab4-m02 0\/1 Init:2\/3\n {2}hint: Init:x\/3 means/,
    )
    // The check judges the same stuck state as FAIL, not PASS; the evidence tables were still recorded.
    expect(result.results.find((r) => r.check === 'cluster.calico-node-ready')?.status).toBe('FAIL')
    expect(runner.calls.slice(-5)).toEqual([
      K('get', 'daemonsets', '-A', '-o', 'json'),
      K('get', 'clusterinformations.crd.projectcalico.org', 'default', '-o', 'json'),
      K('get', 'nodes', '-o', 'wide'),
      K('get', 'pods', '-l', 'k8s-app=calico-node', '-A', '-o', 'wide'),
      K('get', 'pods', '-n', 'kube-system'),
    ])
  })

  it('times out on a NotReady worker and says which node', async () => {
    const m02 = node({ name: 'lab4-m02', ready: false })
    const runner = stuckCluster({ [K('get', 'nodes', '-o', 'json')]: list([labNodes()[0], m02]) })
    const { record } = await runScripted([readyStep], [], {
      config: labConfig('timeouts: { nodesReady: 1 }'),
      runner,
    })
    const end = record.entries.find((e) => e.type === 'step-end')
    expect(end?.type === 'step-end' && end.error).toMatch(
      /^Timed out after 1s waiting for 2 nodes Ready; last seen: 2\/2 nodes: lab4 Ready, lab4-m02 NotReady/,
    )
  })
})
