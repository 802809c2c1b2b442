// One consistent version set: what minikube v1.34.0 installs (facts §1.1: minikube v1.34.0 ships Calico v3.28.1).
export const MINIKUBE_VERSION = 'v1.34.0'
export const MINIKUBE_COMMIT = '210b148df93a80eb872ecbeb7e35281b3c582c61'
export const KUBERNETES_VERSION = 'v1.31.0'
export const KUBECTL_VERSION = 'v1.31.0'
export const CALICO_VERSION = 'v3.28.1'
export const CALICO_GIT_COMMIT = 'a2a6b3b7c'
export const DOCKER_VERSION = '27.2.0'
export const KICBASE_VERSION = 'v0.0.45'
export const COREDNS_IMAGE = 'registry.k8s.io/coredns/coredns:v1.11.1'
export const ETCD_IMAGE = 'registry.k8s.io/etcd:3.5.15-0'
export const STORAGE_PROVISIONER_IMAGE = 'gcr.io/k8s-minikube/storage-provisioner:v5'
export const NODE_SUBNET = '192.168.49'
export const SERVICE_CIDR = '10.96.0.0/12'
export const POD_CIDR = '10.244.0.0/16'
export const DEFAULT_POOL = 'default-ipv4-ippool'
/** calico-node recreates the default pool once no pool has existed for this long. */
export const POOL_RECREATE_MS = 8000

/** `v3.28.1` -> `v3.28.0`: the version a mismatched calicoctl binary reports. */
export const otherPatch = (v: string): string =>
  v.replace(/\.(\d+)$/, (_, p: string) => `.${Number(p) > 0 ? Number(p) - 1 : Number(p) + 1}`)
