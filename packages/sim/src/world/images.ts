// Images on a node: pulls start when a pod needs an image its node lacks, take their modelled time, and show in
// the node's status.images (what the kubelet reports) once done.
import { hasFault } from './faults.ts'
import { rand } from './rand.ts'
import { isRunning } from './pods.ts'
import { pullMs, pulledSize, repositoryOf, timingOf } from './timing.ts'
import type { Cluster, Faults, Node, Pod, Time } from './types.ts'

const imagesOf = (p: Pod): string[] => [
  ...new Set([...(p.spec.initContainers ?? []), ...p.spec.containers].map((c) => c.image)),
]

/** When every image of `p` is on `node`; null: never, a pull fails (fault image-pull-backoff). */
export function imagesReadyAt(c: Cluster, faults: Faults, node: Node, p: Pod, now: number): Time {
  let at = now
  for (const image of imagesOf(p)) {
    const t = imageReadyAt(c, faults, node, image, now)
    if (t === null) return null
    at = Math.max(at, t)
  }
  return at
}

/** When `image` is on `node`, starting its pull if none ran; preloaded and unmodelled images are there at once. */
export function imageReadyAt(c: Cluster, faults: Faults, node: Node, image: string, now: number): Time {
  const t = timingOf(c)
  const MiB = pulledSize(t, image)
  if (MiB === undefined) return now
  const images = (node.images ??= {})
  const failing = hasFault(faults, 'image-pull-backoff')
  const had = images[image]
  // A failed pull is tried again once the registry answers (the fault is gone), as the kubelet's back-off does.
  if (had && (had.at !== null || failing)) return had.at
  if (failing) {
    images[image] = { from: now, at: null }
    return null
  }
  const sharing = c.nodes.filter(
    (n) =>
      n !== node && Object.values(n.images ?? {}).some((x) => x.from <= now && x.at !== null && x.at > now),
  ).length
  const at = now + pullMs(t, MiB, sharing)
  images[image] = { from: now, at }
  return at
}

/** The node's status.images as the kubelet with the docker runtime reports them, largest first. */
export function nodeImages(c: Cluster, n: Node, now: number): Array<Record<string, unknown>> {
  const seed = 0 // sizes and digests belong to the image, not to a world
  const t = timingOf(c)
  const present = new Set<string>(['registry.k8s.io/pause:3.10'])
  for (const p of c.pods)
    if (p.nodeName === n.name && isRunning(p, now)) for (const i of imagesOf(p)) present.add(i)
  for (const [image, pull] of Object.entries(n.images ?? {}))
    if (pull.at !== null && pull.at <= now) present.add(image)
  return [...present]
    .map((image) => {
      const shown = image.replace(/^docker\.io\//, '')
      const repo = shown.split('@')[0]?.replace(/:[^/:]+$/, '') ?? shown
      const MiB = pulledSize(t, image)
      const sizeBytes = Math.round(
        MiB !== undefined
          ? MiB * 2.6 * 1048576
          : (20 + rand(seed, 'image-size', repositoryOf(image)) * 280) * 1e6,
      )
      return { names: [`${repo}@sha256:${digest(seed, repositoryOf(image))}`, shown], sizeBytes }
    })
    .sort((a, b) => b.sizeBytes - a.sizeBytes)
    .slice(0, 50)
}

function digest(seed: number, repo: string): string {
  return Array.from({ length: 64 }, (_, i) =>
    Math.floor(rand(seed, 'digest', repo, i) * 16).toString(16),
  ).join('')
}
