import { describe, expect, it } from 'vitest'
import { parseTable, podSummary } from '@lab4/core'
import {
  calicoPerNode,
  calicoRolledOut,
  isPullFailure,
  nodesReady,
  readNodes,
  readPods,
  systemPodsReady,
} from './ready.ts'
import { daemonSet, kubectlJson, labNodes, list, node, podFromRow } from '@lab4/core/testing'
import { fixture } from './testing/fixture.ts'

// countenum404's kube-system table: calico-node-45j57 is Init:2/3 (on the node that joined 30 s ago, lab4-m02).
const initTable = parseTable(fixture('countenum404__get-pods-kube-system-calico-init.txt'))
const nodeOf = (name: string) =>
  ['calico-node-45j57', 'kube-proxy-bhlgm'].includes(name) ? 'lab4-m02' : 'lab4'
const initPods = () => initTable.map((r) => podFromRow(r, nodeOf(r.NAME ?? '')))
const nodes = () => readNodes(list(labNodes()))

describe('test pods reproduce the real tables', () => {
  it.each([
    ['countenum404__get-pods-kube-system-calico-init.txt'],
    ['gitvanya34__get-pods-A-calico-not-ready.txt'],
    ['sanchpet__get-pods-calico-node.txt'],
  ])('READY and STATUS of %s', (file) => {
    const rows = parseTable(fixture(file))
    expect(rows.length).toBeGreaterThan(1)
    const summaries = rows.map((r) => podSummary(podFromRow(r, 'lab4')))
    expect(summaries.map((s) => [s.name, s.readyCount, s.status])).toEqual(
      rows.map((r) => [r.NAME, r.READY, r.STATUS]),
    )
  })
})

describe('nodesReady', () => {
  it('is done with the real 2 Ready nodes, control plane first', () => {
    expect(nodesReady(nodes(), 2)).toEqual({ done: true, observed: '2/2 nodes: lab4 Ready, lab4-m02 Ready' })
  })

  it('waits while the worker has not joined or is NotReady', () => {
    const cp = node({ name: 'lab4' })
    expect(nodesReady(readNodes(list([cp])), 2)).toEqual({ done: false, observed: '1/2 nodes: lab4 Ready' })
    const m02 = node({ name: 'lab4-m02', ready: false })
    expect(nodesReady(readNodes(list([m02, cp])), 2)).toEqual({
      done: false,
      observed: '2/2 nodes: lab4 Ready, lab4-m02 NotReady',
    })
  })
})

describe('calicoRolledOut', () => {
  it('is not done while a calico-node pod is Init:2/3, and says which pod and where', () => {
    const j = calicoRolledOut(
      list([daemonSet({ name: 'calico-node', desired: 2, ready: 1 })]),
      nodes(),
      readPods(list(initPods())),
    )
    expect(j).toEqual({
      done: false,
      observed:
        'calico-node 1/2 ready, 2 updated; calico-node-5n6k5 on lab4 1/1 Running; calico-node-45j57 on lab4-m02 0/1 Init:2/3',
    })
  })

  it('is done when the DaemonSet is rolled out and each node has one 1/1 Running pod', () => {
    const rows = parseTable(fixture('sanchpet__get-pods-calico-node.txt'))
    const pods = rows.map((r, i) => podFromRow(r, i === 0 ? 'lab4' : 'lab4-m02'))
    const j = calicoRolledOut(
      list([daemonSet({ name: 'calico-node', desired: 2, ready: 2 })]),
      nodes(),
      readPods(list(pods)),
    )
    expect(j.done).toBe(true)
  })

  it('is not done when the DaemonSet status lags behind the pods (update in progress)', () => {
    const pods = parseTable(fixture('sanchpet__get-pods-calico-node.txt')).map((r, i) =>
      podFromRow(r, i === 0 ? 'lab4' : 'lab4-m02'),
    )
    const j = calicoRolledOut(
      list([daemonSet({ name: 'calico-node', desired: 2, ready: 2, updated: 1 })]),
      nodes(),
      readPods(list(pods)),
    )
    expect(j.done).toBe(false)
  })

  it('reads the single DaemonSet object (`get daemonset calico-node -o json` is not a List)', () => {
    const pods = parseTable(fixture('sanchpet__get-pods-calico-node.txt')).map((r, i) =>
      podFromRow(r, i === 0 ? 'lab4' : 'lab4-m02'),
    )
    const j = calicoRolledOut(
      kubectlJson(daemonSet({ name: 'calico-node', desired: 2, ready: 2 })),
      nodes(),
      readPods(list(pods)),
    )
    expect(j.done).toBe(true)
  })
})

describe('calicoPerNode', () => {
  it('flags a node with no calico-node pod', () => {
    const pods = readPods(
      list([podFromRow({ NAME: 'calico-node-cqb7r', READY: '1/1', STATUS: 'Running' }, 'lab4')]),
    )
    expect(calicoPerNode(nodes(), pods).map((c) => [c.node, c.pods.length, c.ok])).toEqual([
      ['lab4', 1, true],
      ['lab4-m02', 0, false],
    ])
  })
})

describe('systemPodsReady', () => {
  it('needs calico-kube-controllers and CoreDNS Running and Ready', () => {
    expect(systemPodsReady(readPods(list(initPods())))).toEqual({
      done: true,
      observed:
        'calico-kube-controllers-7fbd86d5c5-z8t4g on lab4 1/1 Running; coredns-6f6b679f8f-llt46 on lab4 1/1 Running',
    })
    const gitvanya = parseTable(fixture('gitvanya34__get-pods-A-calico-not-ready.txt')).map((r) =>
      podFromRow(r, 'minikube'),
    )
    expect(systemPodsReady(readPods(list(gitvanya)))).toEqual({
      done: false,
      observed:
        'calico-kube-controllers-7df895d496-42dlq on minikube 0/1 ContainerCreating; coredns-565d847f94-j6b9m on minikube 0/1 ContainerCreating',
    })
  })

  it('is not done when CoreDNS is missing altogether', () => {
    const pods = initPods().filter((p) => !p.metadata?.name?.startsWith('coredns'))
    expect(systemPodsReady(readPods(list(pods))).observed).toMatch(/no CoreDNS pod$/)
  })
})

describe('isPullFailure', () => {
  it.each([
    ['ImagePullBackOff', true],
    ['ErrImagePull', true],
    ['Init:ImagePullBackOff', true],
    ['Init:1/3', false],
    ['Running', false],
  ])('%s → %s', (status, want) => {
    const pod = podSummary(podFromRow({ NAME: 'calico-node-x1', READY: '0/1', STATUS: status }, 'lab4'))
    expect(pod.status).toBe(status)
    expect(isPullFailure(pod)).toBe(want)
  })
})
