// Rules on each pool's range: well formed, masked, block size, no overlap with each other or with the cluster's networks.
import type { ConfigRule, Finding, LabConfig } from '@lab4/core'
import { poolName } from '@lab4/core'
import { type Cidr, CidrError, networkCidr, overlaps, parseCidr, tryParseCidr } from '@lab4/core'

const EXAMPLE = 'write an IPv4 network such as cidr: 10.244.1.0/24'

/** A /24 of minikube's pod network 10.244.0.0/16 that no pool (but `except`) and no cluster network touches. */
export function freeRange(config: LabConfig, except?: number): string {
  const taken = [
    ...parsedPools(config)
      .filter((p) => p.i !== except)
      .map((p) => p.cidr),
    ...[config.cluster.serviceCidr, config.cluster.nodeCidr].flatMap((c) => tryParseCidr(c) ?? []),
  ]
  for (let n = 1; n < 256; n++) {
    const candidate = parseCidr(`10.244.${n}.0/24`)
    if (!taken.some((t) => overlaps(t, candidate))) return candidate.text
  }
  return '10.244.1.0/24'
}

/** Pools whose cidr parses (host bits allowed), with their index: the overlap rules judge the masked network. */
const parsedPools = (config: LabConfig): Array<{ i: number; name: string; cidr: Cidr }> =>
  config.pools.flatMap((p, i) => {
    const cidr = tryParseCidr(p.cidr)
    return cidr ? [{ i, name: poolName(p), cidr }] : []
  })

export const cidrWellFormed: ConfigRule = {
  id: 'ipam.pool-cidr',
  check: (config) =>
    config.pools.flatMap((p, i): Finding[] => {
      const path = `pools[${i}].cidr`
      let c: Cidr
      try {
        c = parseCidr(p.cidr)
      } catch (err) {
        const reason = err instanceof CidrError ? err.reason : String(err)
        return [{ path, value: p.cidr, message: reason, fix: EXAMPLE }]
      }
      if (!c.hasHostBits) return []
      const net = networkCidr(c)
      return [
        {
          path,
          value: p.cidr,
          message: `${c.text} has host bits set; did you mean ${net}?`,
          fix: `write ${net} (Calico only accepts strictly masked CIDRs)`,
        },
      ]
    }),
}

export const blockSizeFits: ConfigRule = {
  id: 'ipam.block-size',
  check: (config) =>
    config.pools.flatMap((p, i): Finding[] => {
      const path = `pools[${i}].blockSize`
      if (p.blockSize < 20 || p.blockSize > 32) {
        return [
          {
            path,
            value: p.blockSize,
            message: `blockSize ${p.blockSize} is outside Calico's IPv4 range 20..32`,
            fix: 'write blockSize: 26 (the default: 64 addresses per block)',
          },
        ]
      }
      const c = tryParseCidr(p.cidr)
      // Calico accepts a pool smaller than a block only while the pool is disabled.
      if (!c || c.prefix <= p.blockSize || p.disabled) return []
      return [
        {
          path,
          value: p.blockSize,
          message: `the pool /${c.prefix} is smaller than one /${p.blockSize} block; Calico requires the pool prefix to be at most blockSize`,
          fix: `write blockSize: ${c.prefix}, or widen pools[${i}].cidr to /${p.blockSize} or shorter`,
        },
      ]
    }),
}

export const poolsDisjoint: ConfigRule = {
  id: 'ipam.pool-overlap',
  check: (config) => {
    const pools = parsedPools(config)
    return pools.flatMap((b, j) =>
      pools.slice(0, j).flatMap((a): Finding[] =>
        overlaps(a.cidr, b.cidr)
          ? [
              {
                path: `pools[${b.i}].cidr`,
                value: b.cidr.text,
                message: `pools[${b.i}] ${b.name} (${b.cidr.text}) overlaps pools[${a.i}] ${a.name} (${a.cidr.text}); Calico refuses overlapping pools`,
                fix: `write a range of its own, e.g. cidr: ${freeRange(config, b.i)}`,
              },
            ]
          : [],
      ),
    )
  },
}

export const poolsClearOfCluster: ConfigRule = {
  id: 'ipam.cluster-overlap',
  check: (config) => {
    const reserved = [
      { what: 'the service network cluster.serviceCidr', cidr: tryParseCidr(config.cluster.serviceCidr) },
      { what: 'the node network cluster.nodeCidr', cidr: tryParseCidr(config.cluster.nodeCidr) },
      { what: 'the link-local range', cidr: tryParseCidr('169.254.0.0/16') },
    ]
    return parsedPools(config).flatMap(({ i, name, cidr }) =>
      reserved.flatMap(({ what, cidr: r }): Finding[] =>
        r && overlaps(cidr, r)
          ? [
              {
                path: `pools[${i}].cidr`,
                value: cidr.text,
                message: `pool ${name} (${cidr.text}) overlaps ${what} ${networkCidr(r)}`,
                fix: `write a range outside ${networkCidr(r)}, e.g. cidr: ${freeRange(config, i)} (minikube's pod network is 10.244.0.0/16)`,
              },
            ]
          : [],
      ),
    )
  },
}

export const oneEncapsulation: ConfigRule = {
  id: 'ipam.encapsulation',
  check: (config) =>
    config.pools.flatMap((p, i): Finding[] =>
      p.ipipMode !== 'Never' && p.vxlanMode !== 'Never'
        ? [
            {
              path: `pools[${i}].vxlanMode`,
              value: p.vxlanMode,
              message: `ipipMode ${p.ipipMode} and vxlanMode ${p.vxlanMode} together; Calico cannot enable both on one pool`,
              fix: "write vxlanMode: Never (minikube's Calico uses IPIP), or ipipMode: Never",
            },
          ]
        : [],
    ),
}
