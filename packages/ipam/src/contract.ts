// ipam's evidence contract: its step ids, every key its steps record under, and the parsers of those outputs.
// The values are recorded in journals and report goldens: never change one, add a new key instead.

export const STEP = { calicoctl: 'ipam.calicoctl', pools: 'ipam.pools' } as const

export const KEY = {
  // ipam.calicoctl
  clusterInformation: 'ipam.clusterinformation',
  calicoctlPod: 'ipam.calicoctl-pod',
  calicoctlDelete: 'ipam.calicoctl-delete',
  calicoctlApply: 'ipam.calicoctl-apply',
  calicoctlVersion: 'ipam.calicoctl-version',
  /** Observation: the CalicoctlMode (version, --allow-version-mismatch) later calicoctl commands use. */
  calicoctlMode: 'ipam.calicoctl',
  /** Artifact: manifests/calicoctl.yaml. */
  calicoctlManifest: 'ipam.manifest.calicoctl',
  // ipam.pools: observe and act
  poolsBeforeJson: 'ipam.pools.before.json',
  poolsBeforeWide: 'ipam.pools.before.wide',
  poolDelete: 'ipam.pool.delete',
  poolsCreate: 'ipam.pools.create',
  poolsApply: 'ipam.pools.apply',
  restartSystem: 'ipam.restart.system',
  restartWorkload: 'ipam.restart.workload',
  rolloutCoredns: 'ipam.rollout.coredns',
  rolloutWorkload: 'ipam.rollout.workload',
  // ipam.pools: collect (podsJson and nodesJson are also recorded at step start)
  poolsAfterJson: 'ipam.pools.after.json',
  poolsAfterWide: 'ipam.pools.after.wide',
  blocks: 'ipam.blocks',
  check: 'ipam.check',
  affinitiesJson: 'ipam.affinities.json',
  podsJson: 'ipam.pods.json',
  nodesJson: 'ipam.nodes.json',
  /** Artifact: manifests/ippools.yaml. */
  poolsManifest: 'ipam.manifest.pools',
} as const

// The parsers of what these keys record.
export { parsePools } from './parse/pools.ts'
export { parsePoolsTable, type PoolRow, type PoolTable } from './parse/pools-table.ts'
export { parseIpamCheck, type IpamCheck, type CheckBlock } from './parse/ipam-check.ts'
export { parseAffinities, type BlockAffinity } from './parse/affinities.ts'
export { parseCalicoctlVersion, calicoVersionFrom, type CalicoctlVersion } from './parse/version.ts'
export type { IPPool } from './pool.ts'
