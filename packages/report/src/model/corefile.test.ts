import { describe, expect, it } from 'vitest'
import { corefileExcerpt } from './corefile.ts'
import { realOutput } from '../testing/fixtures.ts'

describe('corefileExcerpt', () => {
  it('cuts the kubernetes block out of a real Corefile', () => {
    const excerpt = corefileExcerpt(realOutput('coredns-corefile-kubeadm-default-2022.txt'))
    expect(excerpt?.split('\n')).toEqual([
      'kubernetes cluster.local in-addr.arpa ip6.arpa {',
      '   pods insecure',
      '   fallthrough in-addr.arpa ip6.arpa',
      '   ttl 30',
      '}',
    ])
  })
})
