// `--faults a,b=N`: each fault makes one visible thing go wrong the way it does on real clusters.
import { isAppPod } from './pods.ts'
import type { Fault, Faults, Pod } from './types.ts'

export const FAULTS: Readonly<Record<Fault, string>> = {
  'calico-slow': 'calico-node stays in Init:x/3 for several seconds before it becomes Ready',
  'calico-never-ready': 'calico-node is stuck in Init:1/3 forever',
  'image-pull-backoff': 'app pods cannot pull their image (ErrImagePull, then ImagePullBackOff)',
  'node-not-ready': 'the second node never becomes Ready',
  'pods-one-node': 'the scheduler ignores the zone spread constraint: every app pod lands on the first node',
  'portforward-drop': 'port-forward dies ("lost connection to pod") after N HTTP requests (default 2)',
  'dns-failure': 'CoreDNS answers NXDOMAIN for pod and endpoint names',
  'pods-before-pools':
    'the app Deployment already exists (pods on default-pool IPs) when calicoctl is first applied',
  'calicoctl-version-mismatch': 'the calicoctl binary reports a patch version different from the cluster',
  'slow-build':
    "the app's `npm run build` never finishes: its pods run but never listen on :3000, so they never become Ready",
  'cni-kindnet':
    "NetworkPolicies are stored but not enforced, as on minikube's default CNI kindnet (the rest stays Calico)",
}

export const DEFAULT_DROP_AFTER = 2

/** Parse `['calico-slow', 'portforward-drop=3']` or `'a,b'`; unknown names are an error listing the known ones. */
export function parseFaults(list: string | readonly string[] | undefined): Faults {
  const items = (typeof list === 'string' ? list.split(',') : (list ?? []).flatMap((s) => s.split(',')))
    .map((s) => s.trim())
    .filter(Boolean)
  const out: Faults = {}
  for (const item of items) {
    const [name = '', value] = item.split('=', 2)
    if (!(name in FAULTS)) {
      throw new Error(`unknown fault "${name}"; known faults: ${Object.keys(FAULTS).join(', ')}`)
    }
    if (value === undefined) {
      out[name as Fault] = true
    } else {
      const n = Number(value)
      if (!Number.isInteger(n) || n < 0)
        throw new Error(`fault "${name}" takes a whole number (e.g. ${name}=2), got "${value}"`)
      out[name as Fault] = n
    }
  }
  return out
}

export const hasFault = (f: Faults, name: Fault): boolean => f[name] !== undefined

export const dropAfter = (f: Faults): number | undefined => {
  const v = f['portforward-drop']
  return v === undefined ? undefined : v === true ? DEFAULT_DROP_AFTER : v
}

/** slow-build: this pod's `npm run build` never ends, so it never listens and never turns Ready. */
export const buildNeverEnds = (f: Faults, p: Pod): boolean => hasFault(f, 'slow-build') && isAppPod(p)
