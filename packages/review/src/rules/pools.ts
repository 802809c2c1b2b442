// Item 5 (and the calicoctl note of item 3): the pools are judged by ipam's own config rules (host bits,
// overlaps, the Service and node networks), plus what a write-up adds: the default pool and the CRD path.
import {
  type Finding as ConfigFinding,
  type LabConfig,
  LabConfigSchema,
  networkCidr,
  tryParseCidr,
} from '@lab4/core'
import { ipamRules } from '@lab4/ipam'
import type { Finding } from '../types.ts'
import type { Ctx } from '../facts/context.ts'
import { type PoolDef, isDefaultPool, manifestPools, poolListings } from '../facts/pools.ts'
import { verb } from '../command.ts'
import { type Rule, finding } from './finding.ts'

/** ipam's rules that judge the ranges themselves; the zone rules need a config a write-up does not have. */
const RANGE_RULES: Record<string, { kind: (msg: string) => string; hint: string }> = {
  'ipam.pool-cidr': {
    kind: (m) => (m.includes('host bits') ? 'pools.host-bits' : ''),
    hint: 'write the network address (10.244.102.1/24 means 10.244.102.0/24); calicoctl refuses host bits, the CRD path accepts them silently',
  },
  'ipam.pool-overlap': {
    kind: () => 'pools.overlap',
    hint: 'give each pool its own range, e.g. 10.244.1.0/24 and 10.244.2.0/24',
  },
  'ipam.cluster-overlap': {
    kind: () => 'pools.cluster-overlap',
    hint: 'keep pools out of the Service network 10.96.0.0/12 and the node network; a /24 inside 10.244.0.0/16 is safe',
  },
}

const SELECTOR_VALUE = /(?:^|[\s(&|!])([\w./-]+)\s*==\s*["']([^"']*)["']/

/** A LabConfig holding these pools, so ipam's ConfigRules can judge them; pools[i] is defs[i]. */
function configOf(defs: readonly PoolDef[], nodeCidr: string | undefined): LabConfig | undefined {
  const pools = defs.map((d, i) => {
    const zone = SELECTOR_VALUE.exec(d.selector)?.[2] || `pool-${i + 1}`
    const nameOk = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(d.name)
    return { zone, cidr: d.cidr || '?', disabled: d.disabled, ...(nameOk ? { name: d.name } : {}) }
  })
  const parsed = LabConfigSchema.safeParse({ pools, ...(nodeCidr ? { cluster: { nodeCidr } } : {}) })
  return parsed.success ? parsed.data : undefined
}

/** Config words (`pools[1]`, `cluster.serviceCidr`) turned into the write-up's words. */
const reword = (m: string): string =>
  m
    .replace(/pools\[\d+\] /g, '')
    .replace(/ cluster\.(serviceCidr|nodeCidr)/g, '')
    .replace(/; Calico refuses overlapping pools/, '; calicoctl refuses overlapping pools')

export const poolRangeRule: Rule = (ctx) => {
  const nodeIp = ctx.starts.map((s) => s.nodeIp).find(Boolean)
  const nodeNet = nodeIp ? tryParseCidr(`${nodeIp}/24`) : undefined
  const nodeCidr = nodeNet ? networkCidr(nodeNet) : undefined
  const written = manifestPools(ctx)
  // Report locations first, so a pool both in the report and in a file is named where the grader reads.
  const sets = [
    dedupe(written.filter((p) => p.file === ctx.file)),
    ...poolListings(ctx),
    dedupe(written.filter((p) => p.file !== ctx.file)),
  ]
  const seen = new Set<string>()
  const out: Finding[] = []
  for (const defs of sets) {
    if (defs.length === 0) continue
    const config = configOf(defs, nodeCidr)
    if (!config) continue
    for (const rule of ipamRules.filter((r) => r.id in RANGE_RULES)) {
      for (const f of rule.check(config)) {
        const def = defs[indexOf(f)]
        const spec = RANGE_RULES[rule.id]
        if (!def || !spec) continue
        const kind = spec.kind(f.message)
        // Only host bits: a cell that is no CIDR at all is more likely a table we cut wrong than a student's pool.
        if (!kind) continue
        // The default pool is judged against the cluster's networks only (its overlap with new pools is expected).
        const named = [...f.message.matchAll(/pools\[(\d+)\]/g)].map((m) => defs[Number(m[1])])
        if (
          (isDefaultPool(def) || named.some((p) => p && isDefaultPool(p))) &&
          rule.id !== 'ipam.cluster-overlap'
        )
          continue
        const key = `${kind}|${def.name}|${def.cidr}`
        if (seen.has(key)) continue
        seen.add(key)
        out.push(
          finding(ctx, {
            kind,
            severity: 'error',
            item: 5,
            file: def.file,
            line: def.line,
            message: `${def.via === 'table' ? 'listed' : 'written'} pool ${def.name}: ${reword(f.message)}`,
            hint: spec.hint,
          }),
        )
      }
    }
  }
  return out
}

const indexOf = (f: ConfigFinding): number => Number(/^pools\[(\d+)\]/.exec(f.path)?.[1] ?? -1)

function dedupe(defs: readonly PoolDef[]): PoolDef[] {
  const seen = new Set<string>()
  return defs.filter((d) => !seen.has(d.name) && Boolean(seen.add(d.name)))
}

const DELETES_DEFAULT =
  /\bdelete\s+(ippools?(\.crd\.projectcalico\.org)?|ippool\.crd\.projectcalico\.org)\s+default-ipv4-ippool\b/

export const defaultPoolRule: Rule = (ctx) => {
  const out: Finding[] = []
  const listings = poolListings(ctx)
  const withCustom = listings.filter((l) => l.some((p) => !isDefaultPool(p)))
  const last = withCustom[withCustom.length - 1]
  const lastDefault = last?.find(isDefaultPool)
  if (lastDefault && !lastDefault.disabled) {
    out.push(
      finding(ctx, {
        kind: 'pools.default-not-deleted',
        severity: 'error',
        item: 5,
        line: lastDefault.line,
        message:
          'default-ipv4-ippool is still there, enabled, beside the custom pools: pods may keep getting 10.244.x.x addresses from it',
        hint: 'delete it (calicoctl delete ippool default-ipv4-ippool) before creating the pods, then recreate the pods',
      }),
    )
  }
  const disabledDefault = [...listings.flat(), ...manifestPools(ctx)].find(
    (p) => isDefaultPool(p) && p.disabled,
  )
  if (disabledDefault) {
    out.push(
      finding(ctx, {
        kind: 'pools.default-disabled',
        severity: 'note',
        item: 5,
        file: disabledDefault.file,
        line: disabledDefault.line,
        message:
          'default-ipv4-ippool is disabled, not deleted: new pods get no address from it, but its blocks stay allocated',
        hint: 'deleting it (calicoctl delete ippool default-ipv4-ippool) is the cleaner way; disabling is accepted',
      }),
    )
  }
  // Pools were created but the write-up never shows the default one go.
  const created = ctx.transcripts.find((t) =>
    t.out.some((l) =>
      /Successfully (created|applied) \d+ 'IPPool'|^ippool\.crd\.projectcalico\.org\/\S+ created/.test(
        l.text.trim(),
      ),
    ),
  )
  const deleted = ctx.doc.lines.some((l) => DELETES_DEFAULT.test(l.text))
  if (created && !deleted && !lastDefault && !disabledDefault && !(last && !lastDefault)) {
    out.push(
      finding(ctx, {
        kind: 'pools.default-not-deleted',
        severity: 'warning',
        item: 5,
        line: created.cmdLine ?? created.block.start,
        message:
          'custom pools were created, but the write-up never shows default-ipv4-ippool deleted or disabled',
        hint: 'show `calicoctl delete ippool default-ipv4-ippool` and a `calicoctl get ippool -o wide` without it',
      }),
    )
  }
  return out
}

export const crdPoolRule: Rule = (ctx) => {
  const out: Finding[] = []
  const docs = ctx.yaml.filter((d) => d.kind === 'IPPool' && d.apiVersion.startsWith('crd.projectcalico.org'))
  const byFile = new Map<string, typeof docs>()
  for (const d of docs) byFile.set(d.file, [...(byFile.get(d.file) ?? []), d])
  for (const [file, ds] of byFile) {
    const first = ds[0]
    if (!first) continue
    out.push(
      finding(ctx, {
        kind: 'pools.crd-api',
        severity: 'warning',
        item: 5,
        file,
        line: lineOfApiVersion(ctx, file, first.line) ?? first.line,
        message: `${ds.map((d) => d.name).join(', ')} ${ds.length === 1 ? 'is' : 'are'} written as crd.projectcalico.org/v1, Calico's internal storage format: applied with kubectl it skips calicoctl's validation and defaults`,
        hint: 'write apiVersion: projectcalico.org/v3 and create the pools with calicoctl (or kubectl with the Calico API server)',
      }),
    )
  }
  if (out.length > 0) return out
  // No manifest shown, but kubectl's output names the CRD.
  const t = ctx.transcripts.find(
    (x) =>
      x.cmd?.tool === 'kubectl' &&
      /^(apply|create)$/.test(verb(x.cmd)) &&
      x.out.some((l) =>
        /^ippool\.crd\.projectcalico\.org\/\S+ (created|configured|unchanged)/.test(l.text.trim()),
      ),
  )
  if (t)
    out.push(
      finding(ctx, {
        kind: 'pools.crd-api',
        severity: 'warning',
        item: 5,
        line: t.cmdLine ?? t.block.start,
        message:
          "kubectl created the pools as ippool.crd.projectcalico.org objects: that path skips calicoctl's validation and defaults",
        hint: 'create pools with calicoctl from a projectcalico.org/v3 manifest',
      }),
    )
  return out
}

function lineOfApiVersion(ctx: Ctx, file: string, from: number): number | undefined {
  const lines = file === ctx.file ? ctx.doc.lines : ctx.manifests.find((m) => m.file === file)?.lines
  for (let n = from; lines && n <= Math.min(lines.length, from + 5); n += 1)
    if ((lines[n - 1]?.text ?? '').includes('crd.projectcalico.org')) return n
  return undefined
}

export const calicoctlVersionRule: Rule = (ctx) => {
  const out: Finding[] = []
  // calicoctl's own refusal says "Use --allow-version-mismatch to override": that is not the flag being used.
  const flagLine = ctx.doc.lines.find(
    (l) => l.text.includes('--allow-version-mismatch') && !/use --allow-version-mismatch/i.test(l.text),
  )
  if (flagLine)
    out.push(
      finding(ctx, {
        kind: 'calicoctl.version-mismatch',
        severity: 'note',
        item: 3,
        line: flagLine.n,
        message:
          "calicoctl runs with --allow-version-mismatch: its version differs from the cluster's Calico, and the write-up does not say which versions",
        hint: "use a calicoctl of the cluster's Calico version (kubectl get clusterinformation default -o yaml shows it) and show `calicoctl version`",
      }),
    )
  const refused = ctx.transcripts.flatMap((t) => t.out).find((l) => /version mismatch/i.test(l.text))
  if (refused && !flagLine)
    out.push(
      finding(ctx, {
        kind: 'calicoctl.version-mismatch',
        severity: 'note',
        item: 3,
        line: refused.n,
        message: "calicoctl refused to run: its version differs from the cluster's Calico",
        hint: 'use the calicoctl release that matches the cluster, or pass --allow-version-mismatch and say so',
      }),
    )
  return out
}
