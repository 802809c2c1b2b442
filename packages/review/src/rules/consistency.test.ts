import { describe, expect, it } from 'vitest'
import { review } from '../review.ts'
import { code, fenced, fixture, input, lineOf, md, ofKind } from '../testing/fixture.ts'

describe('inconsistent outputs', () => {
  it("consistency.age: calico-node 7m47s old, then nodes 30s old (Creampanda, in the report's own order)", () => {
    const text = md(fenced('Creampanda__get-pods-calico-node.txt'), fenced('Creampanda__get-nodes.txt'))
    const [f] = ofKind(review(input(text)), 'consistency.age')
    expect(f).toMatchObject({ severity: 'warning', line: lineOf(text, 'calico-node-tl8t6') })
    expect(f?.message).toContain('7m47s old, but the node list printed after it')
  })

  it('no age finding when the pods are listed after the nodes, or are younger (Artemchikus pods -A then nodes)', () => {
    const reversed = md(fenced('Creampanda__get-nodes.txt'), fenced('Creampanda__get-pods-calico-node.txt'))
    expect(ofKind(review(input(reversed)), 'consistency.age')).toEqual([])
    expect(ofKind(review(input(fenced('Artemchikus__get-pods-A-and-nodes.txt'))), 'consistency.age')).toEqual(
      [],
    )
  })

  it('consistency.pod-ip: one pod name with two IPs (LinaMalinaMeow, second table derived)', () => {
    const text = md(
      fenced('LinaMalinaMeow__get-pods-wide.txt'),
      fenced('derived__LinaMalinaMeow__get-pods-wide-other-ip.txt'),
    )
    const [f] = ofKind(review(input(text)), 'consistency.pod-ip')
    expect(f).toMatchObject({ severity: 'warning', line: lineOf(text, '192.168.1.9') })
  })

  it('consistency.format: `-o yaml` answered by a table (derived from gitvanya34)', () => {
    const text = fenced('derived__gitvanya34__get-ippools-o-yaml.txt')
    expect(ofKind(review(input(text)), 'consistency.format')).toMatchObject([
      { severity: 'warning', line: lineOf(text, 'NAME') },
    ])
    // The real `-o yaml` output, elided with `...`, is not a table (nizepart).
    const real = code([
      '➜  ~ k get ippools.crd.projectcalico.org default-ipv4-ippool -o yaml',
      '...',
      'cidr: 10.244.0.0/16',
      '...',
    ])
    expect(ofKind(review(input(real)), 'consistency.format')).toEqual([])
  })

  it('consistency.version: minikube prepared v1.27.4, the nodes shown run v1.24.3 (Creampanda start, ArinaMlt nodes)', () => {
    const text = md(fenced('Creampanda__minikube-start.txt'), fenced('ArinaMlt__get-nodes-k8s-1.24.3.txt'))
    const [f] = ofKind(review(input(text)), 'consistency.version')
    expect(f).toMatchObject({ severity: 'warning', item: 1, line: lineOf(text, 'minikube start') })
    expect(f?.message).toContain('v1.27.4')
  })

  it('consistency.manifest-differs: the pool pasted in the report is not the committed one', () => {
    const text = md(fenced('manifest__LinaMalinaMeow__ippool-east.txt', 'yaml'))
    const r = review(
      input(text, {
        'lab4/manifests/calico/ippools.yaml': fixture('manifest__countenum404__ippools-crd.txt'),
      }),
    )
    expect(ofKind(r, 'consistency.manifest-differs')).toMatchObject([
      { severity: 'warning', item: 5, line: lineOf(text, 'kind: IPPool') },
    ])
    const same = review(
      input(md(fenced('manifest__Creampanda__ippool-calico.txt', 'yaml')), {
        'lab4/calico.yaml': fixture('manifest__Creampanda__ippool-calico.txt'),
      }),
    )
    expect(ofKind(same, 'consistency.manifest-differs')).toEqual([])
  })
})
