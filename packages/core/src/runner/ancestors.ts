// `pnpm lab` runs us as pnpm → sh → tsx → node; pnpm does not pass SIGTERM on, so we watch the chain ourselves.
import { type ProcessId, commandOf, identify, isSameProcess, parentOf } from './process-id.ts'

export type Ancestor = ProcessId & { readonly command: string }

/** A package manager that runs scripts for us (its death must end us too). */
const LAUNCHER = /(^|[\s/])(pnpm|npm|npx|yarn)(\.c?js)?(\s|$)|pnpm\.c?js|npm-cli\.js/

/**
 * Our ancestors up to and including the package manager that launched the script (when the environment says one
 * did), else just our parent. Walks at most `maxDepth` levels.
 */
export function launchChain(env: NodeJS.ProcessEnv = process.env, maxDepth = 6): Ancestor[] {
  const chain: Ancestor[] = []
  const viaScript = Boolean(env.npm_lifecycle_event)
  let pid: number | undefined = process.ppid
  for (let depth = 0; pid && pid > 1 && depth < maxDepth; depth++) {
    const id = identify(pid)
    if (!id) break
    const command = commandOf(pid)
    chain.push({ ...id, command })
    if (!viaScript || LAUNCHER.test(command)) break
    pid = parentOf(pid)
  }
  // No launcher found within reach: only the parent is ours for sure.
  if (viaScript && !chain.some((a) => LAUNCHER.test(a.command))) return chain.slice(0, 1)
  return chain
}

/** Poll the chain; call `onGone` once with the first ancestor that has ended. Returns the stop function. */
export function watchAncestors(
  chain: readonly Ancestor[],
  onGone: (a: Ancestor) => void,
  intervalMs = 250,
): () => void {
  if (chain.length === 0) return () => undefined
  const timer = setInterval(() => {
    const gone = chain.find((a) => !isSameProcess(a))
    if (gone) {
      clearInterval(timer)
      onGone(gone)
    }
  }, intervalMs)
  timer.unref()
  return () => clearInterval(timer)
}
