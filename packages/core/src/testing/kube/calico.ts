// Calico objects: IPPools as calicoctl prints them, BlockAffinities and ClusterInformation as kubectl does.
import { TIMES } from './json.ts'

export type PoolSpec = {
  name: string
  cidr: string
  /** Defaults to `all()`, the default pool's selector. */
  nodeSelector?: string
  blockSize?: number
  ipipMode?: string
  vxlanMode?: string
  natOutgoing?: boolean
  disabled?: boolean
  disableBGPExport?: boolean
  allowedUses?: readonly string[]
  assignmentMode?: string
}

/** The pool Calico creates on minikube (`CALICO_IPV4POOL_CIDR` = the pod network, IPIP Always). */
export const DEFAULT_POOL = {
  name: 'default-ipv4-ippool',
  cidr: '10.244.0.0/16',
  blockSize: 26,
  ipipMode: 'Always',
  vxlanMode: 'Never',
  natOutgoing: true,
  disabled: false,
  disableBGPExport: false,
  nodeSelector: 'all()',
} as const satisfies PoolSpec

/**
 * A `projectcalico.org/v3` IPPool as calicoctl prints it: Go struct field order (not sorted), and the
 * `omitempty` booleans (natOutgoing, disabled, disableBGPExport) absent when false.
 */
export function ipPool(p: PoolSpec, index = 0): Record<string, unknown> {
  return {
    kind: 'IPPool',
    apiVersion: 'projectcalico.org/v3',
    metadata: {
      name: p.name,
      uid: `9d0c6a7e-0000-4000-8000-00000000000${index}`,
      resourceVersion: String(700 + index),
      creationTimestamp: TIMES.node,
    },
    spec: {
      cidr: p.cidr,
      vxlanMode: p.vxlanMode ?? 'Never',
      ipipMode: p.ipipMode ?? 'Always',
      ...((p.natOutgoing ?? true) ? { natOutgoing: true } : {}),
      ...(p.disabled ? { disabled: true } : {}),
      ...(p.disableBGPExport ? { disableBGPExport: true } : {}),
      blockSize: p.blockSize ?? 26,
      nodeSelector: p.nodeSelector ?? 'all()',
      allowedUses: [...(p.allowedUses ?? ['Workload', 'Tunnel'])],
      assignmentMode: p.assignmentMode ?? 'Automatic',
    },
  }
}

/**
 * `calicoctl get ippool -o json`: always an `IPPoolList`, indented by 2 (json.MarshalIndent), with
 * `"items": null` when there is no pool (a nil slice without omitempty).
 */
export function ipPoolList(pools: readonly PoolSpec[]): string {
  const items = pools.map((p, i) => ipPool(p, i))
  const body = {
    kind: 'IPPoolList',
    apiVersion: 'projectcalico.org/v3',
    metadata: { resourceVersion: '812' },
    items: items.length > 0 ? items : null,
  }
  return `${JSON.stringify(body, null, 2)}\n`
}

export type AffinitySpec = { node: string; cidr: string; state?: 'confirmed' | 'pending' | 'pendingDeletion' }

/** A `crd.projectcalico.org/v1` BlockAffinity (`kubectl get blockaffinities.crd.projectcalico.org`). */
export function blockAffinity(a: AffinitySpec): Record<string, unknown> {
  return {
    apiVersion: 'crd.projectcalico.org/v1',
    kind: 'BlockAffinity',
    metadata: {
      annotations: { 'projectcalico.org/metadata': '{"creationTimestamp":null}' },
      creationTimestamp: TIMES.pod,
      generation: 1,
      // Calico names an affinity `<node>-<a-b-c-d-26>`.
      name: `${a.node}-${a.cidr.replace(/[./]/g, '-')}`,
      resourceVersion: '901',
      uid: `uid-ba-${a.node}-${a.cidr}`,
    },
    spec: { cidr: a.cidr, deleted: 'false', node: a.node, state: a.state ?? 'confirmed' },
  }
}

/** The `default` ClusterInformation, where the cluster's Calico version is read. */
export const clusterInformation = (calicoVersion: string): Record<string, unknown> => ({
  apiVersion: 'crd.projectcalico.org/v1',
  kind: 'ClusterInformation',
  metadata: {
    annotations: { 'projectcalico.org/metadata': '{"creationTimestamp":null}' },
    creationTimestamp: TIMES.node,
    generation: 1,
    name: 'default',
    resourceVersion: '712',
    uid: 'uid-clusterinformation-default',
  },
  spec: {
    calicoVersion,
    clusterGUID: '5c3b0e8a0b4f4c52a4d2b7c3a8d9e1f0',
    clusterType: 'k8s,bgp,kubeadm,kdd',
    datastoreReady: true,
  },
})
