// Where things live, relative to the repo root (scripts may run from any package via turbo).
// LAB_RUNS_DIR and LAB_SIM_DIR move run records and simulated worlds elsewhere (tests use temp dirs).
import { fileURLToPath } from 'node:url'
import { join, resolve } from 'node:path'

export const ROOT = fileURLToPath(new URL('..', import.meta.url)).replace(/\/$/, '')
export const RUNS_DIR = process.env.LAB_RUNS_DIR
  ? resolve(process.env.LAB_RUNS_DIR)
  : join(ROOT, 'report', 'runs')
/** The simulated worlds, one per profile; kept between runs so a second run finds the first one's cluster. */
export const SIM_DIR = process.env.LAB_SIM_DIR
  ? resolve(process.env.LAB_SIM_DIR)
  : join(ROOT, 'report', '.sim')
