import { describe, expect, it } from 'vitest'
import { review } from '../review.ts'
import { fenced, input, lineOf, md, ofKind, substantive } from '../testing/fixture.ts'

describe('labels (item 4)', () => {
  it('labels.output-mismatch: `label nodes minikube-m02` answered by node/minikube (eugenebuch, edited)', () => {
    const text = fenced('eugenebuch__label-node-okhta-stray-header-wrong-name.txt')
    const [f] = ofKind(review(input(text)), 'labels.output-mismatch')
    expect(f).toMatchObject({
      severity: 'error',
      item: 4,
      line: lineOf(text, 'node/minikube labeled'),
      excerpt: 'node/minikube labeled',
    })
    expect(f?.message).toContain('labels minikube-m02')
  })

  it('labels.stray-line: a `NAME  AGE` header pasted into label output (eugenebuch)', () => {
    const text = fenced('eugenebuch__label-node-devyatkino-stray-header.txt')
    const r = review(input(text))
    expect(ofKind(r, 'labels.stray-line')).toMatchObject([
      { severity: 'warning', item: 4, line: lineOf(text, 'NAME') },
    ])
    expect(ofKind(r, 'labels.output-mismatch')).toEqual([])
  })

  it('labels.unknown-node: labels on multinode* while the nodes are multinode-demo* (sanchpet nodes, nizepart labels)', () => {
    const text = md(fenced('sanchpet__get-nodes.txt'), fenced('nizepart__label-nodes-rack.txt'))
    const fs = ofKind(review(input(text)), 'labels.unknown-node')
    expect(fs.map((f) => f.line)).toEqual([
      lineOf(text, 'k label no multinode rack=1'),
      lineOf(text, 'k label no multinode-m02'),
    ])
    expect(fs[0]?.message).toContain('multinode-demo, multinode-demo-m02')
  })

  it('accepts labels that match their output and the node names (alex-grandson, `k` alias)', () => {
    const text = md(fenced('alex-grandson__get-pods-wide.txt'), fenced('alex-grandson__label-nodes-rack.txt'))
    expect(substantive(review(input(text)))).toEqual([])
  })

  it('consistency.stray-header: `NAME  AGE` over calicoctl\'s "Successfully deleted" (gitvanya34)', () => {
    const text = fenced('gitvanya34__calicoctl-pod-delete-default-with-stray-header.txt')
    expect(ofKind(review(input(text)), 'consistency.stray-header')).toMatchObject([
      { severity: 'warning', item: 5, line: lineOf(text, 'NAME') },
    ])
  })

  it('consistency.node-names: `minikube start -p multinode-demo`, but the pods run on multinode and multinode-m03 (DeerHolt)', () => {
    const text = md(
      fenced('sanchpet__minikube-start.txt'),
      fenced('DeerHolt__exec-nslookup-reverse-and-get-pods-wide.txt'),
    )
    const [f] = ofKind(review(input(text)), 'consistency.node-names')
    expect(f).toMatchObject({ severity: 'warning', item: 1, line: lineOf(text, 'minikube start') })
    expect(f?.message).toContain(
      'names the nodes multinode-demo, multinode-demo-m02, but the outputs run on multinode-m03, multinode',
    )
    expect(
      ofKind(
        review(input(md(fenced('sanchpet__minikube-start.txt'), fenced('sanchpet__get-nodes.txt')))),
        'consistency.node-names',
      ),
    ).toEqual([])
  })
})
