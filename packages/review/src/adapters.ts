// Stand-ins for names other packages have but do not export from their entry points (yet). Each is the smallest
// reading this package needs; swap it for the import named in its comment once that export exists.
import type { PingResult } from '@lab4/app'

/** Wanted: `pingSucceeded` from @lab4/app (packages/app/src/busybox/ping.ts). Every sent packet answered. */
export const pingAnswered = (r: PingResult): boolean =>
  r.error === undefined &&
  (r.transmitted !== undefined ? r.transmitted > 0 && r.received === r.transmitted : r.replies.length > 0)

/** Wanted: `ipFromDashedName` from @lab4/app (packages/app/src/names.ts). `10-244-2-5.svc…` → `10.244.2.5`. */
export function dashedIp(name: string): string | undefined {
  const m = /^(\d{1,3})-(\d{1,3})-(\d{1,3})-(\d{1,3})\./.exec(name)
  return m ? m.slice(1, 5).join('.') : undefined
}

/** Wanted: `expectedNodeNames` from @lab4/cluster (packages/cluster/src/argv.ts): `P`, `P-m02`, `P-m03`… */
export const minikubeNodeNames = (profile: string, nodes: number): string[] =>
  Array.from({ length: nodes }, (_, i) =>
    i === 0 ? profile : `${profile}-m${String(i + 1).padStart(2, '0')}`,
  )

/**
 * Wanted: `parsePoolSelector` and `evaluate` (or `selects`) from @lab4/ipam (packages/ipam/src/selector/index.ts).
 * Until then only the forms students write are read: `all()`, `k == "v"`, `k != "v"`, `has(k)`, joined by `&&`.
 * Anything else gives undefined (not judged), never a guess.
 */
export function selectorMatches(
  selector: string,
  labels: Readonly<Record<string, string>>,
): boolean | undefined {
  const terms = selector.split('&&').map((t) => t.trim())
  let all = true
  for (const t of terms) {
    if (t === 'all()' || t === '') continue
    const eq = /^([\w./-]+)\s*(==|!=)\s*["']([^"']*)["']$/.exec(t)
    const has = /^has\(\s*([\w./-]+)\s*\)$/.exec(t)
    if (eq) {
      const v = labels[eq[1] ?? '']
      all &&= eq[2] === '==' ? v === eq[3] : v !== eq[3]
    } else if (has) all &&= (has[1] ?? '') in labels
    else return undefined
  }
  return all
}

type WorkloadSpec = {
  spec?: {
    replicas?: number
    template?: {
      spec?: {
        containers?: Array<{
          image?: string
          env?: Array<{ name?: string; value?: unknown }>
          envFrom?: Array<{ configMapRef?: { name?: string } }>
        }>
      }
    }
  }
}

/** Wanted: `deploymentSummary` from @lab4/app (packages/app/src/k8s.ts): replicas, images and variable names. */
export function workloadSummary(obj: unknown): {
  replicas: number
  images: string[]
  env: string[]
  envFrom: string[]
} {
  const s = (obj as WorkloadSpec).spec
  const containers = s?.template?.spec?.containers ?? []
  return {
    replicas: typeof s?.replicas === 'number' ? s.replicas : 1,
    images: containers.map((c) => c.image ?? ''),
    env: containers.flatMap((c) => (c.env ?? []).map((e) => e.name ?? '')),
    envFrom: containers.flatMap((c) => (c.envFrom ?? []).map((f) => f.configMapRef?.name ?? '')),
  }
}
