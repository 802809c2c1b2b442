// ippools.yaml: one projectcalico.org/v3 IPPool per zone, created through calicoctl (never the crd.projectcalico.org form).
import { Document, isScalar, isSeq, visit } from 'yaml'
import type { LabConfig } from '@lab4/core'
import { type IPPool, desiredPools } from '../pool.ts'

export function poolManifest(p: IPPool): Record<string, unknown> {
  return {
    apiVersion: 'projectcalico.org/v3',
    kind: 'IPPool',
    metadata: { name: p.name },
    spec: {
      cidr: p.cidr,
      blockSize: p.blockSize,
      ipipMode: p.ipipMode,
      vxlanMode: p.vxlanMode,
      natOutgoing: p.natOutgoing,
      nodeSelector: p.nodeSelector,
      ...(p.disabled ? { disabled: true } : {}),
    },
  }
}

/** Multi-document YAML, one document per object, in the given order; short lists of plain values print inline. */
export const renderDocs = (objects: readonly unknown[]): string => objects.map(renderDoc).join('---\n')

function renderDoc(o: unknown): string {
  const doc = new Document(o)
  visit(doc, {
    Seq(_key, node) {
      if (isSeq(node) && node.items.every(isScalar) && String(node.toJSON()).length < 60) node.flow = true
    },
  })
  return doc.toString({ lineWidth: 0, flowCollectionPadding: false })
}

/** The stdin of `calicoctl create -f -`: exactly the given pools. */
export const renderPoolDocs = (pools: readonly IPPool[]): string => renderDocs(pools.map(poolManifest))

const HEADER = [
  '# Calico IP pools, one per zone (lab item 5). Generated from lab.config.yaml by `pnpm lab`.',
  '# Create them through the calicoctl pod after deleting default-ipv4-ippool (they overlap it):',
  '#   kubectl exec -i -n kube-system calicoctl -- calicoctl delete ippool default-ipv4-ippool',
  '#   kubectl exec -i -n kube-system calicoctl -- calicoctl create -f - < manifests/ippools.yaml',
]

/** manifests/ippools.yaml: a deterministic function of the config. */
export const renderPoolsYaml = (config: LabConfig): string => `${HEADER.join('\n')}\n${renderPoolDocs(desiredPools(config))}`
