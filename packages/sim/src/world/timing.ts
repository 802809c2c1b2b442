// How long a laptop takes for what the simulator plays (registry pulls, the frontend's build, minikube's
// downloads), in real seconds, and how much faster than that the simulator plays it.
//
// Where the defaults come from (files in ../shared/real-outputs):
// - download speed: students/kairoslav__minikube-start-single-then-node-add.txt, minikube v1.32 on a laptop,
//   `index.docker.io/kicbase/sta...: 410.58 MiB … 33.69 M` and `preloaded-images-k8s-v18-v1...: 341.16 MiB …
//   48.69 M`: the slower one is the per-node registry speed, the two are minikube start's own downloads.
// - the rest of the sim's delays (nodes Ready, calico-node Init:x/3 → Ready) were tuned 30× faster than the
//   node and pod ages students recorded: countenum404's calico-node still Init:2/3 at 30 s and 1/1 at 55 s,
//   workers joining 14–25 s after the control plane (LinaMalinaMeow, Creampanda, Artemchikus, countenum404).
// - no log shows the frontend image's size or its `npm run build` time: both are estimates, marked below.

export type Timing = {
  /** How many times faster than a laptop the simulator plays the lab: 30 by default, 1 is real time. */
  readonly speedup: number
  /** Registry download speed of the machine, MiB/s; nodes pulling at once share it (one uplink). */
  readonly downloadMiBps: number
  /** Compressed sizes (MiB) of the images a node must pull by repository; any other image is preloaded or cached. */
  readonly imageMiB: Readonly<Record<string, number>>
  /** The frontend's `npm run build` at container start, [min, max] real seconds. */
  readonly buildS: readonly [number, number]
  /** What a fresh `minikube start` downloads before it creates the nodes, MiB at MiB/s. */
  readonly startDownloads: ReadonlyArray<{
    readonly what: string
    readonly MiB: number
    readonly MiBps: number
  }>
}

export const DEFAULT_SPEEDUP = 30
export const FRONTEND_REPOSITORY = 'ifilyaninitmo/itdt-contained-frontend'

export const DEFAULT_TIMING: Timing = {
  speedup: DEFAULT_SPEEDUP,
  downloadMiBps: 33.69,
  // UNVERIFIED estimate: node:14-alpine (~40 MiB compressed) plus a create-react-app's node_modules.
  imageMiB: { [FRONTEND_REPOSITORY]: 150 },
  // UNVERIFIED: "tens of seconds to minutes" (facts §6); also what the sim played before pulls were modelled.
  buildS: [45, 90],
  startDownloads: [
    { what: 'kicbase', MiB: 410.58, MiBps: 33.69 },
    { what: 'preload', MiB: 341.16, MiBps: 48.69 },
  ],
}

/** The world's timing: the defaults with what the world was set up with. */
export const timingOf = (holder: { timing?: Partial<Timing> | undefined }): Timing => ({
  ...DEFAULT_TIMING,
  ...holder.timing,
})

/** Real seconds as simulated milliseconds. */
export const simMs = (t: Timing, seconds: number): number => Math.round((seconds * 1000) / t.speedup)

/** The sim's hand-tuned delays are milliseconds at the default speed-up; this factor plays them at `t`'s. */
export const stretch = (t: Timing): number => DEFAULT_SPEEDUP / t.speedup

/** `docker.io/library/x:1` → `x`, `ifilyaninitmo/itdt-contained-frontend:master` → its repository. */
export function repositoryOf(image: string): string {
  const noDigest = image.split('@')[0] ?? image
  const lastSlash = noDigest.lastIndexOf('/')
  const colon = noDigest.lastIndexOf(':')
  const repo = colon > lastSlash ? noDigest.slice(0, colon) : noDigest
  return repo.replace(/^docker\.io\//, '').replace(/^library\//, '')
}

/** MiB a node must download for `image`; undefined when minikube preloaded it or the sim does not model it. */
export const pulledSize = (t: Timing, image: string): number | undefined => t.imageMiB[repositoryOf(image)]

/** One pull while `sharing` other pulls run on the same uplink. */
export const pullMs = (t: Timing, MiB: number, sharing: number): number =>
  simMs(t, (MiB * (1 + sharing)) / t.downloadMiBps)

/** `npm run build` as the Deployment's readiness delay: ms at the default speed-up, stretched like the rest. */
export const buildDelay = (t: Timing): [number, number] => [
  Math.round((t.buildS[0] * 1000) / DEFAULT_SPEEDUP),
  Math.round((t.buildS[1] * 1000) / DEFAULT_SPEEDUP),
]

/** minikube start's base image and preload downloads, as simulated ms (a fresh profile only). */
export const startDownloadMs = (t: Timing): number =>
  simMs(
    t,
    t.startDownloads.reduce((s, d) => s + d.MiB / d.MiBps, 0),
  )
