import { describe, expect, it } from 'vitest'
import { review } from '../review.ts'
import { fenced, fixture, input, lineOf, md, ofKind, substantive } from '../testing/fixture.ts'

const file = (name: string) => fixture(name)

describe('app (items 6–7)', () => {
  it('app.replicaset: the lab 3 ReplicaSet handed in for lab 4 (derived from Artemchikus dep.yaml)', () => {
    const text = file('derived__Artemchikus__deployment-as-replicaset.txt')
    const r = review(input('# Lab 4\n', { 'lab4/dep.yaml': text }))
    expect(ofKind(r, 'app.replicaset')).toMatchObject([
      { severity: 'error', item: 6, file: 'lab4/dep.yaml', line: lineOf(text, 'kind: ReplicaSet') },
    ])
  })

  it('app.replicas: replicas 1 (derived from Artemchikus dep.yaml), in a yaml block of the report', () => {
    const text = md(fenced('derived__Artemchikus__deployment-1-replica.txt', 'yaml'))
    expect(ofKind(review(input(text)), 'app.replicas')).toMatchObject([
      { severity: 'error', line: lineOf(text, 'replicas: 1') },
    ])
  })

  it('app.env-missing: REACT_APP_COMPANY_NAME not passed (derived from kairoslav react-deployment.yaml)', () => {
    const text = file('derived__kairoslav__deployment-no-company.txt')
    const [f] = ofKind(review(input('# Lab 4\n', { 'lab4/react-deployment.yaml': text })), 'app.env-missing')
    expect(f).toMatchObject({ severity: 'error', line: lineOf(text, 'containers:') })
    expect(f?.message).toContain('REACT_APP_COMPANY_NAME')
  })

  it.each([
    ['env values (kairoslav)', { 'lab4/d.yaml': 'manifest__kairoslav__deployment.txt' }],
    [
      'valueFrom configMapKeyRef (Creampanda react.yaml)',
      { 'lab4/react.yaml': 'manifest__Creampanda__configmap-deployment.txt' },
    ],
    [
      'envFrom a ConfigMap that holds both (alex-grandson)',
      {
        'lab4/k8s/deployment.yml': 'manifest__alex-grandson__deployment-envFrom.txt',
        'lab4/k8s/configmap.yml': 'manifest__alex-grandson__configmap.txt',
      },
    ],
  ])('accepts a Deployment passing both variables by %s', (_how, files) => {
    const manifests = Object.fromEntries(Object.entries(files).map(([k, v]) => [k, fixture(v)]))
    expect(substantive(review(input('# Lab 4\n', manifests)))).toEqual([])
  })

  it('app.service-selector: a Service whose selector misses the pods (kairoslav service.yaml beside Artemchikus dep.yaml)', () => {
    const r = review(
      input('# Lab 4\n', {
        'lab4/dep.yaml': fixture('manifest__Artemchikus__deployment.txt'),
        'lab4/service.yaml': fixture('manifest__kairoslav__service-nodeport.txt'),
      }),
    )
    const [f] = ofKind(r, 'app.service-selector')
    expect(f).toMatchObject({
      severity: 'error',
      item: 7,
      file: 'lab4/service.yaml',
      line: lineOf(fixture('manifest__kairoslav__service-nodeport.txt'), 'selector:'),
    })
    expect(f?.message).toContain(
      'selects app=react-app, but the pods of react-d carry creation_method=deployment,app=frontend',
    )
  })

  it("accepts a Service that selects the Deployment's pods (kairoslav)", () => {
    const r = review(
      input('# Lab 4\n', {
        'lab4/d.yaml': fixture('manifest__kairoslav__deployment.txt'),
        'lab4/s.yaml': fixture('manifest__kairoslav__service-nodeport.txt'),
      }),
    )
    expect(ofKind(r, 'app.service-selector')).toEqual([])
  })
})
