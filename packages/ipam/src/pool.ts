// The IPPool as this package reasons about it: projectcalico.org/v3 spec fields with Calico's defaults filled in.
import { type LabConfig, type PoolConfig, poolName } from '@lab4/core'
import { networkCidr, tryParseCidr } from '@lab4/core'
import { formatSelector, parsePoolSelector } from './selector/index.ts'

export type IPPool = {
  readonly name: string
  readonly cidr: string
  /** @default 26 */
  readonly blockSize: number
  /** `Always`, `CrossSubnet` or `Never`. @default Never */
  readonly ipipMode: string
  /** @default Never */
  readonly vxlanMode: string
  /** @default false (the JSON omits false booleans) */
  readonly natOutgoing: boolean
  readonly disabled: boolean
  readonly disableBGPExport: boolean
  /** @default all() */
  readonly nodeSelector: string
  readonly allowedUses?: readonly string[]
  readonly assignmentMode?: string
}

/** The pool calico-node creates at first start (10.244.0.0/16 on minikube); the lab replaces it. */
export const DEFAULT_POOL_NAME = 'default-ipv4-ippool'

/** `zone == "east"`: the nodeSelector that ties a pool to one zone label value. */
export const zoneSelector = (labelKey: string, zone: string): string => `${labelKey} == "${zone}"`

export function desiredPool(p: PoolConfig, labelKey: string): IPPool {
  return {
    name: poolName(p),
    cidr: p.cidr,
    blockSize: p.blockSize,
    ipipMode: p.ipipMode,
    vxlanMode: p.vxlanMode,
    natOutgoing: p.natOutgoing,
    disabled: p.disabled,
    disableBGPExport: false,
    nodeSelector: zoneSelector(labelKey, p.zone),
  }
}

/** One pool per configured zone, in config order. */
export const desiredPools = (config: LabConfig): IPPool[] =>
  config.pools.map((p) => desiredPool(p, config.zones.labelKey))

/** CIDRs compare by network (`10.244.1.0/24` ≡ ` 10.244.1.0/24`); unparsable text compares as written. */
export const canonicalCidr = (cidr: string): string => {
  const c = tryParseCidr(cidr)
  return c ? networkCidr(c) : cidr.trim()
}

/** Selectors compare by meaning (`zone=='east'` ≡ `zone == "east"`); unparsable text compares as written. */
export function canonicalSelector(selector: string): string {
  try {
    return formatSelector(parsePoolSelector(selector))
  } catch {
    return selector.trim()
  }
}

/** The fields that differ between an observed pool and the wanted one (only the fields this lab sets). */
export function poolDifferences(observed: IPPool, wanted: IPPool): string[] {
  const diffs: string[] = []
  const cmp = (field: string, a: unknown, b: unknown) => {
    if (a !== b) diffs.push(`${field} ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`)
  }
  cmp('cidr', canonicalCidr(observed.cidr), canonicalCidr(wanted.cidr))
  cmp('blockSize', observed.blockSize, wanted.blockSize)
  cmp('nodeSelector', canonicalSelector(observed.nodeSelector), canonicalSelector(wanted.nodeSelector))
  cmp('ipipMode', observed.ipipMode, wanted.ipipMode)
  cmp('vxlanMode', observed.vxlanMode, wanted.vxlanMode)
  cmp('natOutgoing', observed.natOutgoing, wanted.natOutgoing)
  cmp('disabled', observed.disabled, wanted.disabled)
  return diffs
}

/** cidr and blockSize cannot be changed on an existing pool: Calico rejects the update. */
export const immutableDiffers = (observed: IPPool, wanted: IPPool): boolean =>
  canonicalCidr(observed.cidr) !== canonicalCidr(wanted.cidr) || observed.blockSize !== wanted.blockSize
