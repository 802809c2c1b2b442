// The Corefile's kubernetes block, cut out for the CoreDNS section (no domain package parses a Corefile).

/** The `kubernetes … { … }` block of a Corefile inside `kubectl get configmap coredns -o yaml`. */
export function corefileExcerpt(yaml: string): string | undefined {
  const lines = yaml.split('\n')
  const start = lines.findIndex((l) => /^\s*kubernetes\s.*\{\s*$/.test(l))
  if (start < 0) return undefined
  const end = lines.findIndex((l, i) => i > start && /^\s*\}\s*$/.test(l))
  const block = lines.slice(start, end < 0 ? undefined : end + 1)
  const indent = Math.min(...block.filter((l) => l.trim()).map((l) => /^ */.exec(l)?.[0].length ?? 0))
  return block.map((l) => l.slice(indent)).join('\n')
}
