// The world on disk: one JSON file, replaced atomically, guarded by a mkdir lock shared by all fake processes.
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { reconcileWorld } from './controllers.ts'
import type { World } from './types.ts'

export const WORLD_FILE = 'world.json'
const LOCK_DIR = 'world.lock'
const STALE_LOCK_MS = 10_000

export const worldPath = (stateDir: string): string => join(stateDir, WORLD_FILE)

export function emptyWorld(seed: number, faults: World['faults'], timing?: World['timing']): World {
  return { version: 1, seed, faults, ...(timing ? { timing } : {}), clusters: {} }
}

/** Read the world as it is on disk (no time advance); undefined when there is none. */
export function readWorld(stateDir: string): World | undefined {
  const file = worldPath(stateDir)
  if (!existsSync(file)) return undefined
  return JSON.parse(readFileSync(file, 'utf8')) as World
}

export function writeWorld(stateDir: string, w: World): void {
  const file = worldPath(stateDir)
  const tmp = `${file}.${process.pid}.tmp`
  writeFileSync(tmp, JSON.stringify(w))
  renameSync(tmp, file)
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms))

async function lock(stateDir: string): Promise<() => void> {
  const dir = join(stateDir, LOCK_DIR)
  for (let attempt = 0; ; attempt++) {
    try {
      mkdirSync(dir)
      return () => rmSync(dir, { recursive: true, force: true })
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err
      // A fake killed mid-update leaves its lock behind; nothing legitimately holds it this long.
      try {
        if (Date.now() - statSync(dir).mtimeMs > STALE_LOCK_MS) rmSync(dir, { recursive: true, force: true })
      } catch {
        // removed by its owner meanwhile
      }
      if (attempt > 2000)
        throw new Error(
          `simulated cluster state is locked (${dir}); remove it if no fake kubectl/minikube is running`,
        )
      await pause(5 + (attempt % 10))
    }
  }
}

/**
 * Load the world advanced to now, let `fn` change it, save it. Everything happens under the lock,
 * so concurrent fakes (a port-forward plus exec calls) never lose each other's updates.
 */
export async function updateWorld<T>(
  stateDir: string,
  fn: (w: World, now: number) => T,
): Promise<{ world: World; value: T }> {
  const unlock = await lock(stateDir)
  try {
    const now = Date.now()
    const current = readWorld(stateDir)
    if (!current) throw new Error(`no simulated world in ${stateDir}; run setupSimulation() first`)
    const world = reconcileWorld(current, now)
    const value = fn(world, now)
    writeWorld(stateDir, world)
    return { world, value }
  } finally {
    unlock()
  }
}
