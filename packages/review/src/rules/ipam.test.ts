import { describe, expect, it } from 'vitest'
import { review } from '../review.ts'
import { fenced, fixture, input, lineOf, md, ofKind } from '../testing/fixture.ts'

describe('IPAM proof (item 5): pod IPs against the pools', () => {
  it('ipam.pod-outside-pools: pods kept 10.244.x.x although custom pools exist (DeerHolt pods, sanchpet pools)', () => {
    const text = fenced('DeerHolt__exec-nslookup-reverse-and-get-pods-wide.txt')
    const r = review(
      input(text, { 'lab4/manifests/calico.yml': fixture('manifest__sanchpet__ippool-calico-yml.txt') }),
    )
    const fs = ofKind(r, 'ipam.pod-outside-pools')
    expect(fs.map((f) => [f.line, f.severity])).toEqual([
      [lineOf(text, 'deployment-6b7c4f96b7-ncl8t   1/1'), 'error'],
      [lineOf(text, 'deployment-6b7c4f96b7-rp779   1/1'), 'error'],
    ])
    expect(fs[0]?.message).toContain(
      '10.244.7.194, outside every custom pool (rack-c01-pool 10.244.1.0/24, rack-c02-pool 10.244.2.0/24)',
    )
  })

  it("ipam.pod-wrong-pool: a pod in the other zone's pool (LinaMalinaMeow labels and pods, countenum404 pools)", () => {
    const text = md(
      fenced('LinaMalinaMeow__label-nodes-zone.txt'),
      fenced('LinaMalinaMeow__get-pods-wide.txt'),
    )
    const r = review(input(text, { 'lab4/ippools.yaml': fixture('manifest__countenum404__ippools-crd.txt') }))
    const fs = ofKind(r, 'ipam.pod-wrong-pool')
    expect(fs.map((f) => f.line)).toEqual([
      lineOf(text, 'lab4-deployment-84dcb7ccff-8vgf4'),
      lineOf(text, 'lab4-deployment-84dcb7ccff-k6tfh'),
    ])
    expect(fs[0]?.message).toContain(
      'on minikube has 192.168.0.68 from zone-east-ippool, but minikube is selected by zone-west-ippool 192.168.1.0/24',
    )
  })

  it('accepts the same pods with their own pools (LinaMalinaMeow)', () => {
    const text = md(
      fenced('LinaMalinaMeow__calicoctl-get-ippool-wide.txt'),
      fenced('LinaMalinaMeow__label-nodes-zone.txt'),
      fenced('LinaMalinaMeow__get-pods-wide.txt'),
    )
    const r = review(input(text))
    expect(r.findings.filter((f) => f.kind.startsWith('ipam.'))).toEqual([])
  })
})
