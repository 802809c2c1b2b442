import { describe, expect, it } from 'vitest'
import { review } from '../review.ts'
import { code, fenced, fixture, input, lineOf, md, ofKind, substantive } from '../testing/fixture.ts'

describe('cluster (items 1–2)', () => {
  it('cluster.node-count: `minikube start` without --nodes, no node added (kairoslav, cut before `minikube node add`)', () => {
    const whole = fixture('kairoslav__minikube-start-single-then-node-add.txt')
    const text = code([whole.slice(0, whole.indexOf('$ minikube node add')).trimEnd()])
    const [f] = ofKind(review(input(text)), 'cluster.node-count')
    expect(f).toMatchObject({ severity: 'error', item: 1, line: lineOf(text, '$ minikube start') })
    expect(f?.message).toContain('started with 1 node')
  })

  it('cluster.node-added: the same start followed by `minikube node add` is a note, not an error', () => {
    const text = fenced('kairoslav__minikube-start-single-then-node-add.txt')
    const r = review(input(text))
    expect(ofKind(r, 'cluster.node-count')).toEqual([])
    expect(ofKind(r, 'cluster.node-added')).toMatchObject([
      { severity: 'note', item: 1, line: lineOf(text, '$ minikube start') },
    ])
  })

  it("cluster.no-calico: minikube's own multi-node tutorial starts without --cni calico and configures kindnet", () => {
    const text = code([
      '$ minikube start --nodes 2 -p multinode-demo',
      fixture('docs__minikube-start-multinode.txt').trimEnd(),
      '$ kubectl get pods -o wide',
      fixture('docs__kubectl-get-pods-wide-multinode-kindnet.txt').trimEnd(),
    ])
    const r = review(input(text))
    expect(ofKind(r, 'cluster.no-calico')).toMatchObject([
      { severity: 'error', item: 1, line: lineOf(text, '$ minikube start') },
    ])
    expect(ofKind(r, 'cluster.node-count')).toEqual([]) // two nodes were started
  })

  it('accepts a 2-node Calico start (Creampanda, Fedora, minikube v1.31.2)', () => {
    const r = review(input(fenced('Creampanda__minikube-start.txt')))
    expect(substantive(r)).toEqual([])
    expect(r.items.find((v) => v.item === 1)?.verdict).toBe('ok')
  })

  it.each([
    [
      'countenum404__get-pods-kube-system-calico-init.txt',
      'calico-node-45j57 0/1 Init:2/3',
      'calico-node-45j57',
    ],
    [
      'eugenebuch__get-pods-A-calico-node-not-ready.txt',
      'calico-node-t286h 0/1 Running',
      'calico-node-t286h',
    ],
  ])('cluster.calico-not-ready: %s', (name, said, row) => {
    const text = fenced(name)
    const [f] = ofKind(review(input(text)), 'cluster.calico-not-ready')
    expect(f).toMatchObject({ severity: 'error', item: 2, line: lineOf(text, row) })
    expect(f?.message).toContain(said)
  })

  it('cluster.calico-not-ready is a note when a later listing shows every calico-node 1/1 Running', () => {
    const text = md(
      fenced('countenum404__get-pods-kube-system-calico-init.txt'),
      fenced('ArinaMlt__get-pods-calico-node.txt'),
    )
    expect(ofKind(review(input(text)), 'cluster.calico-not-ready')).toMatchObject([{ severity: 'note' }])
  })
})
