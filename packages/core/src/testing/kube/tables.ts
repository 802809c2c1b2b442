// kubectl's human tables for the same objects the JSON answers hold (printer padding: 3 spaces, no trailing blanks).
import type { V1Node, V1Pod } from '../../k8s.ts'
import { nodeSummary, podSummary } from '../../k8s.ts'

/** Columns padded to the widest cell plus 3, the way kubectl's tabwriter lays them out. */
export function padTable(rows: readonly (readonly string[])[]): string {
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)))
  const line = (r: readonly string[]) =>
    r
      .map((c, i) => (i === r.length - 1 ? c : c.padEnd((widths[i] ?? 0) + 3)))
      .join('')
      .trimEnd()
  return `${rows.map(line).join('\n')}\n`
}

/** `kubectl get nodes -o wide`. */
export function nodesWideTable(nodes: readonly V1Node[]): string {
  const head = ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION', 'INTERNAL-IP', 'EXTERNAL-IP']
  const more = ['OS-IMAGE', 'KERNEL-VERSION', 'CONTAINER-RUNTIME']
  return padTable([
    [...head, ...more],
    ...nodes.map((n) => {
      const s = nodeSummary(n)
      const info = n.status?.nodeInfo
      return [
        s.name,
        s.ready ? 'Ready' : 'NotReady', // kubectl prints NotReady for an Unknown condition too
        'node-role.kubernetes.io/control-plane' in s.labels ? 'control-plane' : '<none>',
        '2m',
        s.kubeletVersion ?? '',
        s.internalIP ?? '',
        '<none>',
        info?.osImage ?? '',
        info?.kernelVersion ?? '',
        info?.containerRuntimeVersion ?? '',
      ]
    }),
  ])
}

/** `kubectl get pods [-A] [-o wide]`. */
export function podsTable(
  pods: readonly V1Pod[],
  o: { allNamespaces?: boolean; wide?: boolean } = {},
): string {
  const head = [
    ...(o.allNamespaces ? ['NAMESPACE'] : []),
    'NAME',
    'READY',
    'STATUS',
    'RESTARTS',
    'AGE',
    ...(o.wide ? ['IP', 'NODE', 'NOMINATED NODE', 'READINESS GATES'] : []),
  ]
  return padTable([
    head,
    ...pods.map((p) => {
      const s = podSummary(p)
      return [
        ...(o.allNamespaces ? [s.namespace] : []),
        s.name,
        s.readyCount,
        s.status,
        String(s.restarts),
        '3m',
        ...(o.wide ? [s.ip ?? '<none>', s.node ?? '<none>', '<none>', '<none>'] : []),
      ]
    }),
  ])
}
