// calicoctl as it runs inside the calicoctl pod (Calico v3.28 wording), against the world's Calico datastore.
import { parseAllDocuments } from 'yaml'
import { ipamCheck, ipamShow, poolsOutput, versionText } from '../format/calico.ts'
import { cidrString, isMasked, masked, overlaps, parseCidr } from '../world/cidr.ts'
import { deletePool, poolCidr } from '../world/ipam.ts'
import { newMeta } from '../world/meta.ts'
import { parseSelector } from '../world/selector.ts'
import { CALICO_GIT_COMMIT } from '../world/versions.ts'
import type { Cluster, IPPool } from '../world/types.ts'

export type Run = { stdout: string; stderr: string; exitCode: number }
type Doc = Record<string, any> // eslint-disable-line @typescript-eslint/no-explicit-any

const POOL_NAMES = new Set(['ippool', 'ippools', 'ipp', 'ipps', 'pool', 'pools'])
const ok = (stdout: string): Run => ({ stdout, stderr: '', exitCode: 0 })
const err = (stderr: string, exitCode = 1): Run => ({
  stdout: '',
  stderr: stderr.endsWith('\n') ? stderr : `${stderr}\n`,
  exitCode,
})

/** `args` are calicoctl's own arguments (after the binary name). Mutates `c` for create/delete. */
export function calicoctl(
  c: Cluster,
  seed: number,
  clientVersion: string,
  args: string[],
  stdin: string,
  now: number,
): Run {
  const allow = args.includes('--allow-version-mismatch')
  const a = args.filter((x) => x !== '--allow-version-mismatch')
  const [verb = '', ...rest] = a
  if (verb === 'version') return ok(versionText(clientVersion, CALICO_GIT_COMMIT, c.calicoVersion))
  const verbs = ['get', 'create', 'apply', 'replace', 'delete', 'ipam', 'patch', 'label']
  if (!verbs.includes(verb))
    return err(
      `Invalid option: 'calicoctl ${a.join(' ')}'. Use flag '--help' to read about a specific subcommand.`,
    )
  const base = (v: string) => v.replace(/^v/, '').split('-')[0]
  if (!allow && base(clientVersion) !== base(c.calicoVersion)) {
    const what = verb === 'ipam' ? '' : `Failed to ${verb} resources: `
    return err(
      `${what}Version mismatch.\nClient Version:   ${clientVersion}\nCluster Version:  ${c.calicoVersion}\nUse --allow-version-mismatch to override.`,
    )
  }
  if (verb === 'get') return get(c, rest)
  if (verb === 'create' || verb === 'apply' || verb === 'replace')
    return createPools(c, seed, verb, rest, stdin, now)
  if (verb === 'delete') return deletePools(c, rest, stdin)
  if (verb === 'ipam') {
    const [sub, ...opts] = rest
    if (sub === 'show') return ok(ipamShow(c, opts.includes('--show-blocks')))
    if (sub === 'check') return ok(ipamCheck(c))
    return err(`Invalid option: 'calicoctl ipam ${rest.join(' ')}'.`)
  }
  return err(`calicoctl ${verb} is not supported by the simulator`)
}

function outputOf(rest: string[]): string {
  for (let i = 0; i < rest.length; i++) {
    const x = rest[i] ?? ''
    if (x === '-o' || x === '--output') return rest[i + 1] ?? 'ps'
    if (x.startsWith('-o')) return x.slice(2).replace(/^=/, '')
    if (x.startsWith('--output=')) return x.slice('--output='.length)
  }
  return 'ps'
}

function get(c: Cluster, rest: string[]): Run {
  const positional = rest.filter(
    (x, i) => !x.startsWith('-') && !['-o', '--output'].includes(rest[i - 1] ?? ''),
  )
  const [kind = '', ...names] = positional
  if (!POOL_NAMES.has(kind.toLowerCase()))
    return err(`Failed to get resources: resource type '${kind}' is not supported`)
  const format = outputOf(rest)
  if (!['json', 'yaml', 'wide', 'ps'].includes(format)) return err(`unrecognized output format '${format}'`)
  const pools = [...c.pools].sort((x, y) => x.name.localeCompare(y.name))
  if (names.length === 0) return ok(poolsOutput(c, pools, format as 'json', true))
  const found = names.map((n) => pools.find((p) => p.name === n))
  const missing = names.find((_, i) => !found[i])
  if (missing)
    return err(
      `Failed to get resources: resource does not exist: IPPool(${missing}) with error: ippools.crd.projectcalico.org "${missing}" not found`,
    )
  return ok(poolsOutput(c, found as IPPool[], format as 'json', false))
}

function docsFrom(rest: string[], stdin: string): Doc[] | string {
  const i = rest.findIndex((x) => x === '-f' || x === '--filename' || x.startsWith('--filename='))
  const file = rest[i]?.startsWith('--filename=') ? rest[i]?.slice(11) : rest[i + 1]
  if (i < 0 || file !== '-')
    return 'Invalid option: only "-f -" (stdin) is available inside the calicoctl pod'
  try {
    return parseAllDocuments(stdin)
      .map((d) => d.toJSON() as Doc)
      .filter((d) => d && typeof d === 'object')
  } catch (e) {
    return `Failed to execute command: error parsing stdin: ${(e as Error).message}`
  }
}

/** The clientv3 create-time validation: masked CIDR, block size, IPIP/VXLAN, selector, overlap with ANY pool. */
function validate(existing: IPPool[], d: Doc): string | IPPool {
  const name = String(d.metadata?.name ?? '')
  const s = d.spec ?? {}
  const cidr = parseCidr(String(s.cidr ?? ''))
  const field = (f: string, v: unknown, why: string) => `error with field ${f} = '${String(v)}' (${why})`
  if (!name) return field('Metadata.Name', '', 'name is required')
  if (!cidr) return field('IPPool.Spec.CIDR', s.cidr ?? '', 'invalid CIDR')
  if (!isMasked(cidr)) return field('IPPool.Spec.CIDR', s.cidr, 'IPPool CIDR is not strictly masked')
  const blockSize = s.blockSize === undefined ? 26 : Number(s.blockSize)
  if (blockSize < 20 || blockSize > 32)
    return field('IPPool.Spec.BlockSize', blockSize, 'IPv4 block size must be between 20 and 32')
  const disabled = s.disabled === true
  if (!disabled && cidr.prefix > blockSize)
    return field(
      'IPPool.Spec.CIDR',
      s.cidr,
      'IP pool size is too small for use with Calico IPAM. It must be equal to or greater than the block size.',
    )
  const ipip = String(s.ipipMode ?? 'Never')
  const vxlan = String(s.vxlanMode ?? 'Never')
  if (ipip !== 'Never' && vxlan !== 'Never')
    return field('IPPool.Spec.VXLANMode', vxlan, 'Cannot enable both VXLAN and IPIP on the same IPPool')
  const selector = s.nodeSelector === undefined || s.nodeSelector === '' ? 'all()' : String(s.nodeSelector)
  try {
    parseSelector(selector)
  } catch (e) {
    return field('IPPool.Spec.NodeSelector', selector, (e as Error).message)
  }
  if (existing.some((p) => p.name === name)) return `resource already exists: IPPool(${name})`
  const clash = existing.find((p) => overlaps(poolCidr(p), cidr))
  if (clash)
    return field(
      'IPPool.Spec.CIDR',
      cidrString(masked(cidr)),
      `IPPool(${name}) CIDR overlaps with IPPool(${clash.name}) CIDR ${clash.cidr}`,
    )
  return {
    name,
    uid: '',
    createdAt: 0,
    resourceVersion: 0,
    cidr: cidrString(cidr),
    blockSize,
    ipipMode: ipip,
    vxlanMode: vxlan,
    natOutgoing: s.natOutgoing === true,
    disabled,
    disableBGPExport: s.disableBGPExport === true,
    nodeSelector: selector,
    allowedUses: Array.isArray(s.allowedUses) ? s.allowedUses.map(String) : ['Workload', 'Tunnel'],
  }
}

function createPools(
  c: Cluster,
  seed: number,
  verb: string,
  rest: string[],
  stdin: string,
  now: number,
): Run {
  const docs = docsFrom(rest, stdin)
  if (typeof docs === 'string') return err(docs)
  if (docs.length === 0) return err('No resources specified in file -')
  const past = verb === 'create' ? 'created' : verb === 'apply' ? 'applied' : 'replaced'
  let done = 0
  for (const d of docs) {
    if (d.kind !== 'IPPool' || !String(d.apiVersion ?? '').startsWith('projectcalico.org/')) {
      return finish(
        done,
        docs.length,
        verb,
        past,
        `resource type '${String(d.kind)}' in version '${String(d.apiVersion)}' is not supported by the simulator`,
      )
    }
    const others = verb === 'create' ? c.pools : c.pools.filter((p) => p.name !== d.metadata?.name)
    const v = validate(others, d)
    if (typeof v === 'string') return finish(done, docs.length, verb, past, v)
    const meta = newMeta(c, seed, now, v.name, undefined)
    const old = c.pools.find((p) => p.name === v.name)
    if (old && (old.cidr !== v.cidr || old.blockSize !== v.blockSize))
      return finish(
        done,
        docs.length,
        verb,
        past,
        old.cidr !== v.cidr
          ? 'error with field IPPool.Spec.CIDR (IPPool CIDR cannot be modified)'
          : 'error with field IPPool.Spec.BlockSize (IPPool BlockSize cannot be modified)',
      )
    c.pools = [
      ...c.pools.filter((p) => p.name !== v.name),
      {
        ...v,
        uid: old?.uid ?? meta.uid,
        createdAt: old?.createdAt ?? now,
        resourceVersion: c.resourceVersion,
      },
    ]
    done++
  }
  return ok(`Successfully ${past} ${done} 'IPPool' resource(s)\n`)
}

function finish(done: number, total: number, verb: string, past: string, why: string): Run {
  if (done === 0) return err(`Failed to ${verb} any 'IPPool' resources: ${why}`)
  return {
    stdout: `Partial success: ${past} the first ${done} out of ${total} 'IPPool' resources:\n`,
    stderr: `Hit error: ${why}\n`,
    exitCode: 1,
  }
}

function deletePools(c: Cluster, rest: string[], stdin: string): Run {
  let names: string[]
  if (rest.includes('-f') || rest.some((x) => x.startsWith('--filename'))) {
    const docs = docsFrom(rest, stdin)
    if (typeof docs === 'string') return err(docs)
    names = docs.map((d) => String(d.metadata?.name ?? ''))
  } else {
    const [kind = '', ...ns] = rest.filter((x) => !x.startsWith('-'))
    if (!POOL_NAMES.has(kind.toLowerCase()))
      return err(`Failed to delete any resources: resource type '${kind}' is not supported`)
    names = ns
  }
  let done = 0
  for (const n of names) {
    if (!c.pools.some((p) => p.name === n)) {
      const why = `resource does not exist: IPPool(${n}) with error: ippools.crd.projectcalico.org "${n}" not found`
      return done === 0
        ? err(`Failed to delete any 'IPPool' resources: ${why}`)
        : {
            stdout: `Partial success: deleted the first ${done} out of ${names.length} 'IPPool' resources:\n`,
            stderr: `Hit error: ${why}\n`,
            exitCode: 1,
          }
    }
    deletePool(c, n)
    done++
  }
  return ok(`Successfully deleted ${done} 'IPPool' resource(s)\n`)
}
