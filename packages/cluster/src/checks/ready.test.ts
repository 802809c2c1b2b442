import { describe, expect, it } from 'vitest'
import { parseTable } from '@lab4/core'
import { calicoNodeReady, cniIsCalico, twoNodesReady } from './ready.ts'
import { KEY } from '../contract.ts'
import { daemonSet, evidenceOf, labConfig, labNodes, list, node, podFromRow } from '@lab4/core/testing'
import { fixture } from '../testing/fixture.ts'

const config = labConfig()
const nodesJson = list(labNodes())
const calicoPods = (rows: Array<Record<string, string>>, nodes = ['lab4', 'lab4-m02']) =>
  list(rows.map((r, i) => podFromRow(r, nodes[i] ?? 'lab4')))
const healthy = parseTable(fixture('sanchpet__get-pods-calico-node.txt'))

describe('cluster.two-nodes-ready', () => {
  it('passes on the real 2 Ready nodes and lists them', () => {
    const v = twoNodesReady.evaluate(evidenceOf({ key: KEY.nodesJson, stdout: nodesJson }), config)
    expect(v).toMatchObject({
      status: 'PASS',
      expected: '2 nodes, all Ready',
      actual: 'lab4 Ready, lab4-m02 Ready',
      evidence: ['e0001'],
    })
  })

  it('fails a 1-node cluster, pointing at --recreate', () => {
    const v = twoNodesReady.evaluate(
      evidenceOf({ key: KEY.nodesJson, stdout: list(labNodes().slice(0, 1)) }),
      config,
    )
    expect(v).toMatchObject({ status: 'FAIL', actual: 'lab4 Ready' })
    expect(v.hint).toMatch(/1 node\(s\).*pnpm lab --recreate/)
  })

  it('fails when a node is NotReady and names it', () => {
    const m02 = node({ name: 'lab4-m02', ready: false })
    const v = twoNodesReady.evaluate(
      evidenceOf({ key: KEY.nodesJson, stdout: list([labNodes()[0], m02]) }),
      config,
    )
    expect(v).toMatchObject({ status: 'FAIL', actual: 'lab4 Ready, lab4-m02 NotReady' })
    expect(v.hint).toMatch(/Not Ready: lab4-m02/)
  })

  it('is NOT-GRADABLE without the evidence, never PASS', () => {
    expect(twoNodesReady.evaluate(evidenceOf(), config)).toMatchObject({
      status: 'NOT-GRADABLE',
      cause: 'missing-evidence',
    })
    expect(
      twoNodesReady.evaluate(evidenceOf({ key: KEY.nodesJson, stdout: '', exitCode: 1 }), config),
    ).toMatchObject({
      status: 'NOT-GRADABLE',
    })
  })
})

describe('cluster.calico-node-ready', () => {
  const judge = (pods: string, nodes = nodesJson) =>
    calicoNodeReady.evaluate(
      evidenceOf({ key: KEY.nodesJson, stdout: nodes }, { key: KEY.kubeSystemJson, stdout: pods }),
      config,
    )

  it('passes with one 1/1 Running pod per node, listing them', () => {
    const v = judge(calicoPods(healthy))
    expect(v).toMatchObject({
      status: 'PASS',
      actual: 'calico-node-cqb7r on lab4 1/1 Running; calico-node-w85xx on lab4-m02 1/1 Running',
      evidence: ['e0001', 'e0002'],
    })
  })

  it('FAILS (not passes) while a pod is Init:2/3, naming the pod and its state', () => {
    const rows = parseTable(fixture('countenum404__get-pods-kube-system-calico-init.txt'))
    const pods = list(rows.map((r) => podFromRow(r, r.NAME === 'calico-node-45j57' ? 'lab4-m02' : 'lab4')))
    const v = judge(pods)
    expect(v.status).toBe('FAIL')
    expect(v.actual).toContain('calico-node-45j57 on lab4-m02 0/1 Init:2/3')
    expect(v.hint).toMatch(/^calico-node-45j57 on lab4-m02 is 0\/1 Init:2\/3, not 1\/1 Running/)
  })

  it('FAILS a 0/1 Running pod (the eugenebuch case)', () => {
    const v = judge(
      calicoPods([healthy[0] ?? {}, { NAME: 'calico-node-t286h', READY: '0/1', STATUS: 'Running' }]),
    )
    expect(v).toMatchObject({ status: 'FAIL' })
    expect(v.hint).toContain('calico-node-t286h on lab4-m02 is 0/1 Running')
  })

  it('FAILS when a node has no calico-node pod', () => {
    const v = judge(calicoPods(healthy.slice(0, 1)))
    expect(v).toMatchObject({
      status: 'FAIL',
      actual: 'calico-node-cqb7r on lab4 1/1 Running; no calico-node pod on lab4-m02',
    })
  })

  it.each(['ImagePullBackOff', 'ErrImagePull', 'Init:ImagePullBackOff'])(
    'is NOT-GRADABLE (environment) when a pod is %s',
    (status) => {
      const v = judge(
        calicoPods([healthy[0] ?? {}, { NAME: 'calico-node-w85xx', READY: '0/1', STATUS: status }]),
      )
      expect(v).toMatchObject({ status: 'NOT-GRADABLE', cause: 'environment' })
      expect(v.hint).toContain(`calico-node-w85xx is ${status}`)
    },
  )

  it('FAILS when there are no nodes at all rather than passing vacuously', () => {
    expect(judge(list([]), list([])).status).toBe('FAIL')
  })

  it('is NOT-GRADABLE when the pods were not recorded', () => {
    const v = calicoNodeReady.evaluate(evidenceOf({ key: KEY.nodesJson, stdout: nodesJson }), config)
    expect(v).toMatchObject({
      status: 'NOT-GRADABLE',
      actual: `no recorded output for ${KEY.kubeSystemJson}`,
    })
  })
})

describe('cluster.cni-is-calico', () => {
  const judge = (sets: unknown[]) =>
    cniIsCalico.evaluate(evidenceOf({ key: KEY.daemonsets, stdout: list(sets) }), config)
  const calico = daemonSet({ name: 'calico-node', desired: 2, ready: 2 })
  const proxy = daemonSet({
    name: 'kube-proxy',
    desired: 2,
    ready: 2,
    image: 'registry.k8s.io/kube-proxy:v1.31.0',
  })

  it('passes with calico-node and kube-proxy only', () => {
    expect(judge([calico, proxy])).toMatchObject({
      status: 'PASS',
      actual: 'kube-system/calico-node, kube-system/kube-proxy',
    })
  })

  it('fails a kindnet cluster (multi-node started without --cni)', () => {
    const v = judge([daemonSet({ name: 'kindnet', desired: 2, ready: 2 }), proxy])
    expect(v).toMatchObject({ status: 'FAIL' })
    expect(v.hint).toMatch(/No calico-node DaemonSet/)
  })

  it.each([
    ['kube-flannel', 'kube-flannel-ds'],
    ['kube-system', 'cilium'],
    ['kube-system', 'weave-net'],
  ])('fails when %s/%s runs beside Calico', (ns, name) => {
    const v = judge([calico, proxy, daemonSet({ namespace: ns, name, desired: 2, ready: 2 })])
    expect(v).toMatchObject({ status: 'FAIL' })
    expect(v.hint).toContain(`(${name})`)
  })
})
