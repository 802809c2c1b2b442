// Pure zone assignment: config.zones.values in node order (control plane first, then by name).
import { LabError, orderNodes } from '@lab4/core'
import type { LabConfig, NodeSummary } from '@lab4/core'

export type ZoneAssignment = { node: string; zone: string; current: string | undefined }

/** Which zone each observed node should carry. Throws when the node count and the zone count differ. */
export function zoneAssignment(nodes: readonly NodeSummary[], config: LabConfig): ZoneAssignment[] {
  const { labelKey, values } = config.zones
  const ordered = orderNodes(nodes)
  if (ordered.length !== values.length) {
    throw new LabError(
      `cannot label nodes: the cluster has ${ordered.length} node(s) (${ordered.map((n) => n.name).join(', ') || 'none'}) but zones.values lists ${values.length} (${values.join(', ')})`,
      {
        hint: 'Give zones.values exactly one value per node in lab.config.yaml (cluster.nodes), in node order.',
        exitCode: 2,
      },
    )
  }
  return ordered.map((n, i) => ({ node: n.name, zone: values[i] ?? '', current: n.labels[labelKey] }))
}

/** Only the nodes whose label differs; an already-labelled cluster yields nothing to do. */
export const labelChanges = (assignment: readonly ZoneAssignment[]): ZoneAssignment[] =>
  assignment.filter((a) => a.current !== a.zone)

export const describeAssignment = (key: string, a: readonly ZoneAssignment[]): string =>
  a.map((x) => `${x.node} ${key}=${x.current ?? '(none)'}`).join(', ')
