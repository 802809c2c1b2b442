import { describe, expect, it } from 'vitest'
import { review } from '../review.ts'
import { code, fenced, fixture, input, lineOf, ofKind, substantive } from '../testing/fixture.ts'

describe("pools (item 5) through ipam's own rules", () => {
  it('pools.host-bits and pools.overlap: 10.244.102.2/24 and 10.244.102.1/24 are one network (gitvanya34)', () => {
    const text = fenced('gitvanya34__calicoctl-pod-get-ippool-wide-overlapping-cidrs.txt')
    const r = review(input(text))
    expect(ofKind(r, 'pools.host-bits').map((f) => [f.line, f.severity])).toEqual([
      [lineOf(text, 'zone-kupchino-ippool'), 'error'],
      [lineOf(text, 'zone-parnas-ippool'), 'error'],
    ])
    expect(ofKind(r, 'pools.host-bits')[0]?.message).toContain('did you mean 10.244.102.0/24')
    const [overlap] = ofKind(r, 'pools.overlap')
    expect(overlap?.message).toMatch(
      /zone-parnas-ippool \(10\.244\.102\.1\/24\) overlaps zone-kupchino-ippool \(10\.244\.102\.2\/24\)/,
    )
  })

  it('names each pool once when the report lists it and the manifest beside it writes it (gitvanya34 ippool.yaml)', () => {
    const text = fenced('gitvanya34__calicoctl-pod-get-ippool-wide-overlapping-cidrs.txt')
    const r = review(
      input(text, { 'lab4/yaml/ippool.yaml': fixture('manifest__gitvanya34__ippool-crd-overlapping.txt') }),
    )
    expect(ofKind(r, 'pools.host-bits').map((f) => f.file)).toEqual([
      'lab4/lab4_report.md',
      'lab4/lab4_report.md',
    ])
    expect(ofKind(r, 'pools.crd-api')).toMatchObject([
      { file: 'lab4/yaml/ippool.yaml', line: 1, severity: 'warning' },
    ])
  })

  it("pools.cluster-overlap: Calico's documented default 192.168.0.0/16 covers minikube's node network", () => {
    const text = code([
      '$ calicoctl get ippool -o wide',
      fixture('docs__calicoctl-get-ippool-wide-topology-before.txt').trimEnd(),
    ])
    const [f] = ofKind(review(input(text)), 'pools.cluster-overlap')
    expect(f).toMatchObject({ severity: 'error', line: lineOf(text, 'default-ipv4-ippool') })
    expect(f?.message).toContain('node network 192.168.49.0/24')
  })

  it('pools.default-not-deleted (error): the default pool still enabled beside the new one (Calico migrate docs)', () => {
    const [enabled] = fixture('docs__calicoctl-get-ippool-wide-migrate-2.txt').split('--\n')
    const text = code(['$ calicoctl get ippool -o wide', (enabled ?? '').trimEnd()])
    expect(ofKind(review(input(text)), 'pools.default-not-deleted')).toMatchObject([
      { severity: 'error', line: lineOf(text, 'default-ipv4-ippool') },
    ])
  })

  it('pools.default-disabled (note): the default pool disabled instead of deleted (Calico migrate docs)', () => {
    const [, disabled] = fixture('docs__calicoctl-get-ippool-wide-migrate-2.txt').split('--\n')
    const text = code(['$ calicoctl get ippool -o wide', (disabled ?? '').trimEnd()])
    const r = review(input(text))
    expect(ofKind(r, 'pools.default-disabled')).toMatchObject([
      { severity: 'note', line: lineOf(text, 'default-ipv4-ippool') },
    ])
    expect(ofKind(r, 'pools.default-not-deleted')).toEqual([])
  })

  it('pools.default-not-deleted (warning): pools created, no deletion of the default shown (LinaMalinaMeow)', () => {
    const text = fenced('LinaMalinaMeow__calicoctl-create-ippools.txt')
    expect(ofKind(review(input(text)), 'pools.default-not-deleted')).toMatchObject([
      { severity: 'warning', line: lineOf(text, 'calicoctl create -f ippool_west.yaml') },
    ])
  })

  it('pools.crd-api: kubectl created the pools as ippool.crd.projectcalico.org (nizepart), and a v1 manifest (countenum404)', () => {
    const text = fenced('nizepart__kubectl-apply-ippool-crd.txt')
    expect(ofKind(review(input(text)), 'pools.crd-api')).toMatchObject([
      { severity: 'warning', line: lineOf(text, 'k apply -f ippool.yml') },
    ])
    const r = review(
      input('# report\n', {
        'lab4/manifests/calico/ippools.yaml': fixture('manifest__countenum404__ippools-crd.txt'),
      }),
    )
    const [f] = ofKind(r, 'pools.crd-api')
    expect(f).toMatchObject({ file: 'lab4/manifests/calico/ippools.yaml', line: 1 })
    expect(f?.message).toContain('zone-east-ippool, zone-west-ippool')
  })

  it('calicoctl.version-mismatch: --allow-version-mismatch (sanchpet) and the refusal itself (calico issue 5764)', () => {
    const text = fenced('sanchpet__calicoctl-get-ippool-wide-default.txt')
    expect(ofKind(review(input(text)), 'calicoctl.version-mismatch')).toMatchObject([
      { severity: 'note', item: 3, line: 2 },
    ])
    const refusal = fenced('docs__calicoctl-version-mismatch.txt')
    expect(ofKind(review(input(refusal)), 'calicoctl.version-mismatch')).toMatchObject([
      { severity: 'note', line: lineOf(refusal, 'Version mismatch') },
    ])
  })

  it('accepts deleted default, masked disjoint pools and pods in their zone pools (kairoslav)', () => {
    expect(substantive(review(input(fenced('kairoslav__ippool-delete-label-create-get-pods.txt'))))).toEqual([
      'calicoctl.version-mismatch',
    ])
  })
})
