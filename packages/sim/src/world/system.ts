// What `minikube start --cni calico` leaves in kube-system, as pod specs and deployment templates.
import { CALICO_VERSION, COREDNS_IMAGE, ETCD_IMAGE, STORAGE_PROVISIONER_IMAGE } from './versions.ts'
import type { Container, Deployment, PodSpec } from './types.ts'

const c = (name: string, image: string, extra: Partial<Container> = {}): Container => ({
  name,
  image,
  ...extra,
})

export const calicoNodeSpec = (version = CALICO_VERSION): PodSpec => ({
  hostNetwork: true,
  serviceAccountName: 'calico-node',
  initContainers: [
    c('upgrade-ipam', `docker.io/calico/cni:${version}`),
    c('install-cni', `docker.io/calico/cni:${version}`),
    c('mount-bpffs', `docker.io/calico/node:${version}`),
  ],
  containers: [
    c('calico-node', `docker.io/calico/node:${version}`, {
      env: {
        DATASTORE_TYPE: 'kubernetes',
        CLUSTER_TYPE: 'k8s,bgp',
        IP: 'autodetect',
        CALICO_IPV4POOL_IPIP: 'Always',
      },
    }),
  ],
})

export const kubeProxySpec = (k8s: string): PodSpec => ({
  hostNetwork: true,
  serviceAccountName: 'kube-proxy',
  containers: [c('kube-proxy', `registry.k8s.io/kube-proxy:${k8s}`)],
})

export const staticPodSpec = (component: string, k8s: string): PodSpec => ({
  hostNetwork: true,
  containers: [c(component, component === 'etcd' ? ETCD_IMAGE : `registry.k8s.io/${component}:${k8s}`)],
})

export const storageProvisionerSpec = (): PodSpec => ({
  hostNetwork: true,
  serviceAccountName: 'storage-provisioner',
  containers: [c('storage-provisioner', STORAGE_PROVISIONER_IMAGE)],
})

type SystemDeployment = Pick<Deployment, 'replicas' | 'selector' | 'template' | 'readyDelay'> & {
  name: string
  labels: Record<string, string>
}

export const systemDeployments = (version = CALICO_VERSION): SystemDeployment[] => [
  {
    name: 'calico-kube-controllers',
    labels: { 'k8s-app': 'calico-kube-controllers' },
    replicas: 1,
    selector: { 'k8s-app': 'calico-kube-controllers' },
    template: {
      labels: { 'k8s-app': 'calico-kube-controllers' },
      annotations: {},
      spec: {
        serviceAccountName: 'calico-kube-controllers',
        containers: [
          c('calico-kube-controllers', `docker.io/calico/kube-controllers:${version}`, {
            env: { ENABLED_CONTROLLERS: 'node,loadbalancer', DATASTORE_TYPE: 'kubernetes' },
          }),
        ],
      },
    },
    readyDelay: [600, 1200],
  },
  {
    name: 'coredns',
    labels: { 'k8s-app': 'kube-dns' },
    replicas: 1,
    selector: { 'k8s-app': 'kube-dns' },
    template: {
      labels: { 'k8s-app': 'kube-dns' },
      annotations: {},
      spec: {
        serviceAccountName: 'coredns',
        containers: [
          c('coredns', COREDNS_IMAGE, { args: ['-conf', '/etc/coredns/Corefile'], ports: [53, 53, 9153] }),
        ],
      },
    },
    readyDelay: [500, 1000],
  },
]

/** The kubeadm Corefile (k8s v1.31: plain `cache 30`) with minikube's `log` line and host record added. */
export const corefile = (hostIP: string): string =>
  [
    '.:53 {',
    '    log',
    '    errors',
    '    health {',
    '       lameduck 5s',
    '    }',
    '    ready',
    '    kubernetes cluster.local in-addr.arpa ip6.arpa {',
    '       pods insecure',
    '       fallthrough in-addr.arpa ip6.arpa',
    '       ttl 30',
    '    }',
    '    prometheus :9153',
    '    hosts {',
    `       ${hostIP} host.minikube.internal`,
    '       fallthrough',
    '    }',
    '    forward . /etc/resolv.conf {',
    '       max_concurrent 1000',
    '    }',
    '    cache 30',
    '    loop',
    '    reload',
    '    loadbalance',
    '}',
    '',
  ].join('\n')
