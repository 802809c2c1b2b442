// Pure readers for `minikube profile list -o json` and `minikube status -o json` (facts §1.4).

/** One profile as `minikube profile list -o json` shows it; fields we do not need are dropped. */
export type ProfileInfo = {
  name: string
  /** `OK` (running; older minikube: `Running`), `Stopped`, `Paused`, `Starting`, `Error`, `Unknown`… */
  status: string
  driver: string | undefined
  /** `Config.KubernetesConfig.CNI`: `calico` for `--cni calico`, empty when minikube chose one itself. */
  cni: string | undefined
  networkPlugin: string | undefined
  kubernetesVersion: string | undefined
  /** `Config.Nodes`; the control plane has Name "" there. */
  nodes: ProfileNode[] | undefined
}
export type ProfileNode = { name: string; ip: string | undefined; controlPlane: boolean; worker: boolean }

export type ProfileList =
  { ok: true; valid: ProfileInfo[]; invalid: ProfileInfo[] } | { ok: false; error: string }

type RawProfile = {
  Name?: string
  Status?: string
  Config?: {
    Driver?: string
    VMDriver?: string
    KubernetesConfig?: { KubernetesVersion?: string; CNI?: string; NetworkPlugin?: string }
    Nodes?: Array<{ Name?: string; IP?: string; ControlPlane?: boolean; Worker?: boolean }>
  } | null
}

/** Parse the JSON; `{"error":…}` (exit 80) and unreadable output become `{ ok: false }` with the reason. */
export function parseProfileList(stdout: string, exitCode: number | null): ProfileList {
  let json: { valid?: RawProfile[] | null; invalid?: RawProfile[] | null; error?: unknown }
  try {
    json = JSON.parse(jsonPart(stdout)) as typeof json
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err)
    return {
      ok: false,
      error: `\`minikube profile list -o json\` exited ${exitCode} with output that is not JSON (${why})`,
    }
  }
  if (json.error !== undefined || exitCode !== 0) {
    const detail = typeof json.error === 'string' ? json.error : JSON.stringify(json.error ?? json)
    return { ok: false, error: `\`minikube profile list -o json\` exited ${exitCode}: ${detail}` }
  }
  return {
    ok: true,
    valid: (json.valid ?? []).map(profileInfo),
    invalid: (json.invalid ?? []).map(profileInfo),
  }
}

function profileInfo(p: RawProfile): ProfileInfo {
  const k = p.Config?.KubernetesConfig
  return {
    name: p.Name ?? '',
    status: p.Status ?? 'Unknown',
    driver: p.Config?.Driver || p.Config?.VMDriver || undefined,
    cni: k?.CNI,
    networkPlugin: k?.NetworkPlugin,
    kubernetesVersion: k?.KubernetesVersion || undefined,
    nodes: p.Config?.Nodes?.map((n) => ({
      name: n.Name ?? '',
      ip: n.IP || undefined,
      controlPlane: n.ControlPlane ?? false,
      worker: n.Worker ?? false,
    })),
  }
}

/** One node of `minikube status -o json`; Go field names are the JSON keys. */
export type NodeStatus = {
  name: string
  host: string
  kubelet: string
  apiServer: string
  kubeconfig: string
  worker: boolean
}

export type ClusterStatus =
  | { kind: 'absent' }
  | { kind: 'present'; nodes: NodeStatus[]; exitCode: number | null; running: boolean; problems: string[] }

/** minikube's exit code for "no such profile" (reason.ExGuestNotFound). */
export const STATUS_ABSENT = 85

// The exit code is a bitmask even with -o json (cmd/minikube/cmd/status.go).
const STATUS_BITS: ReadonlyArray<[number, string]> = [
  [1, 'a host is not running'],
  [2, 'kubelet or apiserver is not running'],
  [4, 'kubeconfig is not configured'],
]

/** One node → a JSON object, several → an array; exit 85 → absent. Throws when the output is not status JSON. */
export function parseStatus(stdout: string, exitCode: number | null): ClusterStatus {
  if (exitCode === STATUS_ABSENT) return { kind: 'absent' }
  let json: unknown
  try {
    json = JSON.parse(jsonPart(stdout))
  } catch {
    throw new Error(
      `\`minikube status -o json\` exited ${exitCode} without status JSON${stdout.trim() ? `: ${stdout.trim().split('\n')[0]}` : ''}`,
    )
  }
  const raw = (Array.isArray(json) ? json : [json]) as Array<Record<string, unknown>>
  const nodes = raw.map((n) => ({
    name: str(n.Name),
    host: str(n.Host),
    kubelet: str(n.Kubelet),
    apiServer: str(n.APIServer),
    kubeconfig: str(n.Kubeconfig),
    worker: n.Worker === true,
  }))
  if (nodes.some((n) => !n.name)) throw new Error('`minikube status -o json` printed JSON without node names')
  const problems = [
    ...STATUS_BITS.filter(([bit]) => ((exitCode ?? 0) & bit) !== 0).map(([, text]) => text),
    ...nodes
      .filter((n) => !isNodeRunning(n))
      .map(
        (n) =>
          `${n.name}: host ${n.host}, kubelet ${n.kubelet}${n.worker ? '' : `, apiserver ${n.apiServer}`}`,
      ),
  ]
  return { kind: 'present', nodes, exitCode, running: exitCode === 0 && problems.length === 0, problems }
}

const isNodeRunning = (n: NodeStatus): boolean =>
  n.host === 'Running' && n.kubelet === 'Running' && (n.worker || n.apiServer === 'Running')

const str = (v: unknown): string => (typeof v === 'string' ? v : '')

// minikube may print a notice line before the JSON; the JSON starts at the first { or [.
function jsonPart(stdout: string): string {
  const i = stdout.search(/[[{]/)
  return i < 0 ? stdout : stdout.slice(i)
}
