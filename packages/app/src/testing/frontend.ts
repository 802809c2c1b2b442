// Test helper: the lab's frontend objects as kubectl and calicoctl print them, composed from @lab4/core/testing.
import {
  LAB_ZONES,
  deployment,
  endpointSlice,
  ipPoolList,
  kubectlJson,
  labNodes,
  list,
  pod,
  replicaSetOf,
  service,
  type DeploymentSpec,
  type EndpointSpec,
} from '@lab4/core/testing'

export const IMAGE = 'ifilyaninitmo/itdt-contained-frontend:master'

/** A replica of ReplicaSet `frontend-<hash>` (the hash is read from the pod name). */
export type FrontendPod = { name: string; node: string; ip?: string; ready?: boolean; waiting?: string }

/** `kubectl get pods -l app=frontend -o json`. */
export const frontendPods = (pods: readonly FrontendPod[]): string =>
  list(
    pods.map((p) =>
      pod({
        ...p,
        app: 'frontend',
        replicaSet: replicaSetOf(p.name),
        image: IMAGE,
        ports: [3000],
      }),
    ),
  )

/** `kubectl get deployment frontend -o json`: the kit's defaults are the lab image with both variables set. */
export const frontendDeploymentJson = (o: DeploymentSpec = {}): string => kubectlJson(deployment(o))

/** `kubectl get service frontend -o json`. */
export const frontendServiceJson = (clusterIP = '10.101.7.3'): string => kubectlJson(service({ clusterIP }))

/** `kubectl get endpointslices -l kubernetes.io/service-name=frontend -o json`. */
export const frontendSlices = (endpoints: readonly EndpointSpec[]): string =>
  list([endpointSlice({ endpoints })])

/** `kubectl get nodes -o json` for lab4 (zone east) and lab4-m02 (zone west). */
export const zoneNodes = (): string => list(labNodes(LAB_ZONES))

/** `calicoctl get ippool -o json` with one pool per zone. */
export const zonePoolList = (): string =>
  ipPoolList([
    { name: 'east-ippool', cidr: '10.244.1.0/24', nodeSelector: 'zone == "east"' },
    { name: 'west-ippool', cidr: '10.244.2.0/24', nodeSelector: 'zone == "west"' },
  ])
