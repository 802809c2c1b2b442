// Objects rebuilt from real kubectl tables (shared/real-outputs), so a JSON answer matches what a student saw.
import type { V1Node, V1Pod } from '../../k8s.ts'
import { parseTable } from '../../net/table.ts'
import { node } from './nodes.ts'
import { pod } from './pods.ts'

/** Nodes from a real `kubectl get nodes --show-labels` table: names, Ready state, version and every label. */
export function nodesFromShowLabels(table: string): V1Node[] {
  return parseTable(table).map((r) =>
    node({
      name: r.NAME ?? '',
      ready: r.STATUS === 'Ready' ? true : r.STATUS === 'Unknown' ? 'Unknown' : false,
      ...(r.VERSION ? { kubeletVersion: r.VERSION } : {}),
      allLabels: Object.fromEntries(
        (r.LABELS ?? '')
          .split(',')
          .filter((kv) => kv.includes('='))
          .map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
      ),
    }),
  )
}

export type PodRow = { NAME?: string; READY?: string; STATUS?: string; NAMESPACE?: string; RESTARTS?: string }

const CALICO = 'v3.28.1'
const CALICO_INITS = ['upgrade-ipam', 'install-cni', 'mount-bpffs']
const APP_LABEL: Array<[RegExp, string]> = [
  [/^calico-node-/, 'calico-node'],
  [/^calico-kube-controllers-/, 'calico-kube-controllers'],
  [/^coredns-/, 'kube-dns'],
  [/^kube-proxy-/, 'kube-proxy'],
]

/**
 * A kube-system pod whose containers reproduce one row of a real `kubectl get pods` table: READY `0/1`
 * with STATUS `Running`, `Init:2/3` (calico-node's three init containers), `Init:ImagePullBackOff`, …
 * calico-node pods use the host network, so their IP is the node's (`ip`).
 */
export function podFromRow(row: PodRow, nodeName: string, ip = '192.168.49.2'): V1Pod {
  const name = row.NAME ?? ''
  const status = row.STATUS ?? 'Running'
  const app = APP_LABEL.find(([re]) => re.test(name))?.[1]
  const calico = app === 'calico-node'
  const initCount = /^Init:(\d+)\/\d+$/.exec(status)
  const initWaiting = /^Init:(\D.*)$/.exec(status)?.[1]
  const restarts = Number.parseInt(row.RESTARTS ?? '0', 10)
  return pod({
    name,
    namespace: row.NAMESPACE ?? 'kube-system',
    node: nodeName,
    hostIP: ip,
    ...(calico ? { ip, hostNetwork: true, daemonSet: 'calico-node' } : {}),
    labels: app ? { 'k8s-app': app } : { component: name.replace(/-[a-z0-9]+$/, '') },
    container: calico ? 'calico-node' : (name.split('-')[0] ?? name),
    image: calico ? `docker.io/calico/node:${CALICO}` : 'registry.k8s.io/pause:3.10',
    ready: row.READY !== undefined && /^(\d+)\/\1$/.test(row.READY) && !row.READY.startsWith('0/'),
    ...(Number.isFinite(restarts) && restarts > 0 ? { restarts } : {}),
    ...(calico
      ? {
          init: {
            names: CALICO_INITS,
            image: `docker.io/calico/cni:${CALICO}`,
            done: initCount ? Number(initCount[1]) : initWaiting ? 0 : CALICO_INITS.length,
            ...(initWaiting ? { waiting: initWaiting } : {}),
          },
        }
      : {}),
    ...(status === 'Terminating' ? { deleting: true } : {}),
    ...(status !== 'Running' && status !== 'Terminating' && !initCount && !initWaiting
      ? { waiting: status }
      : {}),
  })
}
