// `calicoctl ipam check`: plain text; block→node affinity lines and the counters we judge on.

export type CheckBlock = {
  readonly cidr: string
  /** undefined for `affinity=<none>` */ readonly node: string | undefined
}

export type IpamCheck = {
  readonly blocks: readonly CheckBlock[]
  readonly activePools: readonly string[]
  readonly allocations?: number
  readonly workloadIPs?: number
  /** From `Check complete; found N problems.`; undefined when the check did not finish. */
  readonly problems?: number
  /** `  <ip> leaked…` / `  <ip> in use by … not in any active IP pool.` lines, trimmed. */
  readonly problemLines: readonly string[]
  /** A `failed to …` line (RBAC, datastore) that stopped the check. */
  readonly error?: string
}

const BLOCK = /^\s*IPAM block (\S+) affinity=(?:host:(.+?)|<none>|(.*?)):\s*$/
const count = (text: string, re: RegExp): number | undefined => {
  const m = re.exec(text)
  return m ? Number(m[1]) : undefined
}

export function parseIpamCheck(text: string): IpamCheck {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''))
  const blocks: CheckBlock[] = []
  const activePools: string[] = []
  const problemLines: string[] = []
  let inPools = false
  let error: string | undefined
  for (const line of lines) {
    const b = BLOCK.exec(line)
    if (b) blocks.push({ cidr: b[1] ?? '', node: b[2] || undefined })
    if (/^Loading all IPAM pools/.test(line)) inPools = true
    else if (inPools && /^\s+\S+\/\d+\s*$/.test(line)) activePools.push(line.trim())
    else if (/^Found \d+ active IP pools/.test(line)) inPools = false
    if (/^\s+\S+ (leaked|in use by )/.test(line)) problemLines.push(line.trim())
    if (!error && /^(failed|Failed) to /.test(line.trim())) error = line.trim()
  }
  if (blocks.length === 0 && !/Loading all IPAM blocks|Checking IPAM/.test(text)) {
    throw new Error('no IPAM check output (expected "Loading all IPAM blocks...")')
  }
  const opt = (key: string, v: number | undefined) => (v === undefined ? {} : { [key]: v })
  return {
    blocks,
    activePools,
    ...opt('allocations', count(text, /IPAM blocks record (\d+) allocations/)),
    ...opt('workloadIPs', count(text, /Found (\d+) workload IPs/)),
    ...opt('problems', count(text, /Check complete; found (\d+) problems/)),
    problemLines,
    ...(error ? { error } : {}),
  }
}
