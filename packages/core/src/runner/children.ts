// Every child we start is tracked here so Ctrl-C, SIGTERM and normal exit can end all of them.
export type Killable = {
  readonly pid: number | undefined
  kill(signal?: NodeJS.Signals): unknown
  readonly exited: Promise<unknown>
}

const live = new Set<Killable>()

export function track(child: Killable): () => void {
  live.add(child)
  return () => live.delete(child)
}

/** SIGTERM every tracked child, then SIGKILL whatever has not exited within `graceMs`. */
export async function killAllChildren(graceMs = 2000): Promise<void> {
  const children = [...live]
  for (const c of children) safeKill(c, 'SIGTERM')
  const settled = Promise.allSettled(children.map((c) => c.exited))
  const timer = new Promise((r) => setTimeout(r, graceMs).unref())
  await Promise.race([settled, timer])
  for (const c of live) safeKill(c, 'SIGKILL')
  await Promise.race([
    Promise.allSettled(children.map((c) => c.exited)),
    new Promise((r) => setTimeout(r, 500).unref()),
  ])
}

function safeKill(c: Killable, signal: NodeJS.Signals): void {
  try {
    c.kill(signal)
  } catch {
    // already gone
  }
}
