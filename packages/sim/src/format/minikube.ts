// minikube v1.34.0 console output, `status -o json` and `profile list -o json` shapes.
import {
  DOCKER_VERSION,
  KICBASE_VERSION,
  MINIKUBE_VERSION,
  NODE_SUBNET,
  SERVICE_CIDR,
} from '../world/versions.ts'
import type { Cluster } from '../world/types.ts'

const HOST_OS = 'Ubuntu 22.04'

export const profileNotFound = (p: string): string =>
  `🤷  Profile "${p}" not found. Run "minikube profile list" to view all profiles.\n👉  To start a cluster, run: "minikube start -p ${p}"\n`

export function startText(c: Cluster, fresh: boolean): string {
  const lines = [
    `😄  [${c.profile}] minikube ${MINIKUBE_VERSION} on ${HOST_OS}`,
    fresh
      ? `✨  Using the ${c.driver} driver based on user configuration`
      : `✨  Using the ${c.driver} driver based on existing profile`,
    '📌  Using Docker driver with root privileges',
  ]
  c.nodes.forEach((n, i) => {
    if (i > 0) lines.push('')
    lines.push(
      i === 0
        ? `👍  Starting "${n.name}" primary control-plane node in "${c.profile}" cluster`
        : `👍  Starting "${n.name}" worker node in "${c.profile}" cluster`,
    )
    lines.push(`🚜  Pulling base image ${KICBASE_VERSION} ...`)
    lines.push(
      fresh
        ? `🔥  Creating docker container (CPUs=${c.cpus}, Memory=${c.memory}MB) ...`
        : `🔄  Restarting existing docker container for "${n.name}" ...`,
    )
    if (i > 0) lines.push('🌐  Found network options:', `    ▪ NO_PROXY=${NODE_SUBNET}.2`)
    lines.push(`🐳  Preparing Kubernetes ${c.kubernetesVersion} on Docker ${DOCKER_VERSION} ...`)
    if (i === 0) {
      lines.push(
        '    ▪ Generating certificates and keys ...',
        '    ▪ Booting up control plane ...',
        '    ▪ Configuring RBAC rules ...',
        '🔗  Configuring Calico (Container Networking Interface) ...',
        '🔎  Verifying Kubernetes components...',
        '    ▪ Using image gcr.io/k8s-minikube/storage-provisioner:v5',
        '🌟  Enabled addons: storage-provisioner, default-storageclass',
      )
    } else {
      lines.push(`    ▪ env NO_PROXY=${NODE_SUBNET}.2`, '🔎  Verifying Kubernetes components...')
    }
  })
  lines.push(
    `🏄  Done! kubectl is now configured to use "${c.profile}" cluster and "default" namespace by default`,
  )
  return `${lines.join('\n')}\n`
}

export type NodeStatus = {
  Name: string
  Host: string
  Kubelet: string
  APIServer: string
  Kubeconfig: string
  Worker: boolean
}

export function nodeStatuses(c: Cluster): NodeStatus[] {
  const up = c.status === 'Running'
  return c.nodes.map((n, i) => ({
    Name: n.name,
    Host: up && n.stoppedAt === undefined ? 'Running' : 'Stopped',
    Kubelet: up && n.stoppedAt === undefined ? 'Running' : 'Stopped',
    APIServer: i === 0 ? (up ? 'Running' : 'Stopped') : 'Irrelevant',
    Kubeconfig: i === 0 ? (up ? 'Configured' : 'Stopped') : 'Irrelevant',
    Worker: i > 0,
  }))
}

/** minikube's exit bitmask: 1 host, 2 kubelet/apiserver, 4 kubeconfig. */
export function statusCode(s: NodeStatus[]): number {
  let code = 0
  for (const n of s) {
    if (n.Host !== 'Running') code |= 1
    if (n.Kubelet !== 'Running' || (n.APIServer !== 'Running' && n.APIServer !== 'Irrelevant')) code |= 2
    if (n.Kubeconfig !== 'Configured' && n.Kubeconfig !== 'Irrelevant') code |= 4
  }
  return code
}

export function statusText(s: NodeStatus[]): string {
  return s
    .map((n) =>
      [
        n.Name,
        `type: ${n.Worker ? 'Worker' : 'Control Plane'}`,
        `host: ${n.Host}`,
        `kubelet: ${n.Kubelet}`,
        ...(n.Worker ? [] : [`apiserver: ${n.APIServer}`, `kubeconfig: ${n.Kubeconfig}`]),
        '',
      ].join('\n'),
    )
    .join('\n')
}

export function profileJson(c: Cluster, activeContext: string): Record<string, unknown> {
  return {
    Name: c.profile,
    Status: c.status === 'Running' ? 'OK' : 'Stopped',
    Config: {
      Name: c.profile,
      KeepContext: false,
      EmbedCerts: false,
      MinikubeISO: '',
      KicBaseImage: `gcr.io/k8s-minikube/kicbase:${KICBASE_VERSION}`,
      Memory: c.memory,
      CPUs: c.cpus,
      DiskSize: 20000,
      Driver: c.driver,
      HyperkitVpnKitSock: '',
      Network: '',
      Subnet: '',
      KubernetesConfig: {
        KubernetesVersion: c.kubernetesVersion,
        ClusterName: c.profile,
        Namespace: 'default',
        APIServerHAVIP: '',
        APIServerName: 'minikubeCA',
        APIServerNames: null,
        APIServerIPs: null,
        DNSDomain: 'cluster.local',
        ContainerRuntime: 'docker',
        CRISocket: '',
        NetworkPlugin: 'cni',
        FeatureGates: '',
        ServiceCIDR: SERVICE_CIDR,
        ImageRepository: '',
        LoadBalancerStartIP: '',
        LoadBalancerEndIP: '',
        CustomIngressCert: '',
        RegistryAliases: '',
        ExtraOptions: null,
        ShouldLoadCachedImages: true,
        EnableDefaultCNI: false,
        CNI: 'calico',
      },
      Nodes: c.nodes.map((n, i) => ({
        Name: i === 0 ? '' : n.name.slice(c.profile.length + 1),
        IP: n.ip,
        Port: 8443,
        KubernetesVersion: c.kubernetesVersion,
        ContainerRuntime: 'docker',
        ControlPlane: i === 0,
        Worker: true,
      })),
      Addons: { 'default-storageclass': true, 'storage-provisioner': true },
      CustomAddonImages: null,
      CustomAddonRegistries: null,
      VerifyComponents: {
        apiserver: true,
        apps_running: true,
        default_sa: true,
        extra: true,
        kubelet: true,
        node_ready: true,
        system_pods: true,
      },
      StartHostTimeout: 360000000000,
      ScheduledStop: null,
      ExposedPorts: [],
      MultiNodeRequested: c.nodes.length > 1,
    },
    Active: false,
    ActiveKubeContext: c.profile === activeContext,
  }
}
