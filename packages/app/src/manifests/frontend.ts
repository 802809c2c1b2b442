// Pure: the frontend Deployment and Service as data, and their YAML. Every field is a function of the config.
import { createHash } from 'node:crypto'
import { stringify } from 'yaml'
import { stableJson, type LabConfig, type V1Deployment, type V1Service } from '@lab4/core'
import { CONTAINER_PORT, MANIFEST_FILE, SPEC_HASH, appLabels } from '../names.ts'

type Namespace = { apiVersion: 'v1'; kind: 'Namespace'; metadata: { name: string } }

export function frontendDeployment(config: LabConfig): V1Deployment {
  const { app, zones } = config
  const labels = appLabels(config)
  const deployment: V1Deployment = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: app.name, namespace: app.namespace, labels },
    spec: {
      replicas: app.replicas,
      selector: { matchLabels: labels },
      template: {
        metadata: { labels },
        spec: {
          // One pod per zone: with 2 replicas and 2 zones DoNotSchedule forces a 1/1 split.
          topologySpreadConstraints: [
            { maxSkew: 1, topologyKey: zones.labelKey, whenUnsatisfiable: 'DoNotSchedule', labelSelector: { matchLabels: labels } },
          ],
          containers: [
            {
              name: app.name,
              image: app.image,
              imagePullPolicy: 'IfNotPresent',
              env: [
                { name: 'REACT_APP_USERNAME', value: app.username },
                { name: 'REACT_APP_COMPANY_NAME', value: app.company },
              ],
              ports: [{ name: 'http', containerPort: CONTAINER_PORT, protocol: 'TCP' }],
              // The image runs `npm run build` before it listens, so readiness waits up to ~5 minutes.
              readinessProbe: { tcpSocket: { port: CONTAINER_PORT }, initialDelaySeconds: 20, periodSeconds: 5, failureThreshold: 60 },
              resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1536Mi' } },
            },
          ],
        },
      },
    },
  }
  return withHash(deployment)
}

export function frontendService(config: LabConfig): V1Service {
  const { app } = config
  const service: V1Service = {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: app.service.name, namespace: app.namespace, labels: appLabels(config) },
    spec: {
      type: app.service.type,
      selector: appLabels(config),
      ports: [{ name: 'http', protocol: 'TCP', port: app.service.port, targetPort: CONTAINER_PORT }],
    },
  }
  return withHash(service)
}

/** A non-default namespace must exist before the objects in it. */
const namespaceDoc = (config: LabConfig): Namespace[] =>
  config.app.namespace === 'default' ? [] : [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: config.app.namespace } }]

export type FrontendManifest = {
  /** `manifests/frontend.yaml`, the student's deliverable and the stdin of `kubectl apply -f -`. */
  readonly file: string
  readonly yaml: string
  readonly deployment: V1Deployment
  readonly service: V1Service
}

export function frontendManifest(config: LabConfig): FrontendManifest {
  const deployment = frontendDeployment(config)
  const service = frontendService(config)
  const header = `# ${MANIFEST_FILE}: rendered by lab4 from lab.config.yaml (lab items 6 and 7); edit the config, not this file.\n`
  const docs = [...namespaceDoc(config), deployment, service].map((d) => stringify(d, { lineWidth: 0, aliasDuplicateObjects: false }))
  return { file: MANIFEST_FILE, yaml: header + docs.join('---\n'), deployment, service }
}

/** The spec hash an object carries, or undefined when it has none. */
export const specHashOf = (o: { metadata?: { annotations?: Record<string, string> } } | undefined): string | undefined =>
  o?.metadata?.annotations?.[SPEC_HASH]

/** Stamp the object with a hash of everything else in it, so reuse is a string compare. */
function withHash<T extends { metadata?: { annotations?: Record<string, string> } }>(o: T): T {
  const hash = createHash('sha256').update(stableJson(o)).digest('hex').slice(0, 16)
  return { ...o, metadata: { ...o.metadata, annotations: { ...o.metadata?.annotations, [SPEC_HASH]: hash } } }
}
