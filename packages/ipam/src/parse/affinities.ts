// `kubectl get blockaffinities.crd.projectcalico.org -o json`: which /26 block each node has claimed.
import { parseItems } from '@lab4/core'

export type BlockAffinity = {
  readonly name: string
  readonly node: string
  readonly cidr: string
  readonly state: string
  readonly deleted: boolean
}

type Raw = {
  metadata?: { name?: string }
  spec?: { node?: string; cidr?: string; state?: string; deleted?: string | boolean }
}

export function parseAffinities(stdout: string): BlockAffinity[] {
  return parseItems<Raw>(stdout).map((a) => ({
    name: a.metadata?.name ?? '',
    node: a.spec?.node ?? '',
    cidr: a.spec?.cidr ?? '',
    state: a.spec?.state ?? '',
    // The v1 CRD stores `deleted` as a string.
    deleted: a.spec?.deleted === true || a.spec?.deleted === 'true',
  }))
}
