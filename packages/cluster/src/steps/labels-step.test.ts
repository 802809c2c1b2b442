import { describe, expect, it } from 'vitest'
import { labelsStep } from './labels-step.ts'
import { k, labConfig, labNodes, list, runScripted } from '@lab4/core/testing'
import { labelsCollect } from '../testing/script.ts'

const nodes = (zones: Record<string, string | undefined>) => ({
  argv: k('get', 'nodes', '-o', 'json'),
  respond: { stdout: list(labNodes(zones)) },
})

describe('cluster.labels step', () => {
  it('relabels only the node whose zone differs', async () => {
    const script = [
      nodes({ lab4: 'east', 'lab4-m02': 'north' }),
      {
        argv: k('label', 'node', 'lab4-m02', 'zone=west', '--overwrite'),
        respond: { stdout: 'node/lab4-m02 labeled\n' },
      },
      nodes({ lab4: 'east', 'lab4-m02': 'west' }),
      ...labelsCollect(),
    ]
    const { result, commands } = await runScripted([labelsStep], script, { assertDone: true })
    expect(result.steps[0]?.status).toBe('changed')
    expect(commands.filter((c) => c.key === 'cluster.label').map((c) => c.argv.slice(3).join(' '))).toEqual([
      'label node lab4-m02 zone=west --overwrite',
    ])
  })

  it('fails when the re-read shows the label did not stick', async () => {
    const script = [
      nodes({}),
      {
        argv: k('label', 'node', 'lab4', 'zone=east', '--overwrite'),
        respond: { stdout: 'node/lab4 labeled\n' },
      },
      {
        argv: k('label', 'node', 'lab4-m02', 'zone=west', '--overwrite'),
        respond: { stdout: 'node/lab4-m02 labeled\n' },
      },
      nodes({ lab4: 'east' }),
    ]
    const { result, record } = await runScripted([labelsStep], script)
    expect(result.steps[0]?.status).toBe('failed')
    const end = record.entries.find((e) => e.type === 'step-end')
    expect(end?.type === 'step-end' && end.error?.split('\n')[0]).toBe(
      'node labels did not stick: lab4-m02 zone=(none) after `kubectl label`',
    )
  })

  it('refuses to guess when the cluster has more nodes than zone values', async () => {
    const config = labConfig('zones: { values: [east] }\ncluster: { nodes: 1 }')
    const { result, commands, record } = await runScripted([labelsStep], [nodes({})], { config })
    expect(result.steps[0]?.status).toBe('failed')
    expect(commands.some((c) => c.write)).toBe(false)
    const end = record.entries.find((e) => e.type === 'step-end')
    expect(end?.type === 'step-end' && end.error?.split('\n')[0]).toBe(
      'cannot label nodes: the cluster has 2 node(s) (lab4, lab4-m02) but zones.values lists 1 (east)',
    )
  })

  it('uses the configured label key', async () => {
    const config = labConfig('zones: { labelKey: topology.kubernetes.io/zone }')
    const script = [
      nodes({}),
      { argv: k('label', 'node', 'lab4', 'topology.kubernetes.io/zone=east', '--overwrite'), respond: {} },
      {
        argv: k('label', 'node', 'lab4-m02', 'topology.kubernetes.io/zone=west', '--overwrite'),
        respond: {},
      },
      {
        argv: k('get', 'nodes', '-o', 'json'),
        respond: {
          stdout: list(labNodes({ lab4: 'east', 'lab4-m02': 'west' }, 'topology.kubernetes.io/zone')),
        },
      },
      {
        argv: k('get', 'nodes', '-o', 'json'),
        respond: {
          stdout: list(labNodes({ lab4: 'east', 'lab4-m02': 'west' }, 'topology.kubernetes.io/zone')),
        },
      },
      {
        argv: k('get', 'nodes', '-L', 'topology.kubernetes.io/zone'),
        respond: { stdout: 'NAME   STATUS\n' },
      },
    ]
    const { result } = await runScripted([labelsStep], script, { config, assertDone: true })
    expect(result.results.map((r) => r.status)).toEqual(['PASS', 'PASS'])
  })
})
