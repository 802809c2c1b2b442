import { describe, expect, it } from 'vitest'
import type { PlanItem } from '@lab4/core'
import { clusterSteps } from './index.ts'
import { startArgv } from '../argv.ts'
import { labConfig } from '@lab4/core/testing'
import { firstRun } from '../testing/script.ts'

const commands = (items: PlanItem[]) => items.flatMap((i) => (i.kind === 'command' ? [i.argv.join(' ')] : []))

describe('plan', () => {
  const config = labConfig('cluster: { memory: 4096 }\ntimeouts: { calicoReady: 420 }')
  const plans = clusterSteps.map((step) => ({ id: step.id, items: step.plan(config) }))

  it('every command carries a why and a when', () => {
    const items = plans.flatMap((p) => p.items).filter((i) => i.kind === 'command')
    expect(items.length).toBeGreaterThan(15)
    for (const i of items)
      expect(i.kind === 'command' && i.why.length > 10 && (i.when ?? '').length > 3).toBe(true)
  })

  it('lists the exact start argv and the label commands for the expected node names', () => {
    const all = plans.flatMap((p) => commands(p.items))
    expect(all).toContain(startArgv(config).join(' '))
    expect(all).toContain('kubectl --context lab4 label node lab4 zone=east --overwrite')
    expect(all).toContain('kubectl --context lab4 label node lab4-m02 zone=west --overwrite')
  })

  it('names every wait with its timeout from the config', () => {
    const waits = plans.flatMap((p) => p.items).filter((i) => i.kind === 'wait')
    expect(waits).toContainEqual({
      kind: 'wait',
      condition: 'DaemonSet calico-node rolled out with one Ready pod per node',
      timeoutS: 420,
    })
    expect(waits).toContainEqual({ kind: 'wait', condition: '2 nodes Ready', timeoutS: 300 })
    expect(waits.map((w) => w.kind === 'wait' && w.condition)).toContain(
      'calico-kube-controllers and CoreDNS (k8s-app=kube-dns) Ready',
    )
  })

  it('covers every command a first run actually executes', () => {
    const planned = new Set(clusterSteps.flatMap((step) => commands(step.plan(labConfig()))))
    const ran = new Set(firstRun().map((e) => (typeof e.argv === 'function' ? '' : e.argv.join(' '))))
    expect([...ran].filter((c) => !planned.has(c))).toEqual([])
  })
})
