// `pnpm test:live`: the whole lab on a real minikube, or one clear SKIPPED line where there is none.
export type LiveMachine = { readonly minikube: boolean; readonly docker: { ok: boolean; detail: string } }

export const SKIP_HINT = '(needs minikube + Docker; see README "Live test")'

/** Pure: why the live suite cannot run here, or undefined when it can. */
export function liveSkipReason(m: LiveMachine): string | undefined {
  if (!m.minikube) return `minikube is not installed on this machine ${SKIP_HINT}`
  if (!m.docker.ok)
    return `\`docker info\` failed${m.docker.detail ? ` (${m.docker.detail})` : ''} ${SKIP_HINT}`
  return undefined
}

export type LiveStage = { readonly name: string; readonly script: readonly string[] }

/** The stages, in order; each is a root package script, run with the same pnpm that started the suite. */
export const liveStages = (junitFile = 'report/junit.xml'): LiveStage[] => [
  { name: 'lab', script: ['lab'] },
  { name: 'verify', script: ['verify', '--junit', junitFile, '--json', 'report/verify.json'] },
  { name: 'report', script: ['report', '--no-pdf'] },
]
